import { attributeRule, isTrue } from '../../rule';

/** R3, in prod only: dev must stay destroyable (docs/system.md section 4). */
export const rdsDeletionProtection = attributeRule({
  id: 'PAY-RDS-003',
  title: 'Database has deletion protection in prod',
  severity: 'high',
  resourceTypes: ['aws_rds_cluster', 'aws_db_instance'],
  pci: ['12.10.1'],
  catalogue: 'R3',
  equivalents: {
    checkov: ['CKV_AWS_139'],
    trivy: ['AWS-0343'],
    securityHub: ['RDS.7'],
    cdkNag: ['AwsSolutions-RDS10'],
  },
  rationale:
    'Deleting the production database loses cardholder data and the payment service. Non-production stacks are meant to be destroyable.',
  remediation: 'Set deletion_protection = true (the prod profile does).',
  attribute: 'deletion_protection',
  complies: isTrue,
  problem: 'deletion_protection is not true in a prod stack',
  prodOnly: true,
});
