import { graphRule } from '../../rule';

export const REQUIRED_TAGS = ['Environment', 'Project', 'CostCenter'];

/** docs/system.md 2.10: every resource carries Environment, Project and CostCenter. */
export const tagsRequired = graphRule({
  id: 'PAY-TAG-001',
  title: 'Provider default tags include Environment, Project and CostCenter',
  severity: 'low',
  resourceTypes: ['*'],
  pci: ['12.5.1'],
  equivalents: {},
  rationale:
    'PCI DSS 12.5.1 requires an inventory of system components in scope; consistent tags make the inventory queryable.',
  remediation: 'Set the tags in the AWS provider default_tags.',
  check(graph) {
    const missing = REQUIRED_TAGS.filter((t) => !graph.defaultTags[t]);
    return missing.length > 0
      ? [{ address: 'provider.aws', message: `default_tags miss ${missing.join(', ')}` }]
      : [];
  },
});
