/**
 * The names S3 accepts for a general purpose bucket.
 * Source: https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
 * ("General purpose buckets naming rules").
 */

const FORBIDDEN_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'] as const;
/** Reserved for access point, Object Lambda, Multi-Region Access Point, directory and table bucket names. */
const FORBIDDEN_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'] as const;

/** Why S3 refuses `name` as a bucket name, or `undefined` when it accepts it. */
export function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return 'is not 3-63 characters long';
  if (!/^[a-z0-9.-]+$/.test(name))
    return 'has a character S3 does not allow (only lowercase letters, digits, dots and hyphens)';
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name))
    return 'does not begin and end with a lowercase letter or digit';
  if (name.includes('..')) return 'has two adjacent dots';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return 'is formatted as an IP address';
  const prefix = FORBIDDEN_PREFIXES.find((p) => name.startsWith(p));
  if (prefix) return `starts with "${prefix}", a prefix S3 reserves`;
  const suffix = FORBIDDEN_SUFFIXES.find((s) => name.endsWith(s));
  if (suffix) return `ends with "${suffix}", a suffix S3 reserves`;
  return undefined;
}
