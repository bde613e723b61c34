import { attr } from '../../../tfjson/graph';
import { missingFromBaseline } from '../../checks/baseline';
import { isFalse, isTrue, graphRule } from '../../rule';
import type { Violation } from '../../rule';

export const acctConfigRecorder = graphRule({
  id: 'PAY-ACCT-007',
  title: 'AWS Config records every resource type, delivers, and runs a conformance pack',
  severity: 'high',
  resourceTypes: [
    'aws_config_configuration_recorder',
    'aws_config_configuration_recorder_status',
    'aws_config_delivery_channel',
    'aws_config_conformance_pack',
  ],
  pci: ['1.2.7', '2.2.1', '10.2.1', '11.5.2'],
  equivalents: { securityHub: ['Config.1'] },
  rationale:
    'A configuration history is what shows an assessor when a security setting changed (PCI DSS 1.2.7, 2.2.1); a recorder that does not run, or records only some types, or a pack that is missing, leaves the change unseen.',
  remediation:
    'A recorder with recording_group.all_supported = true, a delivery channel, a recorder status with is_enabled = true, and the PCI DSS v4 conformance pack.',
  check(graph) {
    const out: Violation[] = [
      ...missingFromBaseline(
        graph,
        'region',
        'aws_config_configuration_recorder',
        'Config recorder',
      ),
    ];
    const recorders = graph.resources('aws_config_configuration_recorder');
    if (recorders.length === 0) return out;
    for (const r of recorders) {
      if (isFalse(attr(r.attrs, 'recording_group.all_supported')))
        out.push({ address: r.address, message: 'does not record every supported resource type' });
    }
    const running = graph
      .resources('aws_config_configuration_recorder_status')
      .some((s) => isTrue(s.attrs['is_enabled']));
    const at = recorders[0]!.address;
    if (!running) out.push({ address: at, message: 'no recorder status starts the recorder' });
    if (graph.resources('aws_config_delivery_channel').length === 0)
      out.push({ address: at, message: 'has no delivery channel (the recorder cannot start)' });
    if (graph.resources('aws_config_conformance_pack').length === 0)
      out.push({ address: at, message: 'no conformance pack evaluates the recorded resources' });
    return out;
  },
});
