import type { Report } from '../engine';

/** The whole report as JSON (rules without their check functions). */
export function renderJson(report: Report, failed: boolean): string {
  const { rules, ...rest } = report;
  return `${JSON.stringify(
    {
      passed: !failed,
      ...rest,
      rules: rules.map(({ check: _check, ...meta }) => {
        void _check;
        return meta;
      }),
    },
    null,
    2,
  )}\n`;
}
