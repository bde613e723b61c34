import { describe, expect, it } from 'vitest';
import { priceLogs } from '../../../src/cost/pricers/logs';
import { pricingInput } from '../../helpers/pricing';

const resources = {
  aws_cloudwatch_log_group: { app: {}, vpc: {} },
  aws_flow_log: { vpc: { log_destination_type: 's3' } },
};

describe('priceLogs', () => {
  it('shares ingestion and storage of the usage profile among the log groups', () => {
    const out = priceLogs(pricingInput(resources, { logIngestGb: 4, logStorageGb: 10 }));
    expect(out.lines.map((l) => [l.address, l.item, l.quantity])).toEqual([
      ['aws_cloudwatch_log_group.app', 'Log ingestion (share)', 2],
      ['aws_cloudwatch_log_group.app', 'Log storage (share)', 5],
      ['aws_cloudwatch_log_group.vpc', 'Log ingestion (share)', 2],
      ['aws_cloudwatch_log_group.vpc', 'Log storage (share)', 5],
    ]);
  });

  it('has no line at idle but covers the groups, and lists flow log delivery as unpriced', () => {
    const out = priceLogs(pricingInput(resources));
    expect(out.lines).toEqual([]);
    expect(out.priced.has('aws_cloudwatch_log_group.app')).toBe(true);
    expect(out.unpriced).toEqual([
      {
        address: 'aws_flow_log.vpc',
        item: 'VPC flow log delivery',
        reason: 'vended log delivery to s3 is charged per GB; not in the price table',
      },
    ]);
  });
});
