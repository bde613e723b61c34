import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/tfjson/graph';
import { mockProviders } from '../../src/deploy/terraform-check/mocks';
import { adaptToProviders, mirrorProviders } from '../../src/deploy/terraform-check/offline';
import type { TerraformJson } from '../helpers/synth';
import { synthesize } from '../helpers/synth';

let dev: TerraformJson;
beforeAll(() => {
  dev = synthesize({ ENVIRONMENT: 'dev' }).json;
}, 60_000);

describe('adapting a stack to the providers a mirror holds', () => {
  it('repins present providers and replaces the resources of missing ones by stand-ins', () => {
    const adapted = adaptToProviders(dev as unknown as Record<string, unknown>, { aws: '5.100.0' });
    expect(adapted.repinned).toEqual(['aws 6.66.0 -> 5.100.0']);
    expect(adapted.standIns).toEqual([
      expect.stringMatching(/^tls_private_key\./),
      expect.stringMatching(/^tls_self_signed_cert\./),
    ]);
    const json = adapted.json as unknown as TerraformJson;
    expect(json.terraform.required_providers).toEqual({
      aws: { source: 'hashicorp/aws', version: '5.100.0' },
    });
    expect(json.terraform.backend).toBeUndefined();
    expect(Object.keys(json.provider)).toEqual(['aws']);
    expect(Object.keys(json.resource).filter((t) => t.startsWith('tls_'))).toEqual([]);
    // Every reference still resolves, now to the stand-ins' outputs.
    const graph = buildGraph(json, 'adapted');
    expect(graph.edges.filter((e) => !e.resolved)).toEqual([]);
    const imported = Object.values(json.resource.aws_acm_certificate ?? {})[0]!;
    expect(imported.private_key).toMatch(
      /^\$\{terraform_data\.tls_private_key__\w+\.output\.private_key_pem\}$/,
    );
    const key = Object.values(json.resource.terraform_data ?? {}).find(
      (b) => 'private_key_pem' in (b.input as object),
    );
    expect(key).toMatchObject({
      input: { private_key_pem: expect.stringContaining('BEGIN PRIVATE KEY') },
      triggers_replace: { algorithm: 'RSA' },
    });
  });

  it('changes nothing but the backend when every pinned provider is there', () => {
    const pinned = adaptToProviders(dev as unknown as Record<string, unknown>, {
      aws: '6.66.0',
      random: '3.9.1',
      tls: '4.1.0',
    });
    expect(pinned.repinned).toEqual([]);
    expect(pinned.standIns).toEqual([]);
    expect((pinned.json as unknown as TerraformJson).resource).toEqual(dev.resource);
  });

  it('reads the newest version of each provider in a filesystem mirror', () => {
    const mirror = mkdtempSync(join(tmpdir(), 'mirror-'));
    for (const v of ['5.9.0', '5.100.0'])
      mkdirSync(join(mirror, 'registry.terraform.io', 'hashicorp', 'aws', v, 'linux_amd64'), {
        recursive: true,
      });
    expect(mirrorProviders(mirror)).toEqual({ aws: '5.100.0' });
    expect(mirrorProviders(join(mirror, 'none'))).toEqual({});
  });

  it('mocks AWS with realistic values, known at plan time only where Terraform supports it', () => {
    expect(mockProviders(['aws', 'tls'], true)).toMatch(
      /mock_resource "aws_acm_certificate" \{\n {4}override_during = plan/,
    );
    expect(mockProviders(['aws'], false)).not.toContain('override_during');
    expect(mockProviders(['aws', 'tls'], false)).toContain('mock_provider "tls" {}');
    expect(mockProviders(['aws'], false)).toContain('partition = "aws"');
  });
});
