/** One resource type of the replacement table (./replacement.ts). */
export interface ReplacementEntry {
  /**
   * Arguments whose change forces a new resource: top-level names, or dotted paths into a
   * block (`root_block_device.encrypted`, list indices left out).
   */
  readonly forceNew: readonly string[];
  /** True when destroying the resource loses data (state a re-create does not bring back). */
  readonly stateful: boolean;
  /** What is lost or interrupted, for the report. */
  readonly impact: string;
  /**
   * Arguments whose change forces a new resource only in some cases (a `CustomizeDiff` that
   * calls `ForceNew`), with the case. Reported as "may replace".
   */
  readonly conditional?: Readonly<Record<string, string>>;
  /** Where the `forceNew` list comes from. */
  readonly source: string;
  /** Arguments whose source differs from the entry's. */
  readonly sources?: Readonly<Record<string, string>>;
}
