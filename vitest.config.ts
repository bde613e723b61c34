import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'threads',
    // Test files share each worker's module cache: loading cdktn and the provider classes once
    // per worker instead of once per file halves the suite's time. No module keeps mutable state.
    isolate: false,
    // vitest's default is one worker less than the cores, a single worker on a 2-core machine
    // while the main thread mostly waits: one per core runs the suite about a third faster there.
    maxWorkers: availableParallelism(),
    // Hooks synthesize shared stacks (several variants in one beforeAll): on a loaded 2-core
    // machine that outlasts vitest's 10 s hook default, so hooks get the tests' limit.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
