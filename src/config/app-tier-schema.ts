import { z } from 'zod';
import {
  APP_PORT_RANGE,
  APP_SIZE_RANGE,
  COMPUTE_KINDS,
  FARGATE_CPU_VALUES,
  imageReferenceProblem,
  INSTANCE_TYPE_PATTERN,
  WAF_RATE_LIMIT_RANGE,
} from './app-tier';
import { ALLOWED_TLS_POLICIES } from '../aws-facts/tls-policies';

/**
 * Config-file keys of the edge and application tier: `compute`, `certificate`, `tlsPolicy`
 * and `waf`. Field rules only; the rules across fields are in `app-tier-rules.ts`.
 */

const whole = (what: string) =>
  z.number({ error: `must be ${what}` }).int({ error: `must be ${what}` });

const bounded = ({ min, max }: { readonly min: number; readonly max: number }) =>
  whole('a whole number')
    .min(min, { error: `is outside ${min}-${max}` })
    .max(max, { error: `is outside ${min}-${max}` });

/** A DNS name ACM can issue for: lowercase labels, no wildcard, at most 253 characters. */
const DOMAIN_NAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const CERTIFICATE_ARN = /^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]{36}$/;
const HOSTED_ZONE_ID = /^Z[A-Z0-9]{1,31}$/;
const AMI_ID = /^ami-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;

export const computeSchema = z.strictObject(
  {
    kind: z
      .enum(COMPUTE_KINDS, { error: `is not a compute kind (${COMPUTE_KINDS.join(', ')})` })
      .optional(),
    instanceType: z
      .string({ error: 'must be a string' })
      .regex(INSTANCE_TYPE_PATTERN, { error: 'is not an EC2 instance type (family.size)' })
      .optional(),
    amiId: z
      .string({ error: 'must be a string' })
      .regex(AMI_ID, { error: 'is not an AMI ID (ami- and 8 or 17 hex digits)' })
      .optional(),
    minSize: bounded(APP_SIZE_RANGE).optional(),
    desiredSize: bounded(APP_SIZE_RANGE).optional(),
    maxSize: bounded(APP_SIZE_RANGE).optional(),
    appPort: bounded(APP_PORT_RANGE).optional(),
    cpu: whole('a whole number of CPU units')
      .refine((v) => FARGATE_CPU_VALUES.includes(v), {
        error: `is not a Fargate CPU value (${FARGATE_CPU_VALUES.join(', ')})`,
      })
      .optional(),
    memory: whole('a whole number of MiB').positive({ error: 'must be positive' }).optional(),
    image: z
      .string({ error: 'must be a string' })
      .superRefine((image, ctx) => {
        const problem = imageReferenceProblem(image);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      })
      .optional(),
    grantImagePull: z.boolean({ error: 'must be true or false' }).optional(),
  },
  { error: 'must be an object' },
);

export const certificateSchema = z.strictObject(
  {
    certificateArn: z
      .string({ error: 'must be a string' })
      .regex(CERTIFICATE_ARN, { error: 'is not an ACM certificate ARN' })
      .optional(),
    domainName: z
      .string({ error: 'must be a string' })
      .regex(DOMAIN_NAME, {
        error: 'is not a lowercase DNS name without a wildcard (e.g. pay.example.com)',
      })
      .optional(),
    hostedZoneId: z
      .string({ error: 'must be a string' })
      .regex(HOSTED_ZONE_ID, { error: 'is not a Route 53 hosted zone ID (Z and capitals/digits)' })
      .optional(),
    selfSigned: z.literal(true, { error: 'must be true when given' }).optional(),
  },
  { error: 'must be an object' },
);

export const tlsPolicySchema = z.enum(ALLOWED_TLS_POLICIES, {
  error: `is not an allowed TLS policy (${ALLOWED_TLS_POLICIES.join(', ')})`,
});

export const wafSchema = z.strictObject(
  { rateLimitPerFiveMinutes: bounded(WAF_RATE_LIMIT_RANGE).optional() },
  { error: 'must be an object' },
);

/** A valid example for each field of these keys (dotted paths). */
export const APP_TIER_FIELD_EXAMPLES: Readonly<Record<string, string>> = {
  compute: '{ "kind": "ec2", "instanceType": "t3.small" }',
  'compute.kind': '"ecs-fargate"',
  'compute.instanceType': '"m7i.large" (or "m7g.large" for arm64)',
  'compute.amiId': '"ami-0123456789abcdef0"',
  'compute.minSize': '2',
  'compute.desiredSize': '2',
  'compute.maxSize': '4',
  'compute.appPort': '8080',
  'compute.cpu': '512',
  'compute.memory': '1024',
  'compute.image': '"123456789012.dkr.ecr.us-east-1.amazonaws.com/payment-app-prod:1.4.2"',
  'compute.grantImagePull': 'true',
  certificate: '{ "domainName": "pay.example.com", "hostedZoneId": "Z0123456789ABCDEFGHIJ" }',
  'certificate.certificateArn':
    '"arn:aws:acm:us-east-1:123456789012:certificate/0e5e4a57-c249-4249-aafc-3b40fcd541e9"',
  'certificate.domainName': '"pay.example.com"',
  'certificate.hostedZoneId': '"Z0123456789ABCDEFGHIJ"',
  'certificate.selfSigned': 'true',
  tlsPolicy: '"ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09"',
  waf: '{ "rateLimitPerFiveMinutes": 2000 }',
  'waf.rateLimitPerFiveMinutes': '2000',
};
