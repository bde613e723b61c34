/**
 * What a deployed environment should look like, read from its synthesized stack (through the
 * gate's graph) and the outputs a deploy wrote. A missing or stale outputs file is a
 * `DeployError` that says how to produce a fresh one.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { StackGraph } from '../tfjson/graph';
import { attr } from '../tfjson/graph';
import type { OutputsRecord } from '../deploy/commands';
import { FLAT_OUTPUTS, OUTPUTS_DIR, OUTPUTS_RECORD, OUTPUTS_STACK_KEY } from '../deploy/commands';
import { DeployError } from '../deploy/errors';
import type { SynthesizedStack } from '../deploy/stacks';
import { contentHash } from '../deploy/stacks';

export interface Expectations {
  readonly stack: string;
  readonly prod: boolean;
  /** App tasks or instances the profile runs; two or more must be healthy in two AZs. */
  readonly appCount: number;
  /** The listener's TLS policy as synthesized. */
  readonly tlsPolicy: string | undefined;
  /** A self-signed certificate (dev, staging): HTTPS is checked without chain validation. */
  readonly selfSigned: boolean;
  readonly engine: string;
}

export type Outputs = Readonly<Record<string, unknown>>;

export function expectationsOf(graph: StackGraph): Expectations {
  const asg = graph.resources('aws_autoscaling_group')[0];
  const service = graph.resources('aws_ecs_service')[0];
  const count = asg
    ? attr(asg.attrs, 'desired_capacity')
    : service
      ? attr(service.attrs, 'desired_count')
      : 0;
  const https = graph
    .resources('aws_lb_listener')
    .find((l) => attr(l.attrs, 'protocol') === 'HTTPS');
  const cluster = graph.resources('aws_rds_cluster')[0];
  return {
    stack: graph.name,
    prod: graph.profile === 'prod',
    appCount: typeof count === 'number' ? count : Number(count) || 0,
    tlsPolicy: https ? (attr(https.attrs, 'ssl_policy') as string | undefined) : undefined,
    selfSigned: graph.resources('tls_self_signed_cert').length > 0,
    engine: cluster ? String(attr(cluster.attrs, 'engine') ?? '') : '',
  };
}

/** The Region the stack runs in: the one in the load balancer's ARN. */
export function regionOf(outputs: Outputs): string | undefined {
  const arn = outputs['alb_arn'];
  return typeof arn === 'string' ? arn.split(':')[3] || undefined : undefined;
}

/** The outputs of `stack`, refusing a file written for another stack or another synthesis. */
export function readOutputs(stack: SynthesizedStack, projectRoot: string): Outputs {
  const perStack = join(projectRoot, OUTPUTS_DIR, stack.name);
  const dir = existsSync(join(perStack, FLAT_OUTPUTS)) ? perStack : join(projectRoot, OUTPUTS_DIR);
  const file = join(dir, FLAT_OUTPUTS);
  const shown = relative(projectRoot, file);
  const env = stack.name.replace(/^payment-/, '');
  const produce = `run \`npm run plan -- --env ${env}\` and \`npm run deploy -- --env ${env}\` (or, for an environment deployed by hand, \`terraform output -json | npm run --silent outputs\`)`;
  if (!existsSync(file)) throw new DeployError(`${shown} does not exist: ${produce}`);
  const recordPath = join(dir, OUTPUTS_RECORD);
  if (existsSync(recordPath)) {
    const record = JSON.parse(readFileSync(recordPath, 'utf8')) as OutputsRecord;
    if (record.stack !== stack.name) {
      throw new DeployError(
        `${shown} holds the outputs of ${record.stack}, not ${stack.name}: ${produce}`,
      );
    }
    if (record.synthSha256 !== contentHash(stack.file)) {
      throw new DeployError(
        `${shown} is stale: written at ${record.writtenAt} by a deploy of a different synthesis than today's cdk.tf.json: ${produce}`,
      );
    }
  }
  let outputs: unknown;
  try {
    outputs = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new DeployError(`${shown} is not valid JSON (${(error as Error).message}): ${produce}`);
  }
  if (typeof outputs !== 'object' || outputs === null || Array.isArray(outputs)) {
    throw new DeployError(`${shown} is not a JSON object of outputs: ${produce}`);
  }
  // The file itself names its stack: a rewrite by `npm run outputs` cannot pass for another's.
  const { [OUTPUTS_STACK_KEY]: owner, ...rest } = outputs as Record<string, unknown>;
  if (owner === undefined) {
    throw new DeployError(
      `${shown} does not say which stack it belongs to (no "${OUTPUTS_STACK_KEY}" key: written by an older deploy, or by \`npm run outputs\` without --stack), so it could be another environment's: ${produce}, or \`terraform output -json | npm run --silent outputs -- --stack ${stack.name}\``,
    );
  }
  if (owner !== stack.name) {
    throw new DeployError(
      `${shown} holds the outputs of ${String(owner)}, not ${stack.name}: ${produce}`,
    );
  }
  return rest;
}
