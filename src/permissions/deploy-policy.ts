/**
 * The apply role's permissions (floor 3, below the stacks: the account baseline's CI roles
 * carry them, and `npm run deploy-policy` prints them), generated from the synthesized stack: the resource types its
 * Terraform JSON declares, looked up in the curated table (src/aws-facts/iam-actions.ts),
 * narrowed to one environment by name pattern or environment tag, and packed into managed
 * policies that each fit IAM's limit.
 *
 * A type missing from the table is an error naming it: the generator never falls back to `*`
 * actions. The local emulator evaluates neither resource scopes nor most conditions, so no
 * test here claims the policy is sufficient against AWS; tests check coverage, scoping and size.
 */
import type { ResourceActions } from '../aws-facts/iam-actions';
import { ACTS_ON_EXISTING, IAM_ACTIONS, LOCAL_PROVIDER_PREFIXES } from '../aws-facts/iam-actions';
import { InputProblem } from '../errors/problems';
import { regionCode } from '../aws-facts/regions';
import { NAME_PREFIX, WAF_LOG_BUCKET_PREFIX } from '../naming/naming';
import { ENVIRONMENT_TAG } from '../tfjson/markers';
import { wildcard } from '../tfjson/policy';

/**
 * A customer managed policy holds at most 6,144 characters, white space not counted, and a
 * role takes at most 10 managed policies by default (IAM and AWS STS quotas:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html; the knowledge
 * center's "iam-increase-policy-size" gives the same 6,144 and 10, raisable to 20).
 */
export const MANAGED_POLICY_MAX_CHARS = 6144;
export const MANAGED_POLICIES_PER_ROLE = 10;

export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: 'Allow' | 'Deny';
  /** Trust policies only. */
  readonly Principal?: Readonly<Record<string, string>>;
  readonly Action: readonly string[];
  /** Absent in a trust policy. */
  readonly Resource?: string | readonly string[];
  readonly Condition?: Record<string, Record<string, string | readonly string[]>>;
}

export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly PolicyStatement[];
}

export interface DeployPolicyOptions {
  /** The environment suffix (every physical name and the Environment tag carry it). */
  readonly suffix: string;
  readonly account: string;
  readonly region: string;
  readonly partition?: string;
  /** The managed policy every role the stack creates must carry as its permissions boundary. */
  readonly permissionsBoundaryArn: string;
  /**
   * The suffixes of the project's other environments (every `config/*.json`). Where this
   * environment's name patterns would also match one of theirs (`payment-*-dev` matches
   * `payment-app-eu-dev`), the policy denies that environment's names explicitly.
   */
  readonly otherEnvironments?: readonly string[];
}

export interface DeployPolicy {
  readonly types: readonly string[];
  readonly policies: readonly PolicyDocument[];
}

export interface TerraformJsonLike {
  readonly resource?: Record<string, unknown>;
  readonly data?: Record<string, unknown>;
}

/** The resource types (and `data.<type>`) a synthesized stack declares, sorted. */
export function synthesizedTypes(json: TerraformJsonLike): string[] {
  return [
    ...Object.keys(json.resource ?? {}),
    ...Object.keys(json.data ?? {}).map((type) => `data.${type}`),
  ].sort();
}

/** The table entry of each type; throws naming every type the table lacks. */
export function actionsFor(types: readonly string[]): Map<string, ResourceActions> {
  const found = new Map<string, ResourceActions>();
  const missing: string[] = [];
  for (const type of types) {
    if (LOCAL_PROVIDER_PREFIXES.some((prefix) => type.startsWith(prefix))) continue;
    const entry = IAM_ACTIONS[type];
    if (entry) found.set(type, entry);
    else missing.push(type);
  }
  if (missing.length > 0) {
    throw new InputProblem(
      `the deploy policy has no IAM actions for ${missing.join(', ')}: add each to src/aws-facts/iam-actions.ts ` +
        `with its actions and source (rule: a type missing from the table is never granted "*"; ` +
        `example entry: aws_sns_topic: { service: 'sns', read: ['sns:GetTopicAttributes'], write: ['sns:CreateTopic'], scope: ... })`,
    );
  }
  return found;
}

