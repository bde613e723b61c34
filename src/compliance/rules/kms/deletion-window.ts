import { num, resourceRule } from '../../rule';

/** K5. */
export const kmsDeletionWindow = resourceRule({
  id: 'PAY-KMS-005',
  title: 'KMS key sets a deletion window',
  severity: 'low',
  resourceTypes: ['aws_kms_key'],
  pci: ['3.6.1'],
  catalogue: 'K5',
  equivalents: { kics: ['0b530315'], securityHub: ['KMS.3'] },
  rationale:
    'The waiting period is the only chance to cancel an accidental key deletion, which would make encrypted data unrecoverable.',
  remediation: 'Set deletion_window_in_days (7-30); the profiles use 7, 14 and 30.',
  test(key) {
    const days = num(key.attrs['deletion_window_in_days']);
    if (days === undefined) return 'deletion_window_in_days is not set';
    return days < 7 || days > 30 ? `deletion_window_in_days is ${days}, outside 7-30` : undefined;
  },
});
