import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests against the real Koers server (started per test by `fixtures/koers-server.ts` with a
 * fresh data directory) and Debian's Chromium. `pnpm test` at the root builds the web app first; the
 * server serves `apps/web/build`.
 */
export default defineConfig({
  testDir: './e2e',
  globalSetup: './fixtures/global-setup.ts',
  // Two cores are shared on the CI machine; each test starts its own server and up to three browser pages.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: '../test-results',
  use: {
    browserName: 'chromium',
    locale: 'nl-NL',
    viewport: { width: 1366, height: 768 },
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
});
