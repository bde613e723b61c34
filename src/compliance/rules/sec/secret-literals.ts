import { isObject } from '../../../tfjson/graph';
import { graphRule } from '../../rule';
import type { Violation } from '../../rule';

/** Attribute or variable names that hold credentials. */
const SECRET_KEY =
  /(^|[_-])(pass(word|wd|phrase)?|secret|token|api[_-]?key|private[_-]?key|access[_-]?key|secret[_-]?key|client[_-]?secret|auth[_-]?key|credentials?)($|[_-])/i;
/** Secret words that give a name away even without separators (`DBPASSWORD`). */
const SECRET_WORD = /(password|passwd|passphrase)/i;

/** `dbPassword` -> `db_Password`, so camelCase names split like snake_case ones. */
function splitCamel(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1_$2');
}

/** True when a name (attribute, variable, environment variable) says it holds a credential. */
export function isSecretName(key: string): boolean {
  const k = splitCamel(key);
  return (SECRET_KEY.test(k) || SECRET_WORD.test(k)) && !NOT_SECRET_KEY.test(k);
}

/** Names that contain a secret word but hold identifiers, settings or references. */
const NOT_SECRET_KEY =
  /(_arn|_id|_ids|_name|_names|_length|_version|_type|_kms_key_id|_enabled|_policy|^http_tokens$|^token_validity_units$)$/i;
/** Values that are clearly not credentials even under a secret-looking name. */
const PLACEHOLDER = /^(required|optional|true|false|none|null|disabled|enabled|\*+)$/i;

