import { defineConfig } from 'vitest/config';

// Tests run against the TypeScript sources: the `@optout/source` export
// condition points every workspace package at its `src/index.ts`.
export default defineConfig({
  resolve: { conditions: ['@optout/source'] },
  ssr: { resolve: { conditions: ['@optout/source'] } },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts', 'examples/*/test/**/*.test.ts'],
    testTimeout: 20_000,
  },
});
