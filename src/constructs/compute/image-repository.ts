import type { Construct } from 'constructs';
import { EcrLifecyclePolicy } from '@cdktn/provider-aws/lib/ecr-lifecycle-policy';
import { EcrRepository } from '@cdktn/provider-aws/lib/ecr-repository';
import type { KmsKey } from '../security/kms-key';
import { ECR_AUTHENTICATE_ACTIONS, ECR_PULL_ACTIONS } from '../security/permissions';
import type { PolicyStatement } from '../security/policy-document';

/** Images kept in the repository; untagged ones expire after a week. */
const KEEP_IMAGES = 30;
const UNTAGGED_IMAGE_DAYS = 7;

export interface ImageRepositoryProps {
  /** Physical name, from `naming`. */
  readonly name: string;
  /** Customer key the images are encrypted with. */
  readonly encryptionKey: KmsKey;
  /** Delete the repository with its images on destroy. Comes from the profile. */
  readonly forceDelete: boolean;
}

/**
 * The app's ECR repository: immutable tags, scan on push, KMS, and a lifecycle policy (a
 * sibling resource, `<id>Lifecycle`). It is the repository resource itself, so its grants
 * sit on it and its Terraform address is that of a plain `aws_ecr_repository`.
 */
export class ImageRepository extends EcrRepository {
  constructor(scope: Construct, id: string, props: ImageRepositoryProps) {
    super(scope, id, {
      name: props.name,
      imageTagMutability: 'IMMUTABLE',
      imageScanningConfiguration: { scanOnPush: true },
      encryptionConfiguration: [{ encryptionType: 'KMS', kmsKey: props.encryptionKey.arn }],
      forceDelete: props.forceDelete,
    });
    new EcrLifecyclePolicy(scope, `${id}Lifecycle`, {
      repository: this.name,
      policy: JSON.stringify({
        rules: [
          {
            rulePriority: 1,
            description: `Expire untagged images after ${UNTAGGED_IMAGE_DAYS} days`,
            selection: {
              tagStatus: 'untagged',
              countType: 'sinceImagePushed',
              countUnit: 'days',
              countNumber: UNTAGGED_IMAGE_DAYS,
            },
            action: { type: 'expire' },
          },
          {
            rulePriority: 2,
            description: `Keep the last ${KEEP_IMAGES} images`,
            selection: {
              tagStatus: 'any',
              countType: 'imageCountMoreThan',
              countNumber: KEEP_IMAGES,
            },
            action: { type: 'expire' },
          },
        ],
      }),
    });
  }

  /**
   * The identity-policy statements that let a role pull this repository's images: the
   * registry login (only grantable on `*`) and the pull actions on this repository and on
   * `alsoFrom` (other repositories the configuration grants explicitly).
   */
  grantPull(alsoFrom: readonly string[] = []): PolicyStatement[] {
    return [
      {
        sid: 'AuthenticateToEcr',
        effect: 'Allow',
        actions: ECR_AUTHENTICATE_ACTIONS,
        resources: ['*'],
      },
      {
        sid: 'PullAppImages',
        effect: 'Allow',
        actions: ECR_PULL_ACTIONS,
        resources: [this.arn, ...alsoFrom],
      },
    ];
  }
}
