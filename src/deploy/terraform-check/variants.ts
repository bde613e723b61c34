/**
 * The stacks `npm run test:terraform` hands to real Terraform: each profile and the main
 * variants (EC2 and Fargate, MySQL and PostgreSQL, every certificate mode), synthesized in
 * process through the same validation as `npm run synth`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, createApp } from '../../stacks/app';
import { loadConfig } from '../../config/load';
import { loadAccountBaseline } from '../../config/account-baseline';
import { accountBaselineStacks } from '../../stacks/account-baseline';

export interface Variant {
  readonly name: string;
  readonly description: string;
  readonly env: Readonly<Record<string, string>>;
  readonly file?: Readonly<Record<string, unknown>>;
  /**
   * What a plain `terraform destroy` does: `completes`, or `refused` by `prevent_destroy` on
   * what the profile retains (prod's keys; the data key wherever a final snapshot is kept, so
   * staging too). `npm run destroy` takes those out of Terraform's management first.
   */
  readonly destroy: 'completes' | 'refused';
  /** A stack of the account baseline instead of an environment: its name. @default none */
  readonly baselineStack?: string;
}

/**
 * The account baseline checked by Terraform: one account in two Regions (a global stack and
 * two Regional ones), the second adopting an existing Session Manager document by `import`.
 */
export const BASELINE_ACCOUNT = {
  accountId: '123456789012',
  homeRegion: 'us-east-1',
  regions: {
    'us-east-1': { findingsEnvironment: 'prod' },
    'eu-west-1': { findingsEnvironment: 'staging', sessionPreferences: 'import' },
  },
  environments: ['prod', 'staging'],
  keyAdministratorArns: ['arn:aws:iam::123456789012:role/payments-key-admin'],
} as const;

const BASELINE_STACKS: Array<[string, string]> = [
  [
    'payment-account-tfcheck',
    'the account-global stack (trail, replication into the locked archive, account settings)',
  ],
  [
    'payment-account-tfcheck-use1',
    'the home Region (GuardDuty, Security Hub, Config with the global pack, ...)',
  ],
  [
    'payment-account-tfcheck-euw1',
    'a second Region, adopting an existing Session Manager document (import)',
  ],
];

/**
 * Prod is checked with its committed configuration (certificate, key administrators, alarm
 * address, accounts): the keys prod requires grow with the project, and this file has them.
 */
const PROD_CONFIG = JSON.parse(
  readFileSync(join(process.cwd(), 'config', 'prod.json'), 'utf8'),
) as Readonly<Record<string, unknown>>;

/** The variant with AZs pinned by ID and the stable layout (./az-pinning.ts plans it too). */
export const AZ_IDS_VARIANT = 'az-ids';

