import { publicPortRule } from '../../checks/public-port';

/** G2. */
export const sgNoPublicSsh = publicPortRule({
  id: 'PAY-SG-002',
  port: 22,
  service: 'SSH',
  severity: 'critical',
  catalogue: 'G2',
  equivalents: {
    checkov: ['CKV_AWS_24'],
    trivy: ['AWS-0107'],
    kics: ['65905cec'],
    securityHub: ['EC2.13', 'EC2.19'],
    cdkNag: ['PCI.DSS.321-EC2RestrictedSSH'],
  },
});