/**
 * The read actions planning the stack needs (the "Read" statement of the apply policy): what
 * the AWS provider calls to refresh each resource type the stack declares.
 */
export function readActions(json: TerraformJsonLike): string[] {
  return sorted([...actionsFor(synthesizedTypes(json)).values()].flatMap((entry) => entry.read));
}

/** Generates the apply role's managed policies for one synthesized stack. */
export function generateDeployPolicy(
  json: TerraformJsonLike,
  options: DeployPolicyOptions,
): DeployPolicy {
  const types = synthesizedTypes(json);
  const entries = actionsFor(types);
  const partition = options.partition ?? 'aws';
  const own = namePatterns(options.suffix, options.account, options.region);
  const fillWith = (arn: string, names: NamePatterns): string =>
    arn
      .replaceAll('{partition}', partition)
      .replaceAll('{account}', options.account)
      .replaceAll('{region}', options.region)
      .replaceAll('{name}', names.name)
      .replaceAll('{bucket}', names.bucket)
      .replaceAll('{wafLogBucket}', names.wafLogBucket)
      .replaceAll('{prefix}', NAME_PREFIX)
      .replaceAll('{suffix}', names.suffix);
  const fill = (arn: string): string => fillWith(arn, own);

  const reads = new Set<string>();
  const byName = new Map<string, { actions: Set<string>; arns: Set<string> }>();
  const tagCreate = new Map<string, Set<string>>();
  const tagged = new Map<string, Set<string>>();
  const unscoped = new Map<string, Set<string>>();
  const inZone = new Map<string, Set<string>>();
  const add = (map: Map<string, Set<string>>, key: string, actions: readonly string[]): void => {
    const set = map.get(key) ?? new Set<string>();
    for (const action of actions) set.add(action);
    map.set(key, set);
  };

  const templates = new Set<string>();
  // What the Deny of an overlapping environment covers: every write granted on names,
  // including the guarded IAM statements' (iamGuards).
  const namedWrites = new Set<string>([...GUARDED_IAM, ...GUARD_ONLY_IAM]);
  for (const entry of entries.values()) {
    for (const action of entry.read) reads.add(action);
    // Actions AWS matches only against "*" are granted unscoped, whatever the entry's scope.
    const anyResource = new Set(entry.unscoped?.actions);
    if (anyResource.size > 0) add(unscoped, entry.service, [...anyResource]);
    const write = entry.write.filter(
      (action) => !GUARDED_IAM.has(action) && !anyResource.has(action),
    );
    if (entry.scope.kind === 'name') {
      for (const arn of entry.scope.arns) templates.add(arn);
      for (const action of write) namedWrites.add(action);
    }
    if (write.length === 0) continue;
    switch (entry.scope.kind) {
      case 'name': {
        const group = byName.get(entry.service) ?? {
          actions: new Set<string>(),
          arns: new Set<string>(),
        };
        for (const action of write) group.actions.add(action);
        for (const arn of entry.scope.arns) group.arns.add(fill(arn));
        byName.set(entry.service, group);
        break;
      }
      case 'tag':
        add(tagCreate, entry.service, write.filter(isCreate));
        add(
          tagged,
          entry.service,
          write.filter((action) => !isCreate(action)),
        );
        break;
      case 'hosted-zone':
        add(inZone, entry.service, write);
        break;
      case 'none':
        add(unscoped, entry.service, write);
        break;
    }
  }

  const statements: PolicyStatement[] = [];
  statements.push({ Sid: 'Read', Effect: 'Allow', Action: sorted(reads), Resource: '*' });
  for (const [service, group] of sortedEntries(byName)) {
    statements.push({
      Sid: sid('Named', service),
      Effect: 'Allow',
      Action: sorted(group.actions),
      Resource: sorted(group.arns),
    });
  }
  for (const [service, actions] of sortedEntries(tagCreate)) {
    if (actions.size === 0) continue;
    statements.push({
      Sid: sid('TagOnCreate', service),
      Effect: 'Allow',
      Action: sorted(actions),
      Resource: '*',
      Condition: { StringEquals: { [`aws:RequestTag/${ENVIRONMENT_TAG}`]: options.suffix } },
    });
  }
  for (const [service, actions] of sortedEntries(tagged)) {
    if (actions.size === 0) continue;
    statements.push({
      Sid: sid('Tagged', service),
      Effect: 'Allow',
      Action: sorted(actions),
      Resource: '*',
      Condition: { StringEquals: { [`aws:ResourceTag/${ENVIRONMENT_TAG}`]: options.suffix } },
    });
  }
  for (const [service, actions] of sortedEntries(inZone)) {
    if (actions.size === 0) continue;
    const records = hostedZoneRecords(json);
    statements.push({
      Sid: sid('RecordsInZone', service),
      Effect: 'Allow',
      Action: sorted(actions),
      Resource: records.zones.map((id) => `arn:${partition}:route53:::hostedzone/${id}`),
      Condition: {
        'ForAllValues:StringLike': {
          'route53:ChangeResourceRecordSetsNormalizedRecordNames': records.names,
        },
      },
    });
  }
  for (const [service, actions] of sortedEntries(unscoped)) {
    statements.push({
      Sid: sid('NoResourceScope', service),
      Effect: 'Allow',
      Action: sorted(actions),
      Resource: '*',
    });
  }
  statements.push(...iamGuards(types, options, fill));
  statements.push(
    ...otherEnvironmentDenials({
      json,
      options,
      templates: [...templates].sort(),
      actions: sorted(namedWrites),
      fillWith,
    }),
  );
  return { types, policies: pack(statements) };
}

