import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bootstrap, synthesizeStateStack } from '../../src/deploy/bootstrap';
import { parseBootstrapArgs } from '../../src/cli/commands/bootstrap';
import { UsageProblem } from '../../src/errors/problems';
import type { TerraformJson } from '../helpers/synth';
import { blocksOf, resourcesOf } from '../helpers/synth';
import { FakeProject } from '../helpers/fake-project';

const ADMINS = ['arn:aws:iam::123456789012:role/KeyAdmins'];
/** The state stack meets prod rules, PAY-ACCT-001 included (the config branch's rule). */
const ACCOUNTS = ['123456789012'];

/** A project with the real suppressions file, so the bootstrap stack meets the real gate. */
function project(): FakeProject {
  const p = new FakeProject();
  mkdirSync(join(p.root, 'compliance'));
  copyFileSync('compliance/suppressions.json', join(p.root, 'compliance', 'suppressions.json'));
  return p;
}

describe('npm run bootstrap', () => {
  it('writes into the output folder the other commands use (CDKTF_OUTDIR)', () => {
    const q = project();
    q.env.CDKTF_OUTDIR = 'other-out';
    synthesizeStateStack('eu-west-1', ADMINS, q.io(), ACCOUNTS);
    expect(existsSync(join(q.root, 'other-out', 'stacks', 'payment-tfstate', 'cdk.tf.json'))).toBe(
      true,
    );
    expect(existsSync(join(q.root, 'cdktf.out'))).toBe(false);
  });

  const p = project();
  const stackFile = join(p.stackDir('payment-tfstate'), 'cdk.tf.json');

  it('synthesizes the state stack, passes the gate and saves a plan', async () => {
    // The fake's plan lists the stack's resources: synthesize, stage them, then plan.
    synthesizeStateStack('eu-west-1', ADMINS, p.io(), ACCOUNTS);
    p.stage(JSON.parse(readFileSync(stackFile, 'utf8')) as TerraformJson);
    await bootstrap(
      { region: 'eu-west-1', apply: false, keyAdministrators: ADMINS, allowedAccountIds: ACCOUNTS },
      p.io(),
    );
    expect(p.printed()).toContain('PASS: no unsuppressed finding at high or above');
    expect(p.printed()).toMatch(/Plan for payment-tfstate: \d+ to create/);
    expect(p.printed()).toContain('run the same command with --apply');
  });

  it('makes a versioned, KMS-encrypted (own key), private, TLS-only, logged bucket with old versions expiring', async () => {
    const json = JSON.parse(readFileSync(stackFile, 'utf8')) as TerraformJson;
    const state = resourcesOf(json, 'aws_s3_bucket').find(([name]) =>
      name.startsWith('State_'),
    )![1];
    expect(state.bucket).toMatch(
      /^payment-state-shared-\$\{data\.aws_caller_identity\.\w+\.account_id\}-euw1$/,
    );
    expect(state.lifecycle).toEqual({ prevent_destroy: true });
    expect(state.force_destroy).toBe(false);
    const sse = blocksOf(json, 'aws_s3_bucket_server_side_encryption_configuration').map((b) =>
      JSON.stringify(b),
    );
    expect(sse.some((b) => b.includes('aws:kms') && b.includes('aws_kms_key.StateKey'))).toBe(true);
    expect(blocksOf(json, 'aws_s3_bucket_versioning')).toHaveLength(2);
    expect(blocksOf(json, 'aws_s3_bucket_logging')).toHaveLength(1);
    const lifecycle = JSON.stringify(blocksOf(json, 'aws_s3_bucket_lifecycle_configuration'));
    expect(lifecycle).toContain('"noncurrent_days":90');
    expect(JSON.stringify(blocksOf(json, 'aws_s3_bucket_policy'))).toContain('aws:SecureTransport');
    expect(blocksOf(json, 'aws_kms_key')[0]).toMatchObject({
      enable_key_rotation: true,
      lifecycle: { prevent_destroy: true },
    });
    expect(json.terraform.backend).toEqual({
      local: { path: '../../../state/payment-tfstate.tfstate' },
    });
  });

  it('--apply applies the saved plan and prints the backend settings', async () => {
    const outputs = join(p.root, 'state-outputs.json');
    writeFileSync(
      outputs,
      JSON.stringify({
        state_bucket_name: { value: 'payment-state-shared-123456789012-euw1' },
        state_bucket_region: { value: 'eu-west-1' },
        state_kms_key_arn: {
          value: 'arn:aws:kms:eu-west-1:123456789012:key/0e5e4a57-c249-4249-aafc-3b40fcd541e9',
        },
      }),
    );
    p.env.FAKE_TF_OUTPUTS = outputs;
    await bootstrap(
      { region: 'eu-west-1', apply: true, keyAdministrators: ADMINS, allowedAccountIds: ACCOUNTS },
      p.io(),
    );
    expect(p.subcommands()).toContain('apply');
    // What to write into each environment file: the backend the resolver reads.
    expect(p.printed()).toContain(
      '"backend": {"bucket":"payment-state-shared-123456789012-euw1","region":"eu-west-1","kmsKeyId":"arn:aws:kms:eu-west-1:123456789012:key/',
    );
  });

  it('needs a known Region and a key administrator', async () => {
    expect(() => parseBootstrapArgs([])).toThrow(/--region is required/);
    expect(() => parseBootstrapArgs(['--region', 'mars-1'])).toThrow(UsageProblem);
    expect(() => parseBootstrapArgs(['--region', 'eu-west-1'])).toThrow(
      /--key-administrator is required/,
    );
    expect(() =>
      parseBootstrapArgs(['--region', 'eu-west-1', '--key-administrator', 'KeyAdmins']),
    ).toThrow(/"KeyAdmins" is not an IAM role or user ARN/);
    expect(
      parseBootstrapArgs(['--region=eu-west-1', '--apply', `--key-administrator=${ADMINS[0]}`]),
    ).toEqual({
      region: 'eu-west-1',
      apply: true,
      keyAdministrators: ADMINS,
    });
  });

  it('takes the accounts the provider may act in, and refuses a malformed one', async () => {
    const base = ['--region', 'eu-west-1', '--key-administrator', ADMINS[0]!];
    expect(parseBootstrapArgs([...base, '--allowed-account-id', ACCOUNTS[0]!])).toMatchObject({
      allowedAccountIds: ACCOUNTS,
    });
    expect(() => parseBootstrapArgs([...base, '--allowed-account-id=1234'])).toThrow(
      /"1234" is not a 12-digit AWS account ID/,
    );
  });
});
