import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['__tests__/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 600_000,
    // e2e tests spawn real Go builds; two cores are all a CI machine has.
    maxWorkers: 2,
  },
});