/**
 * The hosted zones the stack's Route 53 records name (literal `zone_id`) and the record names
 * a change may touch, normalized as Route 53's condition key compares them (lower case, no
 * trailing dot): each literal record name, and `_*.<name>` for the certificate's validation
 * records, whose names ACM chooses at apply time. A zone or no name that is not literal
 * cannot be scoped, and is refused rather than granted on every zone.
 */
export function hostedZoneRecords(json: TerraformJsonLike): {
  zones: string[];
  names: string[];
} {
  const records = Object.entries(
    (json.resource?.['aws_route53_record'] ?? {}) as Record<string, Record<string, unknown>>,
  );
  const zones = new Set<string>();
  const names = new Set<string>();
  for (const [id, record] of records) {
    const zone = record['zone_id'];
    if (typeof zone !== 'string' || !/^[A-Z0-9]+$/.test(zone))
      throw new InputProblem(
        `aws_route53_record.${id}: zone_id ${JSON.stringify(zone)} is not a literal hosted zone ID, so the apply policy cannot name the zone (rule: Route 53 changes are granted on the stack's own zones only; example: "hostedZoneId": "Z0123456789ABCDEFGHIJ" in the environment file)`,
      );
    zones.add(zone);
    const name = record['name'];
    if (typeof name === 'string' && !name.includes('${')) {
      const normalized = name.toLowerCase().replace(/\.$/, '');
      names.add(normalized);
      names.add(`_*.${normalized}`);
    }
  }
  if (records.length > 0 && names.size === 0)
    throw new InputProblem(
      'the stack\'s Route 53 records have no literal name, so the apply policy cannot narrow record changes to them (rule: Route 53 changes are granted on the stack\'s own record names only; example: "domainName": "pay.example.com" in the environment file)',
    );
  return { zones: [...zones].sort(), names: [...names].sort() };
}

/** What the generator puts in an ARN template's name placeholders for one environment. */
export interface NamePatterns {
  readonly suffix: string;
  /** `payment-*-<suffix>`: every name the stacks build ends in the suffix (src/naming/naming.ts). */
  readonly name: string;
  /** `payment-*-<suffix>-<account>-<region code>`: the buckets. */
  readonly bucket: string;
  /** `aws-waf-logs-payment-<suffix>-<account>-<region code>`: the WAF log bucket. */
  readonly wafLogBucket: string;
}

export function namePatterns(suffix: string, account: string, region: string): NamePatterns {
  const tail = `${account}-${regionCode(region)}`;
  return {
    suffix,
    name: `${NAME_PREFIX}-*-${suffix}`,
    bucket: `${NAME_PREFIX}-*-${suffix}-${tail}`,
    wafLogBucket: `${WAF_LOG_BUCKET_PREFIX}-${NAME_PREFIX}-${suffix}-${tail}`,
  };
}

