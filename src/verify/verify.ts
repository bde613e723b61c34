import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { WAFV2Client } from '@aws-sdk/client-wafv2';
import { RDSClient } from '@aws-sdk/client-rds';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { EC2Client } from '@aws-sdk/client-ec2';
import { resolve } from 'node:path';
import { defaultOutdir, OutdirError } from '../tfjson/outdir';
import { DeployError } from '../deploy/errors';
import { stackGraph, stacksFromManifest } from '../deploy/stacks';
import type { VerifyClients } from './checks';
import { renderResults, runChecks } from './checks';
import { expectationsOf, readOutputs, regionOf } from './expectations';

export interface VerifyIo {
  readonly projectRoot: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: (text: string) => void;
  /** Clients for a Region (tests pass clients whose sends are mocked). */
  readonly clients?: (region: string) => VerifyClients;
  /** Checks that cannot run here (check -> reason): reported SKIPPED, never passed. */
  readonly skip?: Readonly<Record<string, string>>;
}

export function awsClients(region: string): VerifyClients {
  const config = { region };
  return {
    elbv2: new ElasticLoadBalancingV2Client(config),
    wafv2: new WAFV2Client(config),
    rds: new RDSClient(config),
    s3: new S3Client(config),
    sns: new SNSClient(config),
    ec2: new EC2Client(config),
  };
}

/** Verifies environment `name`; returns true when no check failed. */
export async function verify(name: string, io: VerifyIo): Promise<boolean> {
  // The output folder every other command uses: CDKTF_OUTDIR, cdktf.json's "output", cdktf.out.
  let outdir: string;
  try {
    outdir = resolve(io.projectRoot, defaultOutdir(io.projectRoot, io.env));
  } catch (error) {
    if (error instanceof OutdirError) throw new DeployError(error.message);
    throw error;
  }
  const [stack] = stacksFromManifest(outdir, [`payment-${name}`]);
  if (!stack) throw new DeployError(`no stack payment-${name}`);
  const outputs = readOutputs(stack, io.projectRoot);
  const region = regionOf(outputs) ?? io.env.AWS_REGION;
  if (!region)
    throw new DeployError(
      'the outputs have no alb_arn and AWS_REGION is not set; set AWS_REGION. Example: AWS_REGION=eu-west-1',
    );
  const results = await runChecks(
    {
      outputs,
      expect: expectationsOf(stackGraph(stack)),
      clients: (io.clients ?? awsClients)(region),
    },
    io.skip,
  );
  // No credentials, no network, the wrong Region: every check fails the same way. One line
  // says so, instead of the same error ten times.
  const failed = results.filter((r) => r.status === 'fail');
  const ran = results.filter((r) => r.status !== 'skipped');
  if (
    ran.length > 1 &&
    failed.length === ran.length &&
    new Set(failed.map((r) => r.detail)).size === 1
  )
    throw new DeployError(
      `every check of ${stack.name} failed the same way, so none could look at the environment: ${failed[0]!.detail}`,
    );
  io.stdout(renderResults(stack.name, results));
  return results.every((r) => r.status !== 'fail');
}
