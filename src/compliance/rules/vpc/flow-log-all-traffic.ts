import { resourceRule } from '../../rule';

/** The flow log records accepted and rejected traffic (docs/system.md 2.8: all traffic). */
export const vpcFlowLogAllTraffic = resourceRule({
  id: 'PAY-VPC-007',
  title: 'VPC flow log captures all traffic',
  severity: 'medium',
  resourceTypes: ['aws_flow_log'],
  pci: ['10.2.1'],
  equivalents: {},
  rationale:
    'Logging only accepted or only rejected traffic leaves half of the network activity unaudited.',
  remediation: 'Set traffic_type = "ALL".',
  test: (log) =>
    log.attrs['traffic_type'] === 'ALL'
      ? undefined
      : `traffic_type is ${JSON.stringify(log.attrs['traffic_type'] ?? null)}, not "ALL"`,
});