/**
 * The name patterns keep one wildcard, the component (`payment-*-<suffix>`), and IAM's `*`
 * matches any characters within an ARN segment, hyphens and slashes included ("IAM JSON
 * policy elements: Resource", using wildcards in resource ARNs:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html).
 * So `payment-*-dev` also matches the names of an environment whose suffix ends in `-dev`
 * (`eu-dev`: `payment-app-eu-dev`); suffixes that merely start alike (`dev2`, `devops`,
 * `dev-eu`) no longer match, since nothing follows the suffix. For each such other
 * environment, one Deny statement names its patterns for every write this policy allows on
 * names. A Deny that would also match one of this environment's own names (the two
 * environments build the same physical name) is refused: no policy can separate them.
 */
function otherEnvironmentDenials(input: {
  readonly json: TerraformJsonLike;
  readonly options: DeployPolicyOptions;
  readonly templates: readonly string[];
  readonly actions: readonly string[];
  readonly fillWith: (arn: string, names: NamePatterns) => string;
}): PolicyStatement[] {
  const { json, options, templates, actions, fillWith } = input;
  if (templates.length === 0) return [];
  const own = namePatterns(options.suffix, options.account, options.region);
  const ownNames = literalNames(json, options.account);
  const statements: PolicyStatement[] = [];
  for (const other of sorted(options.otherEnvironments ?? [])) {
    if (other === options.suffix) continue;
    const theirs = namePatterns(other, options.account, options.region);
    // A name of theirs, with a stand-in component where the pattern has its wildcard.
    const example: NamePatterns = {
      ...theirs,
      name: theirs.name.replace('*', 'x'),
      bucket: theirs.bucket.replace('*', 'x'),
    };
    // Only templates that carry a name: `key/*` or `role/aws-service-role/*` are no
    // environment's, and denying them would deny this environment too.
    const reached = templates.filter(
      (template) =>
        NAME_PLACEHOLDER.test(template) &&
        wildcard(fillWith(template, own)).test(fillWith(template, example)),
    );
    if (reached.length === 0) continue;
    const collision = ownNames.find((name) =>
      nameShapes(theirs).some((shape) => wildcard(shape).test(name)),
    );
    if (collision !== undefined)
      throw new InputProblem(
        `environments ${options.suffix} and ${other} build the same physical name "${collision}" ` +
          `(rule: in one account no environment's suffix may end with "-<another suffix>" where the two build the same name; ` +
          `no IAM policy can keep one environment's apply role off the other's resource). ` +
          `Rename one environment (config/${other}.json), for example to ${other.replaceAll('-', '')}`,
      );
    statements.push({
      Sid: sid('NotEnvironment', other),
      Effect: 'Deny',
      Action: [...actions],
      Resource: sorted(reached.map((template) => fillWith(template, theirs))),
    });
  }
  return statements;
}

const NAME_PLACEHOLDER = /\{(name|bucket|wafLogBucket|suffix)\}/;

/** The name shapes of `namePatterns`, as the resources carry them (log groups hold the name inside). */
function nameShapes(names: NamePatterns): string[] {
  return [
    names.name,
    names.bucket,
    names.wafLogBucket,
    `/aws/rds/cluster/${names.name}/*`,
    `/${NAME_PREFIX}/${names.suffix}/*`,
  ];
}

/**
 * Every literal string attribute of the stack's resources (the account ID filled in where a
 * bucket name holds `aws_caller_identity`'s): the names the environment really builds.
 */
function literalNames(json: TerraformJsonLike, account: string): string[] {
  const names: string[] = [];
  for (const blocks of Object.values(json.resource ?? {})) {
    if (typeof blocks !== 'object' || blocks === null) continue;
    for (const block of Object.values(blocks as Record<string, unknown>)) {
      if (typeof block !== 'object' || block === null) continue;
      for (const value of Object.values(block as Record<string, unknown>)) {
        if (typeof value !== 'string') continue;
        const name = value.replace(/\$\{data\.aws_caller_identity\.[^}]+\.account_id\}/g, account);
        if (!name.includes('${')) names.push(name);
      }
    }
  }
  return names;
}

