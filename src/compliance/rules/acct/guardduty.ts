import { missingFromBaseline } from '../../checks/baseline';
import { isFalse, graphRule } from '../../rule';
import type { Violation } from '../../rule';

/**
 * Protection plans for what the environments run: EC2 and ECS Fargate (runtime monitoring with
 * its managed agents, malware scans of EBS), S3 and RDS (API_DetectorFeatureConfiguration).
 */
const REQUIRED: Readonly<Record<string, readonly string[]>> = {
  S3_DATA_EVENTS: [],
  EBS_MALWARE_PROTECTION: [],
  RDS_LOGIN_EVENTS: [],
  RUNTIME_MONITORING: ['ECS_FARGATE_AGENT_MANAGEMENT', 'EC2_AGENT_MANAGEMENT'],
};

function list(value: unknown): Record<string, unknown>[] {
  return (Array.isArray(value) ? value : value ? [value] : []) as Record<string, unknown>[];
}

export const acctGuardDuty = graphRule({
  id: 'PAY-ACCT-005',
  title: 'GuardDuty is on with the EC2, ECS Fargate, S3 and RDS protection plans',
  severity: 'high',
  resourceTypes: ['aws_guardduty_detector', 'aws_guardduty_detector_feature'],
  pci: ['5.2.1', '5.3.2', '10.7.2', '11.5.1'],
  equivalents: { securityHub: ['GuardDuty.1'] },
  rationale:
    'PCI DSS 11.5.1 asks for intrusion detection at the perimeter and critical points of the cardholder-data environment; GuardDuty is that for the account, and its runtime and malware protection cover the anti-malware requirements on instances and tasks.',
  remediation:
    'An aws_guardduty_detector with enable = true and an aws_guardduty_detector_feature ENABLED for S3_DATA_EVENTS, EBS_MALWARE_PROTECTION, RDS_LOGIN_EVENTS and RUNTIME_MONITORING (with ECS_FARGATE_AGENT_MANAGEMENT and EC2_AGENT_MANAGEMENT).',
  check(graph) {
    const out: Violation[] = [
      ...missingFromBaseline(graph, 'region', 'aws_guardduty_detector', 'GuardDuty detector'),
    ];
    const detectors = graph.resources('aws_guardduty_detector');
    for (const d of detectors)
      if (isFalse(d.attrs['enable']))
        out.push({ address: d.address, message: 'the detector is disabled' });
    if (detectors.length === 0) return out;
    const features = graph.resources('aws_guardduty_detector_feature');
    for (const [name, agents] of Object.entries(REQUIRED)) {
      const feature = features.find((f) => f.attrs['name'] === name);
      if (!feature || feature.attrs['status'] !== 'ENABLED') {
        out.push({
          address: detectors[0]!.address,
          message: `protection plan ${name} is not enabled`,
        });
        continue;
      }
      for (const agent of agents) {
        const on = list(feature.attrs['additional_configuration']).some(
          (c) => c['name'] === agent && c['status'] === 'ENABLED',
        );
        if (!on)
          out.push({ address: feature.address, message: `${name} does not enable ${agent}` });
      }
    }
    return out;
  },
});
