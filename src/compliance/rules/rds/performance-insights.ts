import { isTrue, resourceRule } from '../../rule';

/** R13: Performance Insights (Database Insights) on, with a customer managed key. */
export const rdsPerformanceInsights = resourceRule({
  id: 'PAY-RDS-009',
  title: 'Database Performance Insights is enabled with a customer managed key',
  severity: 'low',
  resourceTypes: ['aws_rds_cluster_instance', 'aws_db_instance'],
  pci: ['10.2.1', '3.5.1'],
  catalogue: 'R13',
  equivalents: { checkov: ['CKV_AWS_353', 'CKV_AWS_354'], trivy: ['AWS-0133', 'AWS-0078'] },
  rationale:
    "Performance Insights stores query text, which can contain cardholder data: it must be encrypted with the project's key.",
  remediation:
    'Set performance_insights_enabled = true and performance_insights_kms_key_id to a customer managed key.',
  test(i, graph) {
    if (!isTrue(i.attrs['performance_insights_enabled'])) {
      // On Aurora the cluster may enable it for every instance.
      const cluster = graph.refsFrom(i.address, 'cluster_identifier')[0]?.to;
      const c = cluster ? graph.block(cluster) : undefined;
      if (!c || !isTrue(c.attrs['performance_insights_enabled']))
        return 'performance_insights_enabled is not true';
      return typeof c.attrs['performance_insights_kms_key_id'] === 'string'
        ? undefined
        : 'Performance Insights has no customer managed key';
    }
    return typeof i.attrs['performance_insights_kms_key_id'] === 'string'
      ? undefined
      : 'Performance Insights has no customer managed key';
  },
});
