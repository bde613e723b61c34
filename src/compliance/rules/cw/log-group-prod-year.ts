import { PROD_MIN_LOG_RETENTION_DAYS } from '../../../config/profiles';
import { num, resourceRule } from '../../rule';

/** W3, in prod: the configuration enforces the same minimum before synthesis. */
export const cwLogGroupProdYear = resourceRule({
  id: 'PAY-CW-003',
  title: `Prod log groups keep logs for at least ${PROD_MIN_LOG_RETENTION_DAYS} days`,
  severity: 'high',
  resourceTypes: ['aws_cloudwatch_log_group'],
  pci: ['10.5.1'],
  catalogue: 'W3',
  equivalents: { checkov: ['CKV_AWS_338'], securityHub: ['CloudWatch.16'] },
  rationale:
    'PCI DSS 10.5.1: retain audit log history for at least 12 months, the last three immediately available.',
  remediation: `Set retention_in_days to ${PROD_MIN_LOG_RETENTION_DAYS} or more in prod (the prod profile uses 400).`,
  prodOnly: true,
  test: (lg) => {
    const days = num(lg.attrs['retention_in_days']);
    return days !== undefined && days >= PROD_MIN_LOG_RETENTION_DAYS
      ? undefined
      : `retention_in_days is ${days ?? 'unset'} in a prod stack`;
  },
});
