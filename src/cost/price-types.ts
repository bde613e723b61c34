/** The shape of a Region's price table (`prices.ts`, `prices-regions.ts`). */

export interface Price {
  readonly usd: number;
  /** What one unit is: `hour`, `GB-month`, `1M requests`, ... */
  readonly unit: string;
  readonly source: string;
  /** The source's own date (YYYY-MM-DD or YYYY-MM). */
  readonly sourceDate: string;
  /** Only a third-party page was found for this row. */
  readonly thirdParty?: true;
  /**
   * No source for this Region was found: the value is inferred, and this note says from
   * what. Reports show it, so nobody takes the value for a quote.
   */
  readonly unverified?: string;
}

export interface RegionPrices {
  readonly natGatewayHour: Price;
  readonly natDataPerGb: Price;
  readonly publicIpv4Hour: Price;
  readonly albHour: Price;
  readonly albLcuHour: Price;
  readonly interfaceEndpointAzHour: Price;
  readonly interfaceEndpointDataPerGb: Price;
  readonly dataOutPerGb: Price;
  readonly auroraAcuHour: Price;
  readonly auroraAcuHourIoOptimized: Price;
  readonly auroraStorageGbMonth: Price;
  readonly auroraIoPerMillion: Price;
  /** EC2 on-demand Linux, per instance type. */
  readonly ec2Hour: Readonly<Record<string, Price>>;
  readonly ebsGp3GbMonth: Price;
  readonly fargateX86VcpuHour: Price;
  readonly fargateX86GbHour: Price;
  readonly fargateArmVcpuHour: Price;
  readonly fargateArmGbHour: Price;
  readonly wafWebAclMonth: Price;
  readonly wafRuleMonth: Price;
  readonly wafPerMillionRequests: Price;
  readonly kmsKeyMonth: Price;
  readonly secretMonth: Price;
  readonly alarmMetricMonth: Price;
  readonly compositeAlarmMonth: Price;
  readonly dashboardMonth: Price;
  readonly logsIngestPerGb: Price;
  readonly logsStorageGbMonth: Price;
  readonly s3StandardGbMonth: Price;
  readonly ecrStorageGbMonth: Price;
}
