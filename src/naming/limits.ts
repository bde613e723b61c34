/**
 * The AWS limits every physical name must respect. Each entry names its source rule so a
 * reviewer can check it; `naming.ts` enforces them when a name is built.
 */
export interface NameLimit {
  readonly maxLength: number;
  readonly minLength?: number;
  /** Characters and shape AWS accepts. */
  readonly pattern: RegExp;
  /** The rule in words, for error messages. */
  readonly rule: string;
}

const HYPHENATED = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?!-))*[A-Za-z0-9]$/;

export const NAME_LIMITS = {
  /** Elastic Load Balancing: 32 characters, alphanumerics and hyphens, no leading/trailing hyphen. */
  alb: {
    maxLength: 32,
    pattern: HYPHENATED,
    rule: '1-32 alphanumerics or single hyphens, no leading or trailing hyphen',
  },
  targetGroup: {
    maxLength: 32,
    pattern: HYPHENATED,
    rule: '1-32 alphanumerics or single hyphens, no leading or trailing hyphen',
  },
  /** S3: 3-63 lowercase letters, digits, hyphens; starts and ends with a letter or digit. Dots avoided (TLS). */
  s3Bucket: {
    maxLength: 63,
    minLength: 3,
    pattern: /^[a-z0-9][a-z0-9-]*[a-z0-9]$/,
    rule: '3-63 lowercase letters, digits or hyphens, starting and ending with a letter or digit',
  },
  /** IAM role names: 64 characters of [A-Za-z0-9+=,.@_-]. */
  iamRole: {
    maxLength: 64,
    pattern: /^[\w+=,.@-]+$/,
    rule: '1-64 characters of A-Z a-z 0-9 + = , . @ _ -',
  },
  iamPolicy: {
    maxLength: 128,
    pattern: /^[\w+=,.@-]+$/,
    rule: '1-128 characters of A-Z a-z 0-9 + = , . @ _ -',
  },
  /** RDS cluster/instance/parameter group identifiers: 63, starts with a letter, no double or trailing hyphen. */
  rdsIdentifier: {
    maxLength: 63,
    pattern: /^[a-z](?:[a-z0-9]|-(?!-))*[a-z0-9]$/,
    rule: '1-63 lowercase letters, digits or single hyphens, starting with a letter, not ending with a hyphen',
  },
  /** CloudWatch Logs log group names: 512 characters of [.-_/#A-Za-z0-9]. */
  logGroup: {
    maxLength: 512,
    pattern: /^[.\-_/#A-Za-z0-9]+$/,
    rule: '1-512 characters of A-Z a-z 0-9 . - _ / #',
  },
  /** EC2 security group names: 255 characters, may not start with sg-. */
  securityGroup: {
    maxLength: 255,
    pattern: /^(?!sg-)[\w .:/()#,@[\]+=&;{}!$*-]+$/,
    rule: '1-255 characters, not starting with "sg-"',
  },
  /** KMS aliases: 256 characters including "alias/", of [A-Za-z0-9/_-], not under alias/aws/. */
  kmsAlias: {
    maxLength: 256,
    pattern: /^alias\/(?!aws\/)[\w/-]+$/,
    rule: '"alias/" then A-Z a-z 0-9 / _ -, at most 256 characters, not under alias/aws/',
  },
  /** Anything with the generous 255 limit (tags, alarms, ASG, ECS names, endpoints' Name tag). */
  generic: { maxLength: 255, pattern: /^[\w.-]+$/, rule: '1-255 characters of A-Z a-z 0-9 . _ -' },
} as const satisfies Record<string, NameLimit>;

export type NameKind = keyof typeof NAME_LIMITS;