export const VARIANTS: readonly Variant[] = [
  {
    name: 'dev',
    destroy: 'completes',
    description: 'dev: EC2, Aurora MySQL, self-signed certificate',
    env: { ENVIRONMENT: 'dev' },
  },
  {
    name: 'staging',
    destroy: 'refused',
    description: 'staging: EC2, Aurora MySQL, self-signed, final snapshot',
    env: { ENVIRONMENT: 'staging' },
  },
  {
    name: 'prod',
    destroy: 'refused',
    description: 'prod: EC2, Aurora MySQL, existing ACM certificate, prevent_destroy',
    env: { ENVIRONMENT: 'prod' },
    file: PROD_CONFIG,
  },
  {
    name: 'fargate-postgres',
    destroy: 'completes',
    description: 'dev: ECS Fargate, Aurora PostgreSQL',
    env: { ENVIRONMENT: 'dev', ENVIRONMENT_SUFFIX: 'fgpg' },
    file: { compute: { kind: 'ecs-fargate' }, database: { engine: 'aurora-postgresql' } },
  },
  {
    name: 'db-access',
    destroy: 'completes',
    description:
      'dev: RDS Data API bootstrap role, break-glass master secret policy, admin host (PostgreSQL)',
    env: { ENVIRONMENT: 'dev', ENVIRONMENT_SUFFIX: 'dbx' },
    file: {
      database: {
        engine: 'aurora-postgresql',
        bootstrapPrincipalArns: ['arn:aws:iam::123456789012:role/payments-db-bootstrap'],
        breakGlassPrincipalArns: ['arn:aws:iam::123456789012:role/payments-break-glass'],
        adminUsers: [{ name: 'alice', principalArn: 'arn:aws:iam::123456789012:role/dba-alice' }],
        adminAccess: { enabled: true },
      },
    },
  },
  {
    name: 'route53',
    destroy: 'refused',
    description: 'staging: ACM certificate validated in a Route 53 zone',
    env: { ENVIRONMENT: 'staging', ENVIRONMENT_SUFFIX: 'r53' },
    file: { certificate: { domainName: 'pay.example.com', hostedZoneId: 'Z0123456789ABCDEFGHIJ' } },
  },
  {
    name: 'manual-dns',
    destroy: 'completes',
    description: 'dev: ACM certificate validated by DNS records made elsewhere',
    env: { ENVIRONMENT: 'dev', ENVIRONMENT_SUFFIX: 'dns' },
    file: { certificate: { domainName: 'pay.example.com' } },
  },
  {
    name: AZ_IDS_VARIANT,
    destroy: 'refused',
    description:
      'staging in eu-west-1: the stable subnet layout, AZs pinned by ID (availability_zone_id)',
    env: { ENVIRONMENT: 'staging', ENVIRONMENT_SUFFIX: 'azids' },
    file: {
      region: 'eu-west-1',
      subnetLayout: 'stable',
      maxAzCount: 4,
      availabilityZoneIds: ['euw1-az1', 'euw1-az2', 'euw1-az3'],
    },
  },
  ...BASELINE_STACKS.map(([stack, what], i): Variant => ({
    name: `baseline-${['global', 'use1', 'euw1'][i]!}`,
    destroy: 'refused',
    description: `account baseline: ${what}`,
    env: {},
    baselineStack: stack,
  })),
];

let baselineJson: Map<string, Record<string, unknown>> | undefined;

/** Every stack of the test account's baseline, synthesized once. */
function synthesizeBaseline(): Map<string, Record<string, unknown>> {
  if (baselineJson) return baselineJson;
  const config = loadAccountBaseline(process.cwd(), 'tfcheck', (path) =>
    path.endsWith('tfcheck.json') ? JSON.stringify(BASELINE_ACCOUNT) : readFileSync(path, 'utf8'),
  );
  const outdir = mkdtempSync(join(tmpdir(), 'payment-tfcheck-'));
  try {
    const app = createApp(outdir);
    const names = accountBaselineStacks(app, config).map((s) => s.node.id);
    app.synth();
    baselineJson = new Map(
      names.map((name) => [
        name,
        JSON.parse(readFileSync(join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8')) as Record<
          string,
          unknown
        >,
      ]),
    );
    return baselineJson;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** The synthesized JSON of a variant (local backend; nothing is written to the project). */
export function synthesizeVariant(variant: Variant): Record<string, unknown> {
  if (variant.baselineStack) {
    const json = synthesizeBaseline().get(variant.baselineStack);
    if (!json) throw new Error(`the baseline has no stack ${variant.baselineStack}`);
    return json;
  }
  const config = loadConfig(
    variant.file ? { ...variant.env, CONFIG_FILE: 'variant.json' } : variant.env,
    () => JSON.stringify(variant.file),
  );
  const outdir = mkdtempSync(join(tmpdir(), 'payment-tfcheck-'));
  try {
    const { app, stack } = buildApp(config, outdir);
    app.synth();
    return JSON.parse(
      readFileSync(join(outdir, 'stacks', stack.node.id, 'cdk.tf.json'), 'utf8'),
    ) as Record<string, unknown>;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
