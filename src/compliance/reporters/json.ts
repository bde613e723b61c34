import type { Report } from '../engine';

/** The whole report as JSON (rules as their metadata: no check function, no factory inputs). */
export function renderJson(report: Report, failed: boolean): string {
  const { rules, ...rest } = report;
  return `${JSON.stringify(
    {
      passed: !failed,
      ...rest,
      rules: rules.map(({ check: _check, attribute: _attribute, ...meta }) => {
        void _check;
        void _attribute;
        return meta;
      }),
    },
    null,
    2,
  )}\n`;
}
