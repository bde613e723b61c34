import { describe, expect, it } from 'vitest';
import {
  ExpressionSyntaxError,
  hasTemplateSequence,
  parseTemplate,
  referencesIn,
} from '../../src/tfjson/expressions';

const refs = (s: string) => referencesIn(parseTemplate(s)).map((r) => r.path.join('.'));

describe('template expressions', () => {
  it('reads a plain attribute reference', () => {
    expect(refs('${aws_vpc.v.id}')).toEqual(['aws_vpc.v.id']);
  });

  it('reads references inside function calls and splats', () => {
    expect(refs('${element(aws_subnet.x.*.id, 0)}')).toEqual(['aws_subnet.x']);
    expect(refs('${aws_subnet.x[*].id}')).toEqual(['aws_subnet.x']);
    expect(refs('${jsonencode({a = aws_kms_key.k.arn, "b" = [var.x, local.y]})}')).toEqual([
      'aws_kms_key.k.arn',
      'var.x',
      'local.y',
    ]);
  });

  it('reads data sources, index syntax and the legacy .N index', () => {
    expect(refs('${data.aws_iam_policy_document.p.json}')).toEqual([
      'data.aws_iam_policy_document.p.json',
    ]);
    expect(refs('${data.aws_availability_zones.z.names[2]}')).toEqual([
      'data.aws_availability_zones.z.names.2',
    ]);
    expect(refs('${data.aws_availability_zones.z.names.0}')).toEqual([
      'data.aws_availability_zones.z.names.0',
    ]);
  });

  it('parses operators, conditionals and nested calls', () => {
    expect(refs('${(length(data.aws_availability_zones.z.names) >= 3)}')).toEqual([
      'data.aws_availability_zones.z.names',
    ]);
    expect(refs('${var.a == "x" && !var.b ? max(var.c, 2) * -1 : try(local.d, null)}')).toEqual([
      'var.a',
      'var.b',
      'var.c',
      'local.d',
    ]);
    expect(refs('${provider::aws::arn_parse(aws_lb.l.arn).region}')).toEqual(['aws_lb.l.arn']);
  });

  it('reads every interpolation of a mixed string, and references inside nested strings', () => {
    expect(
      refs(
        'arn:${data.aws_partition.p.partition}:iam::${data.aws_caller_identity.c.account_id}:root',
      ),
    ).toEqual(['data.aws_partition.p.partition', 'data.aws_caller_identity.c.account_id']);
    expect(refs('${format("%s-${var.suffix}", var.name)}')).toEqual(['var.suffix', 'var.name']);
  });

  it('treats $${ as a literal ${, not a reference', () => {
    const parts = parseTemplate('$${version} $${srcaddr} ${aws_vpc.v.id}');
    expect(parts[0]).toEqual({ kind: 'text', text: '${version} ${srcaddr} ' });
    expect(refs('$${version} $${srcaddr} $${dstaddr}')).toEqual([]);
    expect(hasTemplateSequence('$${version} $${srcaddr}')).toBe(false);
    expect(hasTemplateSequence('x ${a.b}')).toBe(true);
    expect(hasTemplateSequence('%%{ literal }')).toBe(false);
    // JSON policies start with "{": the check must still find the references inside.
    expect(hasTemplateSequence('{"Resource":"${aws_s3_bucket.b.arn}"}')).toBe(true);
    expect(hasTemplateSequence('${a.b}')).toBe(true);
    expect(hasTemplateSequence('{"a":"b"}')).toBe(false);
  });

  it('excludes names bound by for expressions and directives', () => {
    expect(refs('${[for s in aws_subnet.x : s.id if s.tags.Tier == var.tier]}')).toEqual([
      'aws_subnet.x',
      'var.tier',
    ]);
    expect(refs('${{for k, v in var.m : k => upper(v)...}}')).toEqual(['var.m']);
    expect(refs('%{ for ip in var.ips }${ip} ${local.sep}%{ endfor }')).toEqual([
      'var.ips',
      'local.sep',
    ]);
    expect(refs('%{ if var.on }yes%{ else }no%{ endif }')).toEqual(['var.on']);
  });

  it('keeps the static part of a traversal indexed by an expression', () => {
    expect(refs('${aws_subnet.x[count.index].id}')).toEqual(['count.index', 'aws_subnet.x']);
    expect(refs('${each.value.name}')).toEqual(['each.value.name']);
  });

  it('rejects malformed expressions with a located message', () => {
    for (const bad of [
      '${element(aws_vpc.v.id, }',
      '${aws_vpc.}',
      '${"unterminated}',
      '${a +}',
      '${ 1 2 }',
      '%{ while x }',
    ]) {
      expect(() => parseTemplate(bad), bad).toThrow(ExpressionSyntaxError);
    }
    expect(() => parseTemplate('${foo(}')).toThrow(/offset \d+/);
  });
});