/** IAM writes the generator grants only in the guarded statements of `iamGuards`. */
const GUARDED_IAM = new Set(['iam:CreateRole', 'iam:PutRolePolicy', 'iam:AttachRolePolicy']);
/** IAM actions only the guarded statements grant (no table entry lists them). */
const GUARD_ONLY_IAM = ['iam:PassRole', 'iam:PutRolePermissionsBoundary'];

/**
 * Roles are created and given policies only with the permissions boundary attached; only the
 * environment's roles can be passed; the boundary itself cannot be removed or changed.
 */
function iamGuards(
  types: readonly string[],
  options: DeployPolicyOptions,
  fill: (arn: string) => string,
): PolicyStatement[] {
  if (!types.includes('aws_iam_role')) return [];
  const roles = fill('arn:{partition}:iam::{account}:role/{name}');
  return [
    {
      Sid: 'RolesOnlyUnderBoundary',
      Effect: 'Allow',
      Action: [
        'iam:AttachRolePolicy',
        'iam:CreateRole',
        'iam:PutRolePermissionsBoundary',
        'iam:PutRolePolicy',
      ],
      Resource: roles,
      Condition: { StringEquals: { 'iam:PermissionsBoundary': options.permissionsBoundaryArn } },
    },
    {
      Sid: 'PassOnlyThisEnvironmentsRoles',
      Effect: 'Allow',
      Action: ['iam:PassRole'],
      Resource: roles,
    },
    {
      Sid: 'KeepTheBoundary',
      Effect: 'Deny',
      Action: [
        'iam:DeleteRolePermissionsBoundary',
        'iam:CreatePolicyVersion',
        'iam:DeletePolicy',
        'iam:SetDefaultPolicyVersion',
      ],
      Resource: [roles, options.permissionsBoundaryArn],
    },
  ];
}

/** A call that creates a resource with its tags (checked by `aws:RequestTag`). */
function isCreate(action: string): boolean {
  return (
    /:(Create|Allocate|Import|Request|Register|Run)/.test(action) &&
    !action.endsWith('Tags') &&
    !ACTS_ON_EXISTING.has(action)
  );
}

function sid(prefix: string, service: string): string {
  return (
    prefix + service.replace(/(^|-)([a-z0-9])/g, (_, __: string, c: string) => c.toUpperCase())
  );
}

function sorted(set: Iterable<string>): string[] {
  return [...new Set(set)].sort();
}

function sortedEntries<V>(map: Map<string, V>): Array<[string, V]> {
  return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The size IAM counts: the JSON without white space. */
export function policySize(document: PolicyDocument): number {
  return JSON.stringify(document).length;
}

/**
 * Packs statements into as few documents as fit `MANAGED_POLICY_MAX_CHARS`, splitting a
 * statement's actions when one statement alone is too large.
 */
export function pack(statements: readonly PolicyStatement[]): PolicyDocument[] {
  const pieces = statements.flatMap(splitStatement);
  const documents: PolicyStatement[][] = [];
  for (const piece of pieces) {
    const fits = documents.find(
      (doc) => policySize(documentOf([...doc, piece])) <= MANAGED_POLICY_MAX_CHARS,
    );
    if (fits) fits.push(piece);
    else documents.push([piece]);
  }
  if (documents.length > MANAGED_POLICIES_PER_ROLE) {
    throw new InputProblem(
      `the deploy policy needs ${documents.length} managed policies; a role takes ${MANAGED_POLICIES_PER_ROLE} by default (rule: IAM quota)`,
    );
  }
  return documents.map(documentOf);
}

function documentOf(statements: readonly PolicyStatement[]): PolicyDocument {
  return { Version: '2012-10-17', Statement: statements };
}

function splitStatement(statement: PolicyStatement): PolicyStatement[] {
  if (policySize(documentOf([statement])) <= MANAGED_POLICY_MAX_CHARS) return [statement];
  const half = Math.ceil(statement.Action.length / 2);
  return [
    ...splitStatement({
      ...statement,
      Sid: `${statement.Sid}1`,
      Action: statement.Action.slice(0, half),
    }),
    ...splitStatement({
      ...statement,
      Sid: `${statement.Sid}2`,
      Action: statement.Action.slice(half),
    }),
  ];
}
