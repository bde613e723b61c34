import { TerraformStack, Testing } from 'cdktn';
import { InvalidPropsError } from '../../src/validation/problem';
import { AwsEnvironment } from '../../src/constructs/core/aws-environment';
import type { AppTierPlacement } from '../../src/constructs/compute/app-tier-placement';
import { EncryptedLogGroup } from '../../src/constructs/observability/encrypted-log-group';
import { KmsKey } from '../../src/constructs/security/kms-key';
import { Naming } from '../../src/naming/naming';

/** A bare stack with its AWS environment and one customer key, for constructs built directly. */
export function keyScaffold(name: string) {
  const stack = new TerraformStack(Testing.app(), name);
  const aws = new AwsEnvironment(stack, 'Aws', { region: 'us-east-1' });
  const key = new KmsKey(stack, 'Key', {
    aws,
    alias: 'alias/k',
    description: 'k',
    deletionWindowInDays: 7,
    retainOnDestroy: false,
    administratorArns: [],
  });
  return { stack, aws, key };
}

/** `keyScaffold` plus the placement and the log group an app tier construct needs. */
export function appTierScaffold(name: string) {
  const { stack, aws, key } = keyScaffold(name);
  const placement: AppTierPlacement = {
    naming: new Naming('dev', 'us-east-1'),
    aws,
    appPort: 8080,
    minSize: 1,
    desiredSize: 1,
    maxSize: 2,
    privateSubnetIds: ['subnet-a', 'subnet-b'],
    securityGroupId: 'sg-1',
    targetGroupArn: 'arn:tg',
    requestCountResourceLabel: 'app/x/y/targetgroup/z/w',
    // Only its address is rendered (in `depends_on`); no listener exists in these stacks.
    listener: { fqn: 'aws_lb_listener.https' },
  };
  const logGroup = new EncryptedLogGroup(stack, 'Logs', {
    name: '/payment/dev/app',
    encryptionKey: key,
    retentionDays: 90,
    retainOnDestroy: false,
  });
  return { stack, aws, key, placement, logGroup };
}

/** The `InvalidPropsError` that `build` throws (fails the test on anything else). */
export function invalidPropsOf(build: () => unknown): InvalidPropsError {
  try {
    build();
  } catch (error) {
    if (error instanceof InvalidPropsError) return error;
    throw error;
  }
  throw new Error('expected an InvalidPropsError');
}
