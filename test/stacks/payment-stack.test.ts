import { describe, expect, it } from 'vitest';
import { synthesize } from '../helpers/synth';

describe('PaymentStack outputs', () => {
  const { json } = synthesize();

  it('declares the outputs integration tests read, with their exact snake_case names', () => {
    expect(Object.keys(json.output).sort()).toEqual(
      [
        'access_logs_bucket_name',
        'alb_arn',
        'alb_dns_name',
        'alb_zone_id',
        'app_url',
        'asg_name',
        'certificate_arn',
        'target_group_arn',
        'waf_logs_bucket_name',
        'web_acl_arn',
        'database_subnet_ids',
        'flow_logs_bucket_name',
        'private_subnet_ids',
        'public_subnet_ids',
        'static_assets_bucket_name',
        'vpc_id',
      ].sort(),
    );
  });
});
