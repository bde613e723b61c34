import { graphRule } from '../../rule';

/** Every `${...}` expression parses. */
export const refSyntax = graphRule({
  id: 'PAY-REF-002',
  title: 'Every template expression is well-formed',
  severity: 'critical',
  resourceTypes: ['*'],
  pci: ['6.5.1'],
  equivalents: {},
  rationale:
    'A malformed expression cannot be checked (its references are unknown) and Terraform will refuse it.',
  remediation: 'Fix the string; write a literal "${" as "$${".',
  check: (graph) =>
    graph.expressionProblems.map((p) => ({
      address: p.from,
      message: `${p.attribute}: ${p.message}`,
    })),
});
