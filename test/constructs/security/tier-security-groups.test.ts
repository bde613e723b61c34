import { describe, expect, it } from 'vitest';
import type { Block } from '../../helpers/synth';
import { blocksOf, refOf, resourceAt, synthesize } from '../../helpers/synth';

const { json } = synthesize();
const groupRef = (path: string) =>
  `\${${refOf(json, 'aws_security_group', resourceAt(json, 'aws_security_group', path))}.id}`;
const alb = groupRef('SecurityGroups/Alb');
const app = groupRef('SecurityGroups/App');
const db = groupRef('SecurityGroups/Database');
const ingress = blocksOf(json, 'aws_vpc_security_group_ingress_rule');
const egress = blocksOf(json, 'aws_vpc_security_group_egress_rule');
const rulesOf = (rules: Block[], group: string) =>
  rules.filter((r) => r.security_group_id === group);

describe('tier security groups', () => {
  it('opens only 80 and 443 to the internet, and only on the ALB', () => {
    const open = ingress.filter((r) => r.cidr_ipv4 === '0.0.0.0/0' || r.cidr_ipv6 === '::/0');
    expect(open.map((r) => [r.security_group_id, r.from_port, r.to_port]).sort()).toEqual(
      [
        [alb, 443, 443],
        [alb, 80, 80],
      ].sort(),
    );
  });

  it('lets the ALB reach only the app, on the app port', () => {
    expect(rulesOf(egress, alb)).toEqual([
      expect.objectContaining({
        referenced_security_group_id: app,
        from_port: 8080,
        to_port: 8080,
      }),
    ]);
  });

  it('lets the app be reached only from the ALB, and reach only HTTPS and the database', () => {
    expect(rulesOf(ingress, app)).toEqual([
      expect.objectContaining({
        referenced_security_group_id: alb,
        from_port: 8080,
        to_port: 8080,
      }),
    ]);
    expect(
      rulesOf(egress, app)
        .map((r) => [r.referenced_security_group_id ?? r.cidr_ipv4, r.from_port])
        .sort(),
    ).toEqual(
      [
        ['0.0.0.0/0', 443],
        [db, 3306],
      ].sort(),
    );
  });

  it('lets the database be reached only from the app, and send nothing', () => {
    expect(rulesOf(ingress, db)).toEqual([
      expect.objectContaining({
        referenced_security_group_id: app,
        from_port: 3306,
        to_port: 3306,
        ip_protocol: 'tcp',
      }),
    ]);
    expect(rulesOf(egress, db)).toEqual([]);
  });

  it('describes every group and every rule, and never opens 22 or 3389', () => {
    for (const group of blocksOf(json, 'aws_security_group'))
      expect(group.description).toBeTruthy();
    for (const rule of [...ingress, ...egress]) {
      expect(rule.description).toBeTruthy();
      for (const port of [22, 3389]) {
        const from = rule.from_port as number;
        const to = rule.to_port as number;
        expect(from <= port && port <= to, `${rule.description} opens ${port}`).toBe(false);
      }
      expect(rule.ip_protocol).not.toBe('-1');
    }
  });
});
