import { describe, expect, it } from 'vitest';
import { noteSnsTopics } from '../../../src/cost/pricers/sns';
import { pricingInput } from '../../helpers/pricing';

describe('noteSnsTopics', () => {
  it('lists alarm topics as within the free tier, not as a cost line', () => {
    const out = noteSnsTopics(pricingInput({ aws_sns_topic: { alarms: {} } }));
    expect(out.lines).toEqual([]);
    expect(out.unpriced).toEqual([
      expect.objectContaining({ address: 'aws_sns_topic.alarms', item: 'SNS notifications' }),
    ]);
    expect(out.priced.has('aws_sns_topic.alarms')).toBe(true);
  });
});
