import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'threads',
    // Test files share each worker's module cache: loading cdktn and the provider classes once
    // per worker instead of once per file halves the suite's time. No module keeps mutable state.
    isolate: false,
    testTimeout: 30_000,
    // Hooks synthesize every variant once per file: on a busy machine that outlasts 10 s.
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
