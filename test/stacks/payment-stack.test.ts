import { describe, expect, it } from 'vitest';
import { synthesize } from '../helpers/synth';

describe('PaymentStack outputs', () => {
  const { json } = synthesize();

  it('declares the outputs integration tests read, with their exact snake_case names', () => {
    expect(Object.keys(json.output).sort()).toEqual(
      [
        'access_logs_bucket_name',
        'database_name',
        'database_subnet_ids',
        'db_master_secret_arn',
        'flow_logs_bucket_name',
        'private_subnet_ids',
        'public_subnet_ids',
        'rds_cluster_endpoint',
        'rds_cluster_identifier',
        'rds_cluster_port',
        'rds_cluster_reader_endpoint',
        'static_assets_bucket_name',
        'vpc_id',
      ].sort(),
    );
  });
});
