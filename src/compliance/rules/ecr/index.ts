/** Rules for ECR repositories, in ID order. */
import type { Rule } from '../../rule';
import { ecrScanOnPush } from './scan-on-push';
import { ecrImmutableTags } from './immutable-tags';
import { ecrKms } from './kms';
import { ecrNotPublic } from './not-public';
import { ecrLifecycle } from './lifecycle';

export const ECR_RULES: readonly Rule[] = [
  ecrScanOnPush,
  ecrImmutableTags,
  ecrKms,
  ecrNotPublic,
  ecrLifecycle,
];
