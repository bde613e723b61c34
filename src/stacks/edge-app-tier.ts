import type { Construct } from 'constructs';
import { TerraformOutput } from 'cdktn';
import type { IamRole } from '@cdktn/provider-aws/lib/iam-role';
import type { AppConfig } from '../config/types';
import type { Naming } from '../naming/naming';
import type { AwsEnvironment } from '../constructs/core/aws-environment';
import type { Network } from '../constructs/network/network';
import { KmsKey } from '../constructs/security/kms-key';
import type { TierSecurityGroups } from '../constructs/security/tier-security-groups';
import { auditLogLock, SecureBucket } from '../constructs/storage/secure-bucket';
import { EncryptedLogGroup } from '../constructs/observability/encrypted-log-group';
import { AlbCertificate } from '../constructs/edge/alb-certificate';
import { PaymentLoadBalancer } from '../constructs/edge/load-balancer';
import { PaymentWebAcl } from '../constructs/edge/web-acl';
import { Ec2AppTier } from '../constructs/compute/ec2-app-tier';
import { FargateAppTier } from '../constructs/compute/fargate-app-tier';
import type { AlarmTargets, LogDeliveryTargets } from '../constructs/observability/service-alarms';

export interface EdgeAndAppTierProps {
  readonly config: AppConfig;
  readonly naming: Naming;
  readonly aws: AwsEnvironment;
  readonly network: Network;
  readonly securityGroups: TierSecurityGroups;
  /** Key of log buckets and log groups (with log-delivery and CloudWatch Logs grants). */
  readonly logsKey: KmsKey;
  /** SSE-S3 bucket that receives S3 server access logs. */
  readonly accessLogs: SecureBucket;
  /** SSE-S3 bucket that receives ALB access and connection logs (object-locked in prod). */
  readonly albLogs: SecureBucket;
  /** Prefixes granted to ELB in the access-log bucket policy. */
  readonly albLogPrefixes: { readonly access: string; readonly connections: string };
}

export interface EdgeAndAppTier {
  readonly certificate: AlbCertificate;
  readonly loadBalancer: PaymentLoadBalancer;
  readonly webAcl: PaymentWebAcl;
  readonly computeKey: KmsKey;
  readonly compute: Ec2AppTier | FargateAppTier;
  /** The app's IAM role: the EC2 instance role or the Fargate task role. */
  readonly appRole: IamRole;
  /** What the service alarms and the dashboard watch in this tier. */
  readonly alarmTargets: Pick<AlarmTargets, 'loadBalancer' | 'app' | 'waf'> & {
    readonly logDelivery: Pick<LogDeliveryTargets, 'albAccessLogs' | 'wafLogs'>;
  };
}

/**
 * The path of a payment request from the internet to the app (docs/system.md items 2, 4, 6):
 * certificate, load balancer, WAF and the app tier of the configured kind, with their
 * outputs. Everything environment-specific comes from `config`.
 */
