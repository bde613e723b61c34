import { Testing, TerraformStack } from 'cdktn';
import { describe, expect, it } from 'vitest';
import type { DatabaseConfig } from '../../../src/config/database';
import { InvalidPropsError } from '../../../src/config/errors';
import { loadConfig } from '../../../src/config/load';
import { AwsEnvironment } from '../../../src/constructs/core/aws-environment';
import type { AuroraClusterProps } from '../../../src/constructs/data/aurora-cluster';
import {
  AuroraCluster,
  BACKUP_WINDOW,
  MAINTENANCE_WINDOW,
  windowsOverlap,
} from '../../../src/constructs/data/aurora-cluster';
import { KmsKey } from '../../../src/constructs/security/kms-key';
import { Naming } from '../../../src/naming/naming';
import type { TerraformJson } from '../../helpers/synth';
import { keyScaffold } from '../../helpers/scaffold';
import { blocksOf } from '../../helpers/synth';

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
        administratorArns: [],
      }),
      logRetentionDays: 90,
      retainOnDestroy: false,
      kmsDeletionWindowDays: 7,
      keyAdministratorArns: [],
    };
    return () => new AuroraCluster(stack, 'Aurora', props);
  };

  it('builds with valid props', () => {
    expect(build({})).not.toThrow();
  });

  it.each([
    [{ engineVersion: '17.6' }, /17\.6" is not an Aurora MySQL 3 .* for aurora-mysql/],
    [{ minCapacity: 0.25 }, /0\.5 ACU steps/],
    [{ maxCapacity: 512 }, /outside 0-256/],
    [{ minCapacity: 8, maxCapacity: 4 }, /above maxCapacity \(4\)/],
    [{ readers: 0 }, /outside 1-15/],
    [{ backupRetentionDays: 36 }, /outside 1-35/],
    [{ performanceInsightsRetentionDays: 30 }, /Performance Insights retention/],
    [{ masterUsername: 'admin' }, /default or reserved name/],
  ] as const)('%j', (database, message) => {
    expect(build(database)).toThrow(message);
  });

  it('needs at least two AZs', () => {
    expect(build({}, ['a'])).toThrow(/two AZs/);
  });

  it('throws one InvalidPropsError naming the construct path and every problem', () => {
    const attempt = build({ readers: 0, backupRetentionDays: 36 }, ['a']);
    let error: unknown;
    try {
      attempt();
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidPropsError);
    const invalid = error as InvalidPropsError;
    expect(invalid.constructPath).toMatch(/^s\d+\/Aurora$/);
    expect(invalid.message).toContain(`construct ${invalid.constructPath}:`);
    expect(invalid.problems.map((p) => p.field)).toEqual([
      'database.readers',
      'database.backupRetentionDays',
      'availabilityZones',
    ]);
  });
});

describe('backup and maintenance windows', () => {
  it('the windows in use do not overlap', () => {
    expect(windowsOverlap(BACKUP_WINDOW, MAINTENANCE_WINDOW)).toBe(false);
  });

  it.each([
    ['05:30-06:30', 'sun:05:00-sun:06:00', true],
    ['04:00-05:00', 'sun:05:00-sun:06:00', false],
    ['23:30-00:30', 'mon:00:00-mon:01:00', true],
    ['23:30-00:30', 'sat:23:00-sun:00:15', true],
    ['01:00-02:00', 'sat:23:00-sun:00:15', false],
  ] as const)('%s vs %s overlap: %s', (backup, maintenance, expected) => {
    expect(windowsOverlap(backup, maintenance)).toBe(expected);
  });
});

describe('general log, when asked', () => {
  it('sets general_log in the instance group and exports it to its own encrypted log group', () => {
    const { stack, aws, key: logsKey } = keyScaffold('general');
    new AuroraCluster(stack, 'Aurora', {
      naming: new Naming('dev', 'us-east-1'),
      aws,
      database: { ...loadConfig({}).database, generalLog: true },
      subnetIds: ['subnet-a', 'subnet-b'],
      availabilityZones: ['a', 'b'],
      securityGroupId: 'sg-1',
      logsKey,
      logRetentionDays: 90,
      retainOnDestroy: false,
      kmsDeletionWindowDays: 7,
      keyAdministratorArns: [],
    });
    const json = JSON.parse(Testing.synth(stack)) as TerraformJson;
    const cluster = blocksOf(json, 'aws_rds_cluster')[0]!;
    expect(cluster.enabled_cloudwatch_logs_exports).toContain('general');
    const names = blocksOf(json, 'aws_cloudwatch_log_group').map((g) => g.name);
    expect(names).toContain('/aws/rds/cluster/payment-aurora-dev/general');
    const parameters = blocksOf(json, 'aws_db_parameter_group')[0]!.parameter as Array<{
      name: string;
      value: string;
    }>;
    expect(parameters).toContainEqual(expect.objectContaining({ name: 'general_log', value: '1' }));
  });
});
