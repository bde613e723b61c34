import { Testing, TerraformStack } from 'cdktn';
import { describe, expect, it } from 'vitest';
import type { DatabaseConfig } from '../../../src/config/database';
import { loadConfig } from '../../../src/config/load';
import { AwsEnvironment } from '../../../src/constructs/core/aws-environment';
import type { AuroraClusterProps } from '../../../src/constructs/data/aurora-cluster';
import { AuroraCluster } from '../../../src/constructs/data/aurora-cluster';
import { KmsKey } from '../../../src/constructs/security/kms-key';
import { Naming } from '../../../src/naming/naming';

// The construct re-checks what configuration validates, for callers that bypass it.
describe('AuroraCluster guards against invalid props', () => {
  const valid = loadConfig({}).database;
  let count = 0;
  const build = (database: Partial<DatabaseConfig>, zones = ['a', 'b', 'c']) => {
    const stack = new TerraformStack(Testing.app(), `s${count++}`);
    const aws = new AwsEnvironment(stack, 'Aws', { region: 'us-east-1' });
    const props: AuroraClusterProps = {
      naming: new Naming('dev', 'us-east-1'),
      aws,
      database: { ...valid, ...database },
      subnetIds: zones.map((z) => `subnet-${z}`),
      availabilityZones: zones,
      securityGroupId: 'sg-1',
      logsKey: new KmsKey(stack, 'Logs', {
        aws,
        alias: 'alias/logs',
        description: 'logs',
        deletionWindowInDays: 7,
        retainOnDestroy: false,
      }),
      logRetentionDays: 90,
      retainOnDestroy: false,
      kmsDeletionWindowDays: 7,
    };
    return () => new AuroraCluster(stack, 'Aurora', props);
  };

  it('builds with valid props', () => {
    expect(build({})).not.toThrow();
  });

  it.each([
    [{ engineVersion: '17.6' }, /does not belong to aurora-mysql/],
    [{ minCapacity: 0.25 }, /0\.5 steps/],
    [{ maxCapacity: 512 }, /within 0-256/],
    [{ minCapacity: 8, maxCapacity: 4 }, /above the maximum/],
    [{ readers: 0 }, /outside 1-15/],
    [{ backupRetentionDays: 36 }, /outside 1-35/],
    [{ performanceInsightsRetentionDays: 30 }, /Performance Insights retention/],
    [{ masterUsername: 'admin' }, /default name/],
  ] as const)('%j', (database, message) => {
    expect(build(database)).toThrow(message);
  });

  it('needs at least two AZs', () => {
    expect(build({}, ['a'])).toThrow(/two AZs/);
  });
});
