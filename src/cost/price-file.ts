/**
 * `npm run cost -- --prices <file>`: the prices of Regions the table lacks, supplied by the
 * user as JSON, `{ "<region>": { "<key>": { "usd": 0.05, "source": "...", "sourceDate":
 * "2026-12" }, ..., "ec2Hour": { "t3.small": {...} } } }`, every key of `RegionPrices`
 * required (a missing one would price that line at zero). Read strictly: a bad file is an
 * input error naming the key, never a partial table.
 */
import { z } from 'zod';
import { readRegularFile, UnreadableFileError } from '../files/read-regular';
import type { RegionPrices } from './price-types';
import { PRICES, PriceError } from './prices';

const price = z.strictObject({
  usd: z.number().nonnegative(),
  unit: z.string().optional(),
  source: z.string().min(1),
  sourceDate: z.string().min(4),
  thirdParty: z.literal(true).optional(),
  unverified: z.string().optional(),
});

/** Every key of a Region's table, taken from us-east-1's, so the file must cover them all. */
const TEMPLATE = PRICES['us-east-1']!;
const regionSchema = z.strictObject(
  Object.fromEntries(
    Object.entries(TEMPLATE).map(([key, value]) => [
      key,
      'usd' in value ? price : z.record(z.string(), price),
    ]),
  ),
);

export function readPriceFile(path: string, shown: string): Record<string, RegionPrices> {
  let text: string;
  try {
    text = readRegularFile(path);
  } catch (error) {
    if (error instanceof UnreadableFileError)
      throw new PriceError(`--prices ${shown} ${error.reason}`);
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new PriceError(`--prices ${shown}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = z.record(z.string(), regionSchema).safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new PriceError(
      `--prices ${shown}: ${issue.path.join('.') || '(top)'} ${issue.message}. Example: { "ap-south-1": { "natGatewayHour": { "usd": 0.056, "unit": "hour", "source": "AWS Price List AmazonEC2 ap-south-1", "sourceDate": "2026-12" }, ... } }`,
    );
  }
  const result: Record<string, RegionPrices> = {};
  for (const [region, table] of Object.entries(parsed.data)) {
    const withUnits = Object.fromEntries(
      Object.entries(table).map(([key, value]) => {
        const template = TEMPLATE[key as keyof RegionPrices];
        if ('usd' in value) return [key, { unit: (template as { unit: string }).unit, ...value }];
        return [
          key,
          Object.fromEntries(
            Object.entries(value as Record<string, z.infer<typeof price>>).map(([t, v]) => [
              t,
              { unit: 'hour', ...v },
            ]),
          ),
        ];
      }),
    );
    result[region] = withUnits as unknown as RegionPrices;
  }
  return result;
}
