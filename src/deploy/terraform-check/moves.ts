/**
 * The moves file checked against the real AWS provider: a construct holding an Aurora database
 * (key, alias, cluster, instance) and a bucket with its satellites (versioning, public access
 * block, encryption) is synthesized under one id, then renamed; the diff's detection
 * (src/review/diff/moves.ts) records the moves (src/synth/moves.ts) and synthesis writes
 * the `moved` blocks. Terraform plans the renamed stack from a hand-made state holding the OLD
 * addresses, `-refresh=false` (the provider plans from state alone: no AWS call, no
 * credentials). With the moves every resource "has moved to" its new address and nothing is
 * destroyed or added; without them the same plan destroys and re-creates every one.
 *
 * No data source: Terraform reads data sources even with `-refresh=false`, which would call AWS.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { App, TerraformStack } from 'cdktn';
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktn/provider-aws/lib/provider';
import { KmsAlias } from '@cdktn/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktn/provider-aws/lib/kms-key';
import { RdsCluster } from '@cdktn/provider-aws/lib/rds-cluster';
import { RdsClusterInstance } from '@cdktn/provider-aws/lib/rds-cluster-instance';
import { S3Bucket } from '@cdktn/provider-aws/lib/s3-bucket';
import { S3BucketPublicAccessBlock } from '@cdktn/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktn/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktn/provider-aws/lib/s3-bucket-versioning';
import { buildGraph } from '../../tfjson/graph';
import { diffStacks } from '../../review/diff/compare';
import type { Move } from '../../review/diff/moves';
import { recordMoves, withMovedBlocks } from '../../synth/moves';
import type { TerraformBinary } from '../terraform';
import { runTerraform } from './exec';
import type { AvailableProviders } from './offline';
import { adaptToProviders } from './offline';

export const MOVES_STACK = 'moves-check';

/** A stack with one construct, `id`, holding a database and a bucket. No data source. */
export function movesScenario(id: string): Record<string, unknown> {
  const outdir = mkdtempSync(join(tmpdir(), 'moves-check-'));
  try {
    const app = new App({ outdir });
    const stack = new TerraformStack(app, MOVES_STACK);
    new AwsProvider(stack, 'aws', {
      region: 'eu-west-1',
      accessKey: 'AKIAEXAMPLEPLANONLY',
      secretKey: 'plan-only',
      skipCredentialsValidation: true,
      skipRequestingAccountId: true,
      skipMetadataApiCheck: 'true',
      skipRegionValidation: true,
    });
    const holder = new Construct(stack, id);
    const key = new KmsKey(holder, 'DataKey', {
      description: 'moves check data key',
      keyUsage: 'ENCRYPT_DECRYPT',
      customerMasterKeySpec: 'SYMMETRIC_DEFAULT',
      enableKeyRotation: true,
      deletionWindowInDays: 30,
    });
    new KmsAlias(holder, 'DataKeyAlias', {
      name: 'alias/moves-check-data',
      targetKeyId: key.keyId,
    });
    const cluster = new RdsCluster(holder, 'Cluster', {
      clusterIdentifier: 'moves-check-aurora',
      engine: 'aurora-postgresql',
      engineMode: 'provisioned',
      masterUsername: 'payments_admin',
      manageMasterUserPassword: true,
      storageEncrypted: true,
      kmsKeyId: key.arn,
      skipFinalSnapshot: true,
    });
    new RdsClusterInstance(holder, 'Writer', {
      identifier: 'moves-check-aurora-writer',
      clusterIdentifier: cluster.id,
      engine: 'aurora-postgresql',
      instanceClass: 'db.t4g.medium',
    });
    const bucket = new S3Bucket(holder, 'Bucket', { bucket: 'moves-check-records-eu-west-1' });
    new S3BucketVersioningA(holder, 'Versioning', {
      bucket: bucket.id,
      versioningConfiguration: { status: 'Enabled' },
    });
    new S3BucketPublicAccessBlock(holder, 'PublicAccessBlock', {
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketServerSideEncryptionConfigurationA(holder, 'Encryption', {
      bucket: bucket.id,
      rule: [
        {
          applyServerSideEncryptionByDefault: {
            sseAlgorithm: 'aws:kms',
            kmsMasterKeyId: key.arn,
          },
          bucketKeyEnabled: true,
        },
      ],
    });
    app.synth();
    return JSON.parse(
      readFileSync(join(outdir, 'stacks', MOVES_STACK, 'cdk.tf.json'), 'utf8'),
    ) as Record<string, unknown>;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** Resource `type.name` -> its configuration, from a Terraform JSON document. */
function resourcesOf(doc: Record<string, unknown>): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  const section = (doc['resource'] ?? {}) as Record<
    string,
    Record<string, Record<string, unknown>>
  >;
  for (const [type, byName] of Object.entries(section))
    for (const [name, body] of Object.entries(byName)) out.set(`${type}.${name}`, body);
  return out;
}

interface BlockSchema {
  readonly block_types?: Record<string, { nesting_mode: string; block: BlockSchema }>;
}
export type ResourceSchemas = Record<string, { version: number; block: BlockSchema }>;

/** A configuration object in the state's shape: nested blocks as lists. */
function stateShape(
  value: Record<string, unknown>,
  schema: BlockSchema | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const nested = schema?.block_types?.[k];
    if (nested) {
      const items = Array.isArray(v) ? v : [v];
      out[k] = items.map((item) => stateShape(item as Record<string, unknown>, nested.block));
    } else out[k] = v;
  }
  return out;
}

/**
 * What AWS sets on a created resource although the configuration did not (a computed,
 * force-new argument): without it the plan cannot know it is unchanged and replaces.
 */
const COMPUTED: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  aws_rds_cluster: { availability_zones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'] },
};

/** The id AWS gives each resource of the scenario (what other resources read as `.id`). */
function idOf(type: string, attrs: Record<string, unknown>, name: string): string {
  switch (type) {
    case 'aws_kms_key':
      return '11111111-2222-4333-8444-555555555555';
    case 'aws_kms_alias':
      return String(attrs['name']);
    case 'aws_rds_cluster':
      return String(attrs['cluster_identifier']);
    case 'aws_rds_cluster_instance':
      return String(attrs['identifier']);
    case 'aws_s3_bucket':
      return String(attrs['bucket']);
    default:
      return typeof attrs['bucket'] === 'string' ? attrs['bucket'] : `${name}-id`;
  }
}

/**
 * A state (format 4) holding every resource of `doc` as created: its arguments, references
 * resolved to the ids and ARNs above. What the state of the environment before the rename
 * holds, for the arguments the plan compares.
 */
export function stateFor(
  doc: Record<string, unknown>,
  schemas: ResourceSchemas,
  terraformVersion: string,
): object {
  const resources = resourcesOf(doc);
  const done = new Map<string, Record<string, unknown>>();
  const attributesOf = (address: string): Record<string, unknown> => {
    const known = done.get(address);
    if (known) return known;
    const [type, name] = address.split('.') as [string, string];
    const {
      '//': _m,
      provider: _p,
      lifecycle: _l,
      depends_on: _d,
      ...config
    } = resources.get(address) ?? {};
    void [_m, _p, _l, _d];
    const resolved = JSON.parse(JSON.stringify(config), (_k, v: unknown) =>
      typeof v === 'string'
        ? v.replace(
            /\$\{([a-z0-9_]+\.[A-Za-z0-9_-]+)\.([a-z_]+)\}/g,
            (_w, target: string, attr: string) => String(attributesOf(target)[attr]),
          )
        : v,
    ) as Record<string, unknown>;
    const id = idOf(type, resolved, name);
    const attrs = {
      ...COMPUTED[type],
      ...stateShape(resolved, schemas[type]?.block),
      id,
      arn:
        type === 'aws_kms_key'
          ? `arn:aws:kms:eu-west-1:123456789012:key/${id}`
          : `arn:aws:${type.split('_')[1]}:eu-west-1:123456789012:${id}`,
      ...(type === 'aws_kms_key' ? { key_id: id } : {}),
    };
    done.set(address, attrs);
    return attrs;
  };
  return {
    version: 4,
    terraform_version: terraformVersion,
    serial: 1,
    lineage: '7e0c5f6e-0000-4000-8000-m0ves0check0',
    outputs: {},
    resources: [...resources.keys()].map((address) => {
      const [type, name] = address.split('.') as [string, string];
      return {
        mode: 'managed',
        type,
        name,
        provider: 'provider["registry.terraform.io/hashicorp/aws"]',
        instances: [
          { schema_version: schemas[type]?.version ?? 0, attributes: attributesOf(address) },
        ],
      };
    }),
  };
}

export interface MovesPlanOutcome {
  readonly ok: boolean;
  /** The moves the diff found and recorded. */
  readonly moves: readonly Move[];
  /** The plan's "has moved to" lines and its summary, with the moves file. */
  readonly withMoves: readonly string[];
  /** The plan's destroy/create lines and its summary, without it. */
  readonly withoutMoves: readonly string[];
  readonly problems: readonly string[];
}

interface PlanJson {
  readonly resource_changes?: readonly {
    address: string;
    previous_address?: string;
    change: { actions: readonly string[]; replace_paths?: unknown[] };
  }[];
}

/**
 * Renames `Vault` to `Ledger`, records the moves, and plans twice from the old state: with
 * the moves file (every resource moved, none added or destroyed) and without (each destroyed
 * and re-created). `env` carries the provider installation (TF_CLI_CONFIG_FILE).
 */
export function checkMovesPlan(
  binary: TerraformBinary,
  env: Record<string, string>,
  workDir: string,
  /** The providers of a filesystem mirror (./offline.ts): the stack is pinned to them. */
  available?: AvailableProviders,
): MovesPlanOutcome {
  const problems: string[] = [];
  const before = movesScenario('Vault');
  const after = movesScenario('Ledger');
  const diff = diffStacks(
    buildGraph(before, 'before', MOVES_STACK),
    buildGraph(after, 'after', MOVES_STACK),
  );
  const moves = diff.moves;
  if (diff.ambiguousMoves.length > 0)
    problems.push(`ambiguous: ${JSON.stringify(diff.ambiguousMoves)}`);
  const oldAddresses = [...resourcesOf(before).keys()];
  const unmatched = oldAddresses.filter((a) => !moves.some((m) => m.from === a));
  if (unmatched.length > 0) problems.push(`not matched by the diff: ${unmatched.join(', ')}`);

  // The project side: the moves file recorded as --write-moves records it, read by synthesis.
  const project = join(workDir, 'project');
  rmSync(project, { recursive: true, force: true });
  mkdirSync(project, { recursive: true });
  recordMoves(
    project,
    MOVES_STACK,
    moves.map((m) => ({ from: m.from, to: m.to, identity: m.identity, reason: m.basis })),
  );
  const moved = withMovedBlocks(after, project, MOVES_STACK);

  const run = (cwd: string, args: string[]) => runTerraform(binary, args, env, cwd);
  const plan = (
    name: string,
    config: Record<string, unknown>,
  ): { text: string; json: PlanJson } | undefined => {
    const dir = resolve(workDir, name);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    let json = config;
    if (available) json = adaptToProviders(config, available).json;
    else {
      const { terraform, ...rest } = config as { terraform: Record<string, unknown> };
      const { backend: _backend, ...tf } = terraform;
      void _backend;
      json = { ...rest, terraform: tf };
    }
    writeFileSync(join(dir, 'main.tf.json'), JSON.stringify(json, null, 1));
    const init = run(dir, ['init', '-input=false', '-no-color']);
    if (init.status !== 0) {
      problems.push(`${name}: terraform init failed:\n${init.output}`);
      return undefined;
    }
    const schemaRun = run(dir, ['providers', 'schema', '-json']);
    const schemas = (
      JSON.parse(schemaRun.stdout) as {
        provider_schemas: Record<string, { resource_schemas: ResourceSchemas }>;
      }
    ).provider_schemas['registry.terraform.io/hashicorp/aws']!.resource_schemas;
    writeFileSync(
      join(dir, 'terraform.tfstate'),
      JSON.stringify(stateFor(before, schemas, binary.version), null, 1),
    );
    const planned = run(dir, [
      'plan',
      '-refresh=false',
      '-input=false',
      '-no-color',
      '-out=moves.plan',
    ]);
    if (planned.status !== 0) {
      problems.push(`${name}: terraform plan failed:\n${planned.output}`);
      return undefined;
    }
    const show = run(dir, ['show', '-json', 'moves.plan']);
    return { text: planned.stdout, json: JSON.parse(show.stdout) as PlanJson };
  };

  const lines = (text: string, pattern: RegExp) =>
    text
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => pattern.test(l));
  const withPlan = plan('with-moves', moved);
  const withoutPlan = plan('without-moves', after);
  if (withPlan) {
    for (const c of withPlan.json.resource_changes ?? []) {
      const actions = c.change.actions.join('+');
      if (actions !== 'no-op' && actions !== 'update')
        problems.push(
          `with the moves file: ${c.address} is planned ${actions}${c.change.replace_paths ? ` (replace_paths ${JSON.stringify(c.change.replace_paths)})` : ''}`,
        );
      const move = moves.find((m) => m.to === c.address);
      if (!move || c.previous_address !== move.from)
        problems.push(
          `with the moves file: ${c.address} was not moved (previous address ${c.previous_address ?? 'none'})`,
        );
    }
    if ((withPlan.json.resource_changes ?? []).length !== oldAddresses.length)
      problems.push(
        `with the moves file: ${(withPlan.json.resource_changes ?? []).length} changes for ${oldAddresses.length} resources`,
      );
  }
  if (withoutPlan) {
    for (const address of oldAddresses) {
      const c = (withoutPlan.json.resource_changes ?? []).find((r) => r.address === address);
      if (!c || c.change.actions.join('+') !== 'delete')
        problems.push(`without the moves file: ${address} is not destroyed (the control failed)`);
    }
  }
  return {
    ok: problems.length === 0,
    moves,
    withMoves: withPlan
      ? lines(
          withPlan.text,
          /has moved to|\(moved from|will be updated in-place|^Plan:|^No changes/,
        )
      : [],
    withoutMoves: withoutPlan
      ? lines(withoutPlan.text, /will be destroyed|will be created|^Plan:/)
      : [],
    problems,
  };
}
