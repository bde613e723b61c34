/**
 * The registry: every rule of the gate, in ID order, one folder per area (`rules/<area>/`,
 * each with an index exporting its array). Adding a rule = one file + one line in its area index.
 */
import type { Rule } from '../rule';
import { ACCT_RULES } from './acct';
import { ACM_RULES } from './acm';
import { ALB_RULES } from './alb';
import { COST_RULES } from './cost';
import { CW_RULES } from './cw';
import { EC2_RULES } from './ec2';
import { ECR_RULES } from './ecr';
import { ECS_RULES } from './ecs';
import { IAM_RULES } from './iam';
import { KMS_RULES } from './kms';
import { RDS_RULES } from './rds';
import { REF_RULES } from './ref';
import { RES_RULES } from './res';
import { S3_RULES } from './s3';
import { SEC_RULES } from './sec';
import { SG_RULES } from './sg';
import { SM_RULES } from './sm';
import { SNS_RULES } from './sns';
import { TAG_RULES } from './tag';
import { VPC_RULES } from './vpc';
import { WAF_RULES } from './waf';

export const RULES: readonly Rule[] = [
  ...ACCT_RULES,
  ...ACM_RULES,
  ...ALB_RULES,
  ...COST_RULES,
  ...CW_RULES,
  ...EC2_RULES,
  ...ECR_RULES,
  ...ECS_RULES,
  ...IAM_RULES,
  ...KMS_RULES,
  ...RDS_RULES,
  ...REF_RULES,
  ...RES_RULES,
  ...S3_RULES,
  ...SEC_RULES,
  ...SG_RULES,
  ...SM_RULES,
  ...SNS_RULES,
  ...TAG_RULES,
  ...VPC_RULES,
  ...WAF_RULES,
];
