/** Rules for security groups, in ID order. */
import type { Rule } from '../../rule';
import { sgDescriptions } from './descriptions';
import { sgNoPublicSsh } from './no-public-ssh';
import { sgNoPublicRdp } from './no-public-rdp';
import { sgNoPublicHttp } from './no-public-http';
import { sgNoPublicAllPorts } from './no-public-all-ports';
import { sgNoPublicEgress } from './no-public-egress';
import { sgAttached } from './attached';
import { sgInternetOnlyToAlb } from './internet-only-to-alb';
import { sgDatabaseOnlyFromApp } from './database-only-from-app';

export const SG_RULES: readonly Rule[] = [
  sgDescriptions,
  sgNoPublicSsh,
  sgNoPublicRdp,
  sgNoPublicHttp,
  sgNoPublicAllPorts,
  sgNoPublicEgress,
  sgAttached,
  sgInternetOnlyToAlb,
  sgDatabaseOnlyFromApp,
];
