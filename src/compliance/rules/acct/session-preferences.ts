import { missingFromBaseline } from '../../checks/baseline';
import { graphRule } from '../../rule';
import type { Violation } from '../../rule';

/** PCI DSS 8.2.8: re-authentication after at most 15 minutes idle. */
const MAX_IDLE_MINUTES = 15;
const PREFERENCES = 'SSM-SessionManagerRunShell';

export const acctSessionPreferences = graphRule({
  id: 'PAY-ACCT-008',
  title:
    'Session Manager sessions are encrypted, logged to an encrypted log group, and end after 15 idle minutes',
  severity: 'high',
  resourceTypes: ['aws_ssm_document'],
  pci: ['8.2.8', '10.2.1.2', '4.2.1'],
  equivalents: {},
  rationale:
    'Session Manager is the only way onto the admin host; PCI DSS 8.2.8 asks for re-authentication after 15 idle minutes and 10.2.1.2 for a record of administrative actions. Its preferences live in one document per account and Region.',
  remediation: `The ${PREFERENCES} document (document_type Session) with inputs.idleSessionTimeout at most "15", kmsKeyId set, cloudWatchLogGroupName set, cloudWatchEncryptionEnabled and cloudWatchStreamingEnabled true.`,
  check(graph) {
    const out: Violation[] = [
      ...missingFromBaseline(graph, 'region', 'aws_ssm_document', 'Session Manager preferences'),
    ];
    for (const doc of graph.resources('aws_ssm_document')) {
      if (doc.attrs['document_type'] !== 'Session' || doc.attrs['name'] !== PREFERENCES) continue;
      let inputs: Record<string, unknown> = {};
      try {
        const content = JSON.parse(String(doc.attrs['content'])) as {
          inputs?: Record<string, unknown>;
        };
        inputs = content.inputs ?? {};
      } catch {
        out.push({
          address: doc.address,
          message: 'content is not JSON the gate can read',
          unknown: true,
        });
        continue;
      }
      const idle = Number(inputs['idleSessionTimeout'] ?? 20);
      if (!(idle >= 1 && idle <= MAX_IDLE_MINUTES))
        out.push({
          address: doc.address,
          message: `idleSessionTimeout is ${String(inputs['idleSessionTimeout'] ?? '(default 20)')} minutes, over ${MAX_IDLE_MINUTES}`,
        });
      if (!inputs['kmsKeyId'])
        out.push({ address: doc.address, message: 'session data is not KMS-encrypted (kmsKeyId)' });
      if (!inputs['cloudWatchLogGroupName'])
        out.push({
          address: doc.address,
          message: 'sessions are not logged (cloudWatchLogGroupName)',
        });
      if (inputs['cloudWatchEncryptionEnabled'] !== true)
        out.push({ address: doc.address, message: 'cloudWatchEncryptionEnabled is not true' });
      if (inputs['cloudWatchStreamingEnabled'] !== true)
        out.push({ address: doc.address, message: 'cloudWatchStreamingEnabled is not true' });
    }
    return out;
  },
});
