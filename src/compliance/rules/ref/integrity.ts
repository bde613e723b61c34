import { graphRule } from '../../rule';

/**
 * Every reference inside every `${...}` resolves to a block of the same stack: a resource,
 * data source, ephemeral resource, variable, local or module (outputs cannot be referenced).
 */
export const refIntegrity = graphRule({
  id: 'PAY-REF-001',
  title: 'Every reference resolves to a block declared in the stack',
  severity: 'critical',
  resourceTypes: ['*'],
  pci: ['6.5.1', '1.2.2'],
  equivalents: {},
  rationale:
    'A dangling reference fails at plan time at best; at worst a policy or rule silently protects something else than intended. Checking it offline proves the reviewed JSON is the deployable JSON.',
  remediation: 'Fix the construct that writes the reference, or declare the missing block.',
  check: (graph) =>
    graph.edges
      .filter((e) => !e.resolved)
      .map((e) => {
        const target = graph.block(e.to);
        const why =
          target?.kind === 'output'
            ? 'is an output, which cannot be referenced'
            : 'is not declared in this stack';
        return {
          address: e.from,
          message: `${e.attribute || '(value)'}: \${${e.reference}} — ${e.to} ${why}`,
        };
      }),
});
