/** Rules for load balancers, listeners and target groups, in ID order. */
import type { Rule } from '../../rule';
import { albDropInvalidHeaders } from './drop-invalid-headers';
import { albDeletionProtection } from './deletion-protection';
import { albAccessLogs } from './access-logs';
import { albDesyncMitigation } from './desync-mitigation';
import { albWaf } from './waf';
import { albInternal } from './internal';
import { albHttpRedirects } from './http-redirects';
import { albTlsPolicy } from './tls-policy';
import { albAcmCertificate } from './acm-certificate';
import { albTargetHealthCheck } from './target-health-check';

export const ALB_RULES: readonly Rule[] = [
  albDropInvalidHeaders,
  albDeletionProtection,
  albAccessLogs,
  albDesyncMitigation,
  albWaf,
  albInternal,
  albHttpRedirects,
  albTlsPolicy,
  albAcmCertificate,
  albTargetHealthCheck,
];
