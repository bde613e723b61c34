/**
 * A renamed construct holding an Aurora database and a bucket with its satellites, planned by
 * real Terraform and the AWS provider of the filesystem mirror from a state holding the old
 * addresses (src/deploy/terraform-check/moves.ts). Runs where Terraform and a mirror exist
 * (TERRAFORM_TEST_MIRROR, or /opt/tf-plugins); `npm run test:terraform` runs the same check.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { checkMovesPlan } from '../../../src/deploy/terraform-check/moves';
import { findTerraform } from '../../../src/deploy/terraform';
import { mirrorProviders } from '../../../src/deploy/terraform-check/offline';

const mirror = process.env['TERRAFORM_TEST_MIRROR'] ?? '/opt/tf-plugins';
const terraform = spawnSync('terraform', ['version'], { encoding: 'utf8' }).status === 0;
const available = terraform && existsSync(join(mirror, 'registry.terraform.io'));

describe.runIf(available)('renaming a construct with a moves file, planned by Terraform', () => {
  it('moves the database, the key and the bucket with its satellites; without the file it destroys them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'moves-plan-'));
    try {
      const cli = join(dir, 'mirror.tfrc');
      writeFileSync(
        cli,
        `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(mirror)}\n    include = ["registry.terraform.io/*/*"]\n  }\n}\n`,
      );
      const outcome = checkMovesPlan(
        findTerraform(process.env),
        { TF_CLI_CONFIG_FILE: cli },
        dir,
        mirrorProviders(mirror),
      );
      if (process.env['MOVES_PLAN_PRINT']) console.log(JSON.stringify(outcome, null, 1));
      expect(outcome.problems).toEqual([]);
      expect(outcome.moves.map((m) => m.from.split('.')[0]).sort()).toEqual([
        'aws_kms_alias',
        'aws_kms_key',
        'aws_rds_cluster',
        'aws_rds_cluster_instance',
        'aws_s3_bucket',
        'aws_s3_bucket_public_access_block',
        'aws_s3_bucket_server_side_encryption_configuration',
        'aws_s3_bucket_versioning',
      ]);
      // A moved resource with no other change "has moved to"; one the plan also updates in
      // place (arguments the hand-made state leaves out) says "(moved from ...)".
      expect(
        outcome.withMoves.filter((l) => l.includes('has moved to') || l.includes('(moved from')),
      ).toHaveLength(8);
      expect(
        outcome.withMoves.find((l) => l.startsWith('Plan:') || l.startsWith('No changes')),
      ).toMatch(/0 to add, \d+ to change, 0 to destroy|No changes/);
      expect(outcome.withoutMoves).toContain('Plan: 8 to add, 0 to change, 8 to destroy.');
      expect(outcome.ok).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