export function buildEdgeAndAppTier(scope: Construct, props: EdgeAndAppTierProps): EdgeAndAppTier {
  const { config, naming, aws, network, securityGroups } = props;
  const { settings, compute, edge } = config;

  const computeKey = new KmsKey(scope, 'ComputeKey', {
    aws,
    alias: naming.kmsAlias('compute'),
    description: `Payment platform ${config.suffix}: app tier EBS volumes and container images`,
    deletionWindowInDays: settings.kmsDeletionWindowDays,
    retainOnDestroy: settings.retainOnDestroy,
    administratorArns: config.keyAdministratorArns,
  });

  const certificate = new AlbCertificate(scope, 'Certificate', {
    certificate: edge.certificate,
    selfSignedCommonName: `${naming.name('app')}.invalid`,
  });
  const loadBalancer = new PaymentLoadBalancer(scope, 'LoadBalancer', {
    naming,
    vpc: network.vpc,
    publicSubnetIds: network.publicSubnets.map((s) => s.id),
    securityGroupId: securityGroups.alb.id,
    appPort: compute.appPort,
    targetType: compute.kind === 'ec2' ? 'instance' : 'ip',
    certificateArn: certificate.certificateArn,
    certificateDependencies: certificate.listenerDependencies,
    tlsPolicy: edge.tlsPolicy,
    deletionProtection: settings.deletionProtection,
    logging: {
      bucket: props.albLogs,
      accessPrefix: props.albLogPrefixes.access,
      connectionPrefix: props.albLogPrefixes.connections,
    },
    ...(edge.certificate.mode === 'route53'
      ? {
          alias: {
            domainName: edge.certificate.domainName,
            hostedZoneId: edge.certificate.hostedZoneId,
          },
        }
      : {}),
  });

  const wafLogs = new SecureBucket(scope, 'WafLogs', {
    aws,
    bucketName: naming.wafLogBucketName(aws.accountId),
    encryptionKey: props.logsKey,
    accessLogsBucket: props.accessLogs,
    forceDestroy: settings.forceDestroy,
    logRetention: { days: settings.logRetentionDays },
    ...auditLogLock(settings.auditLogObjectLockDays),
  });
  const webAcl = new PaymentWebAcl(scope, 'Waf', {
    name: naming.name('waf'),
    resourceArn: loadBalancer.alb.arn,
    rateLimitPerFiveMinutes: edge.wafRateLimitPerFiveMinutes,
    logBucket: wafLogs,
  });

  const shared = {
    naming,
    aws,
    appPort: compute.appPort,
    minSize: compute.minSize,
    desiredSize: compute.desiredSize,
    maxSize: compute.maxSize,
    privateSubnetIds: network.privateSubnets.map((s) => s.id),
    securityGroupId: securityGroups.app.id,
    targetGroupArn: loadBalancer.targetGroup.arn,
    requestCountResourceLabel: loadBalancer.requestCountResourceLabel,
    listener: loadBalancer.httpsListener,
  };
  // Created for both kinds: the CloudWatch agent on EC2 writes here, the only group its role
  // may write to (a group the agent created itself would have no key and no retention).
  const logGroup = new EncryptedLogGroup(scope, 'AppLogs', {
    name: `/payment/${config.suffix}/app`,
    encryptionKey: props.logsKey,
    retentionDays: settings.logRetentionDays,
    retainOnDestroy: settings.retainOnDestroy,
  });
  let app: Ec2AppTier | FargateAppTier;
  if (compute.kind === 'ec2') {
    app = new Ec2AppTier(scope, 'App', {
      ...shared,
      instanceType: compute.instanceType,
      architecture: compute.architecture,
      ...(compute.amiId ? { amiId: compute.amiId } : {}),
      ebsKey: computeKey,
      tags: config.tags,
      logGroup,
      maxInstanceLifetimeDays: settings.maxInstanceLifetimeDays,
    });
  } else {
    app = new FargateAppTier(scope, 'App', {
      ...shared,
      cpu: compute.cpu,
      memory: compute.memory,
      image: compute.image,
      ...(compute.imagePull ? { imagePull: compute.imagePull } : {}),
      placeholder: compute.placeholderImage,
      repositoryKey: computeKey,
      logGroup,
      forceDelete: settings.forceDestroy,
    });
  }

  const output = (name: string, value: unknown, description: string) =>
    new TerraformOutput(scope, name, { value, description });
  const alb = loadBalancer.alb;
  output('alb_dns_name', alb.dnsName, 'DNS name of the load balancer');
  output('alb_arn', alb.arn, 'ARN of the load balancer');
  output('alb_zone_id', alb.zoneId, 'Route 53 zone of the load balancer (for alias records)');
  output(
    'app_url',
    `https://${certificate.domainName ?? alb.dnsName}`,
    'HTTPS URL of the app (self-signed in dev and staging unless a domain is configured)',
  );
  output('target_group_arn', loadBalancer.targetGroup.arn, 'ARN of the app target group');
  output('app_log_group_name', logGroup.name, 'CloudWatch log group for the app (KMS, retention)');
  output('certificate_arn', certificate.certificateArn, 'ARN of the HTTPS listener certificate');
  output('web_acl_arn', webAcl.arn, 'ARN of the WAF web ACL on the load balancer');
  output('waf_logs_bucket_name', wafLogs.name, 'WAF log bucket');
  if (edge.certificate.mode === 'manual-dns' && certificate.acmCertificate) {
    output(
      'certificate_validation_records',
      certificate.acmCertificate.domainValidationOptions,
      'CNAME records to create in the DNS of the domain so ACM issues the certificate',
    );
  }
  if (app instanceof Ec2AppTier) {
    output('asg_name', app.autoScalingGroup.name, 'Auto Scaling group of the app tier');
  } else {
    output('ecs_cluster_name', app.cluster.name, 'ECS cluster of the app tier');
    output('ecs_service_name', app.service.name, 'ECS service of the app tier');
    output('ecr_repository_url', app.repository.repositoryUrl, 'ECR repository for app images');
  }

  const alarmTargets = {
    loadBalancer: {
      loadBalancerArnSuffix: alb.arnSuffix,
      targetGroupArnSuffix: loadBalancer.targetGroup.arnSuffix,
    },
    app:
      app instanceof Ec2AppTier
        ? { kind: 'ec2' as const, autoScalingGroupName: app.autoScalingGroup.name }
        : {
            kind: 'ecs-fargate' as const,
            clusterName: app.cluster.name,
            serviceName: app.service.name,
          },
    waf: { webAclName: webAcl.webAcl.name, region: config.region },
    // Request metrics on the two log destinations, for the log-delivery alarms: the access-log
    // prefix of the ALB bucket, and the whole WAF bucket (WAF is its only writer).
    logDelivery: {
      albAccessLogs: {
        bucketName: props.albLogs.name,
        filterId: props.albLogs.addRequestMetrics(
          'AlbAccessLogDelivery',
          props.albLogPrefixes.access,
        ),
      },
      wafLogs: {
        bucketName: wafLogs.name,
        filterId: wafLogs.addRequestMetrics('WafLogDelivery'),
      },
    },
  };
  return {
    certificate,
    loadBalancer,
    webAcl,
    computeKey,
    compute: app,
    appRole: app.role,
    alarmTargets,
  };
}
