import type { Construct } from 'constructs';
import { IamRole } from '@cdktn/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktn/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktn/provider-aws/lib/iam-role-policy-attachment';
import { assertValidName } from '../../naming/naming';
import type { PolicyConditions, PolicyStatement } from './policy-document';
import { PolicyDocument } from './policy-document';

export interface ServiceRoleProps {
  /** Physical name, from `naming`. */
  readonly name: string;
  readonly description: string;
  /** Service principal that assumes the role, e.g. `ec2.amazonaws.com`. */
  readonly service: string;
  /** Narrows who may assume the role (e.g. `aws:SourceAccount`). @default none */
  readonly trustConditions?: PolicyConditions;
  /** AWS managed policy ARNs to attach. @default none */
  readonly managedPolicyArns?: readonly string[];
  /** Inline permissions; each statement names its resources. @default none */
  readonly statements?: readonly PolicyStatement[];
}

/**
 * An IAM role a service assumes, with only the permissions given: the pattern shared by the
 * EC2 instance role, the ECS execution and task roles and the RDS monitoring role.
 */
export function serviceRole(scope: Construct, id: string, props: ServiceRoleProps): IamRole {
  const trust = new PolicyDocument([
    {
      sid: 'ServiceAssumesRole',
      effect: 'Allow',
      principal: { Service: props.service },
      actions: ['sts:AssumeRole'],
      // No resources: IAM refuses a trust policy with a Resource element.
      ...(props.trustConditions ? { conditions: props.trustConditions } : {}),
    },
  ]);
  const role = new IamRole(scope, id, {
    name: assertValidName(props.name, 'iamRole'),
    description: props.description,
    assumeRolePolicy: trust.toJson(),
    maxSessionDuration: 3600,
  });
  (props.managedPolicyArns ?? []).forEach((policyArn, index) => {
    new IamRolePolicyAttachment(scope, `${id}Managed${index}`, { role: role.name, policyArn });
  });
  if (props.statements && props.statements.length > 0) {
    new IamRolePolicy(scope, `${id}Policy`, {
      name: assertValidName(`${props.name}-policy`, 'iamPolicy'),
      role: role.id,
      policy: new PolicyDocument(props.statements).toJson(),
    });
  }
  return role;
}
