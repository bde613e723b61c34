import { describe, expect, it } from 'vitest';
import { validatePlanJson } from '../../src/deploy/plan-json';
import { renderSummary, summarizePlan } from '../../src/deploy/plan-summary';

const plan = (changes: object[]) =>
  validatePlanJson({ format_version: '1.2', resource_changes: changes }, 'test plan');
const rc = (address: string, actions: string[], change: object = {}) => ({
  address,
  mode: 'managed',
  type: address.split('.')[0],
  change: { actions, ...change },
});

describe('a plan that destroys and creates one resource under two addresses', () => {
  it('is flagged as a rename that needs its moves file', () => {
    const summary = summarizePlan(
      plan([
        rc('aws_s3_bucket.Assets_Bucket_1', ['delete'], { before: { bucket: 'payment-assets' } }),
        rc('aws_s3_bucket.Media_Bucket_2', ['create'], { after: { bucket: 'payment-assets' } }),
        rc('aws_s3_bucket.Other_3', ['create'], { after: { bucket: 'payment-other' } }),
      ]),
    );
    expect(summary.renamed).toEqual([
      {
        identity: 'aws_s3_bucket bucket=payment-assets',
        destroyed: 'aws_s3_bucket.Assets_Bucket_1',
        created: 'aws_s3_bucket.Media_Bucket_2',
      },
    ]);
    const text = renderSummary('payment-dev', summary);
    expect(text).toContain(
      'RENAMED? 1 resource(s) destroyed at one address and created at another',
    );
    expect(text).toContain(
      'aws_s3_bucket.Assets_Bucket_1 -> aws_s3_bucket.Media_Bucket_2  (aws_s3_bucket bucket=payment-assets)',
    );
    expect(text).toContain('--write-moves');
  });

  it('says nothing for a replacement, different names, or two candidates', () => {
    const summary = summarizePlan(
      plan([
        rc('aws_s3_bucket.A', ['delete', 'create'], {
          before: { bucket: 'x' },
          after: { bucket: 'x' },
        }),
        rc('aws_s3_bucket.B', ['delete'], { before: { bucket: 'b' } }),
        rc('aws_s3_bucket.C', ['create'], { after: { bucket: 'c' } }),
        rc('aws_kms_alias.D', ['delete'], { before: { name: 'alias/d' } }),
        rc('aws_kms_alias.E', ['create'], { after: { name: 'alias/d' } }),
        rc('aws_kms_alias.F', ['create'], { after: { name: 'alias/d' } }),
      ]),
    );
    expect(summary.renamed).toBeUndefined();
    expect(renderSummary('payment-dev', summary)).not.toContain('RENAMED?');
  });
});