/** Credentials recognisable by their shape, wherever they appear. */
const SECRET_VALUES: ReadonlyArray<[RegExp, string]> = [
  [/\b(AKIA|ASIA)[A-Z0-9]{16}\b/, 'an AWS access key ID'],
  [/-----BEGIN ([A-Z]+ )?PRIVATE KEY-----/, 'a private key'],
  [/\bgh[pousr]_[A-Za-z0-9]{36,}\b/, 'a GitHub token'],
  [/\bxox[abprs]-[A-Za-z0-9-]{10,}/, 'a Slack token'],
  [/\bsk_live_[A-Za-z0-9]{16,}/, 'a Stripe live secret key'],
  [/\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/, 'a JSON Web Token'],
  // Shell, env and ini assignments anywhere (export DB_PASSWORD=..., DB_PASS=..., --token=...).
  [
    /(?:^|[^A-Za-z])(?:(?:password|passwd|secret|token|api[_-]?key)[A-Za-z0-9_]*|pass|pwd)\s*=\s*["']?(?!\$\{|\$\$\{|arn:)[^\s"'$]{4,}/im,
    'an assignment of a secret-looking variable',
  ],
  // Credentials in a URL (mysql://admin:hunter2@db/...), not a reference or a variable.
  [/\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@$]+:(?!\$)[^\s/@$]{3,}@/i, 'a password in a URL'],
  // Command-line passwords (mysql -phunter2, --password=...) and bearer tokens.
  [/\bmysql(?:dump|admin)?\b[^\n]*\s-p(?!\s|\$)[^\s"']{3,}/, 'a password on a mysql command line'],
  [/\bBearer\s+(?!\$)[A-Za-z0-9._~+/-]{16,}/, 'a bearer token'],
  // YAML or JSON keys at the start of a line (password: ...), not prose ("the secret: ...");
  // the value on the same line (a YAML mapping key such as `SecretsmanagerSecretUnused:`,
  // whose value starts on the next line, holds no literal).
  [
    /^[ \t]*["']?[A-Za-z0-9_]*(password|passwd|secret|token|api[_-]?key)[A-Za-z0-9_]*["']?[ \t]*:[ \t]*["']?(?!\$\{|\$\$\{|arn:)[^\s"'$]{4,}/im,
    'a secret-looking key with a literal value',
  ],
];

/** `service:Action`, with IAM's wildcards. */
const IAM_ACTION = /^[a-z0-9-]+:[A-Za-z0-9*?]+$/;

function looksBase64(s: string): boolean {
  return s.length >= 24 && s.length % 4 === 0 && /^[A-Za-z0-9+/]+=*$/.test(s);
}

function scanText(text: string): string | undefined {
  for (const [pattern, what] of SECRET_VALUES) if (pattern.test(text)) return what;
  return undefined;
}

/**
 * No secret-looking literal anywhere: credentials in attributes, user data (also base64),
 * environment variables (also inside JSON strings such as container definitions).
 */
export const secretLiterals = graphRule({
  id: 'PAY-SEC-001',
  title: 'No credentials are written as literals in the configuration',
  severity: 'critical',
  resourceTypes: ['*'],
  pci: ['8.6.2', '8.3.2', '3.5.1'],
  equivalents: {
    trivy: ['AWS-0036'],
    securityHub: ['ECS.8'],
    cdkNag: ['AwsSolutions-ECS2'],
  },
  rationale:
    'A literal credential is readable by everyone with access to the repository, the synthesized JSON and the Terraform state, and cannot be rotated without a code change.',
  remediation:
    'Generate the credential in AWS (manage_master_user_password, Secrets Manager) and reference it; never write it in code.',
  check(graph) {
    const out: Violation[] = [];
    const visit = (
      address: string,
      path: string,
      key: string,
      value: unknown,
      depth: number,
    ): void => {
      if (depth > 40) return;
      if (typeof value === 'string') {
        const trimmed = value.trim();
        if ((trimmed.startsWith('{') || trimmed.startsWith('[')) && trimmed.length > 1) {
          try {
            const parsed: unknown = JSON.parse(trimmed);
            visit(address, path, key, parsed, depth + 1);
            return;
          } catch {
            // Not JSON: scan as text.
          }
        }
        // An IAM action in a policy (`secretsmanager:GetSecretValue`) is a name, not a
        // "secret: value" pair.
        if ((key === 'Action' || key === 'NotAction') && IAM_ACTION.test(trimmed)) return;
        const isReference = /^\$\{[^}]*\}$/.test(trimmed);
        if (
          !isReference &&
          isSecretName(key) &&
          trimmed !== '' &&
          !PLACEHOLDER.test(trimmed) &&
          !trimmed.startsWith('arn:') &&
          !trimmed.includes('${')
        ) {
          out.push({
            address,
            message: `${path} holds a literal value under a secret-looking name`,
          });
          return;
        }
        const what =
          scanText(value) ??
          (looksBase64(trimmed)
            ? scanText(Buffer.from(trimmed, 'base64').toString('utf8'))
            : undefined);
        if (what) out.push({ address, message: `${path} contains ${what}` });
        return;
      }
      if (Array.isArray(value)) {
        // Name/value pairs (ECS environment, WAF headers...): the name is the key.
        value.forEach((v, i) => {
          if (isObject(v) && typeof v['name'] === 'string' && 'value' in v) {
            visit(address, `${path}.${i}.value`, v['name'], v['value'], depth + 1);
            const { value: _ignored, ...rest } = v;
            void _ignored;
            visit(address, `${path}.${i}`, key, rest, depth + 1);
          } else visit(address, `${path}.${i}`, key, v, depth + 1);
        });
        return;
      }
      if (isObject(value)) {
        for (const [k, v] of Object.entries(value)) {
          if (k === '//') continue;
          visit(address, path ? `${path}.${k}` : k, k, v, depth + 1);
        }
      }
    };
    for (const block of graph.blocks.values()) {
      if (block.kind === 'variable') {
        // A variable's default is a literal in the configuration.
        visit(block.address, 'default', block.name, block.attrs['default'], 0);
        continue;
      }
      visit(block.address, '', block.kind === 'local' ? block.name : '', block.attrs, 0);
    }
    return out;
  },
});
