import { missingFromBaseline } from '../../checks/baseline';
import { isFalse, isTrue, graphRule } from '../../rule';
import type { Violation } from '../../rule';

/** EBS encryption by default, with a customer key, in every baseline Region. */
export const acctEbsDefaultEncryption = graphRule({
  id: 'PAY-ACCT-009',
  title: 'EBS encryption by default is on, with a customer-managed key',
  severity: 'high',
  resourceTypes: ['aws_ebs_encryption_by_default', 'aws_ebs_default_kms_key'],
  pci: ['3.5.1'],
  equivalents: { securityHub: ['EC2.7'] },
  rationale:
    'A volume created outside the stacks (a restored snapshot, a console launch) would otherwise be unencrypted; with a customer key, who may read it is in the key policy.',
  remediation:
    'aws_ebs_encryption_by_default with enabled = true, and aws_ebs_default_kms_key naming a customer key.',
  check(graph) {
    const out: Violation[] = [
      ...missingFromBaseline(
        graph,
        'region',
        'aws_ebs_encryption_by_default',
        'EBS encryption by default',
      ),
    ];
    const settings = graph.resources('aws_ebs_encryption_by_default');
    for (const s of settings)
      if (isFalse(s.attrs['enabled'])) out.push({ address: s.address, message: 'is disabled' });
    if (settings.length > 0 && graph.resources('aws_ebs_default_kms_key').length === 0)
      out.push({
        address: settings[0]!.address,
        message: 'uses the AWS managed key (no aws_ebs_default_kms_key)',
      });
    return out;
  },
});

const FLAGS = [
  'block_public_acls',
  'block_public_policy',
  'ignore_public_acls',
  'restrict_public_buckets',
];

/** S3 Block Public Access for the whole account (every Region). */
export const acctS3PublicAccessBlock = graphRule({
  id: 'PAY-ACCT-010',
  title: 'S3 Block Public Access is on for the account, all four settings',
  severity: 'high',
  resourceTypes: ['aws_s3_account_public_access_block'],
  pci: ['1.4.4', '7.2.1'],
  equivalents: { securityHub: ['S3.1'] },
  rationale:
    'Bucket-level blocks protect the buckets the stacks make; the account-level block also covers any bucket made later, by anyone, in any Region.',
  remediation: 'aws_s3_account_public_access_block with the four flags true.',
  check(graph) {
    const out: Violation[] = [
      ...missingFromBaseline(
        graph,
        'global',
        'aws_s3_account_public_access_block',
        'account S3 Block Public Access',
      ),
    ];
    for (const b of graph.resources('aws_s3_account_public_access_block'))
      for (const flag of FLAGS)
        if (!isTrue(b.attrs[flag]))
          out.push({ address: b.address, message: `${flag} is not true` });
    return out;
  },
});

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

/** Inspector for instances and images; IAM Access Analyzer for the account. */
export const acctScanners = graphRule({
  id: 'PAY-ACCT-011',
  title: 'Inspector scans EC2 and ECR, and IAM Access Analyzer watches the account',
  severity: 'high',
  resourceTypes: ['aws_inspector2_enabler', 'aws_accessanalyzer_analyzer'],
  pci: ['6.3.1', '11.3.1', '7.2.5'],
  equivalents: { securityHub: ['Inspector.1', 'Inspector.2'] },
  rationale:
    'PCI DSS 6.3.1 and 11.3.1 ask that vulnerabilities are found and ranked: Inspector does it for instances and container images. Access Analyzer reports resources shared outside the account.',
  remediation:
    'aws_inspector2_enabler with resource_types EC2 and ECR, and an aws_accessanalyzer_analyzer of type ACCOUNT (or ORGANIZATION).',
  check(graph) {
    const out: Violation[] = [
      ...missingFromBaseline(graph, 'region', 'aws_inspector2_enabler', 'Inspector'),
      ...missingFromBaseline(graph, 'region', 'aws_accessanalyzer_analyzer', 'IAM Access Analyzer'),
    ];
    for (const e of graph.resources('aws_inspector2_enabler')) {
      const types = list(e.attrs['resource_types']);
      for (const t of ['EC2', 'ECR'])
        if (!types.includes(t)) out.push({ address: e.address, message: `does not scan ${t}` });
    }
    for (const a of graph.resources('aws_accessanalyzer_analyzer')) {
      const type = a.attrs['type'] ?? 'ACCOUNT';
      if (type !== 'ACCOUNT' && type !== 'ORGANIZATION')
        out.push({
          address: a.address,
          message: `is of type ${String(type)}, not an external-access analyzer`,
        });
    }
    return out;
  },
});
