import { attributeRule } from '../../rule';

/** Instance metadata requires session tokens (IMDSv2). */
export const ec2Imdsv2 = attributeRule({
  id: 'PAY-EC2-001',
  title: 'Launch template requires IMDSv2',
  severity: 'high',
  resourceTypes: ['aws_launch_template', 'aws_instance'],
  pci: ['2.2.1', '6.2.4'],
  equivalents: {},
  rationale:
    "IMDSv1 answers unauthenticated GET requests, so a server-side request forgery in the app leaks the instance role's credentials.",
  remediation: 'Set metadata_options { http_tokens = "required" }.',
  attribute: 'metadata_options.http_tokens',
  complies: (v) => v === 'required',
  problem: 'metadata_options.http_tokens is not "required"',
});
