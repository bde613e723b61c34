/** The gate as a library, for scripts (scripts/bench-check.mjs) and other tools. */
export { evaluate, failingFindings, passes } from './engine';
export { clearParseCache } from '../tfjson/graph';
export { loadStacks } from '../tfjson/load';
export { renderTable } from './reporters/table';
export { RULES } from './rules';
export { parseSuppressions } from './suppressions';
