/**
 * AWS Architecture Icons for the diagram, read from the `aws-icons` package (the official
 * AWS icon set as SVG files) and embedded in the output as data URIs, so the SVG is
 * self-contained. Layout only needs each icon's size; the SVG text is swapped in afterwards.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ArchNode, NodeKind } from './model';

/** Icon file (under aws-icons/icons) per node kind. */
export const NODE_ICONS: Readonly<Record<NodeKind, string>> = {
  internet: 'resource/Internet.svg',
  dns: 'architecture-service/AmazonRoute53.svg',
  'internet-gateway': 'resource/AmazonVPCInternetGateway.svg',
  waf: 'architecture-service/AWSWAF.svg',
  'load-balancer': 'resource/ElasticLoadBalancingApplicationLoadBalancer.svg',
  'nat-gateway': 'resource/AmazonVPCNATGateway.svg',
  'app-ec2': 'architecture-service/AmazonEC2AutoScaling.svg',
  'app-ecs': 'architecture-service/AWSFargate.svg',
  'db-writer': 'architecture-service/AmazonAurora.svg',
  'db-reader': 'resource/AmazonAuroraInstance.svg',
  'flow-log': 'resource/AmazonVPCFlowLogs.svg',
  certificate: 'architecture-service/AWSCertificateManager.svg',
  endpoints: 'resource/AmazonVPCEndpoints.svg',
  'gateway-endpoint': 'resource/AmazonVPCEndpoints.svg',
  registry: 'architecture-service/AmazonElasticContainerRegistry.svg',
  secret: 'architecture-service/AWSSecretsManager.svg',
  bucket: 'resource/AmazonSimpleStorageServiceBucket.svg',
  key: 'architecture-service/AWSKeyManagementService.svg',
  topic: 'resource/AmazonSimpleNotificationServiceTopic.svg',
  'log-groups': 'resource/AmazonCloudWatchLogs.svg',
  detective: 'architecture-service/AWSSecurityHub.svg',
};

/** Detective controls by resource type (one kind, one icon per service). */
const DETECTIVE_ICONS: Readonly<Record<string, string>> = {
  aws_guardduty_detector: 'architecture-service/AmazonGuardDuty.svg',
  aws_securityhub_account: 'architecture-service/AWSSecurityHub.svg',
  aws_cloudtrail: 'architecture-service/AWSCloudTrail.svg',
  aws_config_configuration_recorder: 'architecture-service/AWSConfig.svg',
};

/** The icon file of a node. */
export function iconOf(node: ArchNode): string {
  if (node.kind === 'load-balancer' && node.label.startsWith('Network'))
    return 'resource/ElasticLoadBalancingNetworkLoadBalancer.svg';
  const type = node.resources[0]?.split('.')[0];
  return (node.kind === 'detective' && type && DETECTIVE_ICONS[type]) || NODE_ICONS[node.kind];
}

/** Icon files of the nested groups. */
export const GROUP_ICONS = {
  cloud: 'architecture-group/AWSCloudlogo.svg',
  region: 'architecture-group/Region.svg',
  vpc: 'architecture-group/VirtualprivatecloudVPC.svg',
  public: 'architecture-group/Publicsubnet.svg',
  private: 'architecture-group/Privatesubnet.svg',
  data: 'architecture-group/Privatesubnet.svg',
} as const;

/** The placeholder path Graphviz sees for an icon (replaced by the data URI). */
export function iconRef(file: string): string {
  return `aws-icons:${file}`;
}

let root: string | undefined;
function iconsRoot(): string {
  // createRequire, not require.resolve: the bundler would try to bundle the package (SVG
  // files only), which must stay on disk in node_modules.
  root ??= join(dirname(createRequire(__filename).resolve('aws-icons/package.json')), 'icons');
  return root;
}

const cache = new Map<string, string>();

/** The icon as a `data:image/svg+xml;base64,...` URI. */
export function iconDataUri(file: string): string {
  let uri = cache.get(file);
  if (!uri) {
    const svg = readFileSync(join(iconsRoot(), file));
    uri = `data:image/svg+xml;base64,${svg.toString('base64')}`;
    cache.set(file, uri);
  }
  return uri;
}
