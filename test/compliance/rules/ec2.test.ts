/** The EC2 and Auto Scaling rules (src/compliance/rules/ec2/): details beyond the table-driven pass/fail cases of ../rules.test.ts. */
import { describe, expect, it } from 'vitest';
import { RULES } from '../../../src/compliance/rules';
import { graphOf, mutated, res } from '../../fixtures/compliant-stack';

const byId = (id: string) => RULES.find((r) => r.id === id)!;

describe('PAY-EC2-005: maximum instance lifetime', () => {
  it('requires a maximum instance lifetime, not only a short one', () => {
    const unset = mutated((tf) => {
      delete res(tf, 'aws_autoscaling_group', 'app')['max_instance_lifetime'];
    });
    expect(byId('PAY-EC2-005').check(graphOf(unset))[0]?.message).toMatch(/no max_instance/);
    const cleared = mutated((tf) => {
      res(tf, 'aws_autoscaling_group', 'app')['max_instance_lifetime'] = 0;
    });
    expect(byId('PAY-EC2-005').check(graphOf(cleared))).toHaveLength(1);
  });
});
