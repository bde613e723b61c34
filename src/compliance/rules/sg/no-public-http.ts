import { publicPortRule } from '../../checks/public-port';

/** G4: the ALB's redirect listener is the expected, suppressed finding. */
export const sgNoPublicHttp = publicPortRule({
  id: 'PAY-SG-004',
  port: 80,
  service: 'HTTP',
  severity: 'high',
  catalogue: 'G4',
  equivalents: { checkov: ['CKV_AWS_260'], kics: ['ffac8a12'] },
});
