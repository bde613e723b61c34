/** SNS topics: the alarm e-mails stay within the free tier, so they are listed, not priced. */
import { Lines } from '../lines';
import type { PricingInput } from './pricer';

export function noteSnsTopics({ graph }: PricingInput): Lines {
  const out = new Lines();
  for (const topic of graph.resources('aws_sns_topic')) {
    out.none(
      topic.address,
      'SNS notifications',
      'alarm e-mails are within the free tier; not priced',
    );
  }
  return out;
}
