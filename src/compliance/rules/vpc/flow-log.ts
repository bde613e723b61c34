import { resourceRule } from '../../rule';
import { needsReferrer } from '../../checks/referrer';

/** V1: every VPC has a flow log. */
export const vpcFlowLog = resourceRule({
  id: 'PAY-VPC-001',
  title: 'VPC has a flow log',
  severity: 'high',
  resourceTypes: ['aws_vpc'],
  pci: ['10.2.1', '10.2.2'],
  catalogue: 'V1',
  equivalents: {
    checkov: ['CKV2_AWS_11'],
    trivy: ['AWS-0178'],
    kics: ['f83121ea'],
    securityHub: ['EC2.6'],
    cdkNag: ['PCI.DSS.321-VPCFlowLogsEnabled', 'AwsSolutions-VPC7'],
  },
  rationale:
    'Flow logs are the network audit trail: which addresses talked to the cardholder data environment and whether they were allowed.',
  remediation: 'Add an aws_flow_log with vpc_id referencing the VPC.',
  test: needsReferrer('aws_flow_log', 'vpc_id', 'VPC'),
});
