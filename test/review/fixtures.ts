/**
 * The project's stacks for the review-tool tests, synthesized once per worker (test files
 * share the module cache) and graphed by the gate's parser, as `npm run diagram` and
 * `npm run diff` read them.
 */
import type { StackGraph } from '../../src/compliance/graph';
import { buildGraph } from '../../src/compliance/graph';
import type { TerraformJson } from '../helpers/synth';
import { synthesize } from '../helpers/synth';

export interface ReviewVariant {
  readonly name: string;
  readonly env: Record<string, string>;
  readonly config?: Record<string, unknown>;
}

const FARGATE = { kind: 'ecs-fargate' };
const POSTGRES = { engine: 'aurora-postgresql' };

/** Every profile, and the other compute kind and engine (as in the gate's profile test). */
export const REVIEW_VARIANTS: readonly ReviewVariant[] = [
  { name: 'payment-dev', env: { ENVIRONMENT: 'dev' } },
  { name: 'payment-staging', env: { ENVIRONMENT: 'staging' } },
  { name: 'payment-prod', env: { ENVIRONMENT: 'prod' } },
  {
    name: 'payment-dev-fargate-pg',
    env: { ENVIRONMENT: 'dev', ENVIRONMENT_SUFFIX: 'dev-fargate-pg' },
    config: { compute: FARGATE, database: POSTGRES },
  },
  {
    name: 'payment-prod-fargate',
    env: { ENVIRONMENT: 'prod', ENVIRONMENT_SUFFIX: 'prod-fargate' },
    config: { compute: FARGATE },
  },
];

/** The committed environments of docs/architecture-<env>.svg. */
export const DOCS_STACKS = ['payment-dev', 'payment-staging', 'payment-prod'] as const;

const cache = new Map<string, TerraformJson>();

/** The synthesized JSON of a variant (a fresh deep copy each call, safe to mutate). */
export function stackJson(name: string): TerraformJson {
  let json = cache.get(name);
  if (!json) {
    const variant = REVIEW_VARIANTS.find((v) => v.name === name);
    if (!variant) throw new Error(`no review variant ${name}`);
    json = synthesize(variant.env, variant.config).json;
    cache.set(name, json);
  }
  return structuredClone(json);
}

/** The graph of a variant, or of JSON derived from one; named and filed as the CLI reads it. */
export function stackGraph(name: string, json: TerraformJson = stackJson(name)): StackGraph {
  return buildGraph(json, `stacks/${name}/cdk.tf.json`, name);
}
