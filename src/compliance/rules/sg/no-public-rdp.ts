import { publicPortRule } from '../../checks/public-port';

/** G3. */
export const sgNoPublicRdp = publicPortRule({
  id: 'PAY-SG-003',
  port: 3389,
  service: 'RDP',
  severity: 'critical',
  catalogue: 'G3',
  equivalents: {
    checkov: ['CKV_AWS_25'],
    trivy: ['AWS-0107'],
    kics: ['151187cb'],
    securityHub: ['EC2.19'],
    cdkNag: ['PCI.DSS.321-EC2RestrictedCommonPorts'],
  },
});
