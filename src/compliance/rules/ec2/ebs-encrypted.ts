import { attr, blockList } from '../../../tfjson/graph';
import { isTrue, resourceRule } from '../../rule';

/** Every EBS volume of the launch template is encrypted. */
export const ec2EbsEncrypted = resourceRule({
  id: 'PAY-EC2-002',
  title: 'Launch template encrypts its EBS volumes',
  severity: 'high',
  resourceTypes: ['aws_launch_template'],
  pci: ['3.5.1'],
  equivalents: {},
  rationale:
    'Instance volumes can hold cached or logged cardholder data; they must be encrypted at rest.',
  remediation: 'Set block_device_mappings.ebs.encrypted = true with the storage key as kms_key_id.',
  test(lt) {
    const mappings = blockList(lt.attrs['block_device_mappings']);
    if (mappings.length === 0)
      return "no block_device_mappings: the root volume uses the AMI's (possibly unencrypted) setting";
    return mappings
      .filter((m) => m['ebs'] !== undefined && !isTrue(attr(m, 'ebs.encrypted')))
      .map((m) => `volume ${String(m['device_name'] ?? '?')} is not encrypted`);
  },
});
