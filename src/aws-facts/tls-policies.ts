/**
 * The TLS policies allowed on the HTTPS listener (system.md section 6). One list, read by
 * configuration validation and by the compliance gate. Nothing else: the `Ext1`/`Ext2`
 * policies allow weak ciphers, and `ELBSecurityPolicy-2016-08` is what the API applies when
 * no policy is given.
 */
export const ALLOWED_TLS_POLICIES = [
  'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-3-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Res-2021-06',
  'ELBSecurityPolicy-TLS13-1-2-2021-06',
  'ELBSecurityPolicy-TLS13-1-3-2021-06',
  'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04',
] as const;

export type TlsPolicy = (typeof ALLOWED_TLS_POLICIES)[number];

/** AWS's recommended policy and the console's default. */
export const DEFAULT_TLS_POLICY: TlsPolicy = 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09';

export function isAllowedTlsPolicy(policy: string): policy is TlsPolicy {
  return (ALLOWED_TLS_POLICIES as readonly string[]).includes(policy);
}
