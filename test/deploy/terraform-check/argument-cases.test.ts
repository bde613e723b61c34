/**
 * The generic replacement check: one case per argument the stacks set, placeholders the
 * provider's validators accept, and the comparison with the diff's table. The plan itself runs
 * in `npm run test:terraform`.
 */
import { describe, expect, it } from 'vitest';
import type { ResourceSchema } from '../../../src/deploy/terraform-check/argument-cases';
import {
  argumentCases,
  argumentMismatches,
  argumentPaths,
  literal,
} from '../../../src/deploy/terraform-check/argument-cases';
import { REPLACEMENT_ARGUMENTS } from '../../../src/review/diff/replacement';
import { REVIEW_VARIANTS, stackJson } from '../../fixtures/review-stacks';

const SUBNET: ResourceSchema = {
  version: 1,
  block: {
    attributes: {
      cidr_block: { type: 'string', optional: true },
      vpc_id: { type: 'string', required: true },
      map_public_ip_on_launch: { type: 'bool', optional: true },
    },
    block_types: {
      timeouts: { nesting_mode: 'single', block: { attributes: {} } },
    },
  },
};

describe('argument cases', () => {
  const json = {
    resource: {
      aws_subnet: {
        a: { cidr_block: '10.0.0.0/24', vpc_id: '${aws_vpc.Network_Vpc_FAC8F4A5.id}', tags: {} },
      },
      random_id: { r: { byte_length: 4 } },
    },
  };

  it('makes one case per argument, the argument unknown, references literal', () => {
    const { cases, unplanned } = argumentCases([json], { aws_subnet: SUBNET });
    expect(cases.map((c) => c.path)).toEqual(['cidr_block', 'vpc_id']);
    expect(cases[0]!.config).toEqual({
      cidr_block: '${terraform_data.unknown_string.output}',
      vpc_id: 'vpc-0networkvpc',
    });
    expect(cases[0]!.state).toEqual({ cidr_block: '10.0.0.0/24', vpc_id: 'vpc-0networkvpc' });
    expect(unplanned).toEqual(['random_id (its provider is not installed)']);
  });

  it('builds ARNs from the partition, Region and account they embed', () => {
    expect(literal('arn:${data.aws_partition.p.partition}:iam::aws:policy/X', 'policy_arn')).toBe(
      'arn:aws:iam::aws:policy/X',
    );
    expect(literal('${aws_s3_bucket.Logs_1234ABCD.arn}/flow/', 'log_destination')).toMatch(
      /^arn:aws:s3:eu-west-1:123456789012:placeholder\/logs\/flow\/$/,
    );
  });

  it('descends into blocks for argument paths', () => {
    const schema = {
      attributes: {},
      block_types: {
        root_block_device: {
          nesting_mode: 'list',
          block: { attributes: { encrypted: { type: 'bool' } } },
        },
      },
    };
    expect(argumentPaths({ root_block_device: { encrypted: true } }, schema)).toEqual([
      'root_block_device.encrypted',
    ]);
  });

  it('reports where the plan and the table disagree, both ways', () => {
    const { cases } = argumentCases([json], { aws_subnet: SUBNET });
    const [cidr, vpc] = cases as [(typeof cases)[0], (typeof cases)[0]];
    expect(
      argumentMismatches(
        cases,
        new Map([
          [cidr, 'replace'],
          [vpc, 'replace'],
        ]),
      ),
    ).toEqual([]);
    expect(
      argumentMismatches(
        cases,
        new Map([
          [cidr, 'update'],
          [vpc, 'replace'],
        ]),
      ),
    ).toEqual([
      'aws_subnet.cidr_block: the table says it forces a new resource, the plan says update',
    ]);
  });
});

describe('the replacement table', () => {
  it('has every resource type the stacks synthesize', () => {
    const types = new Set(REVIEW_VARIANTS.flatMap((v) => Object.keys(stackJson(v.name).resource)));
    const missing = [...types].filter((t) => !REPLACEMENT_ARGUMENTS[t]);
    expect(missing).toEqual([]);
    expect(types.size).toBeGreaterThan(50);
  });
});
