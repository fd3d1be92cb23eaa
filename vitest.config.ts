import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Announces skipped browser suites (no Chromium) loudly; fails under CAPTOKEN_REQUIRE_BROWSER=1.
    globalSetup: ['test/support/global-setup.ts'],
  },
});
