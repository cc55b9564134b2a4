import { defineConfig } from 'vitest/config';

// One vitest run over every package that has unit or integration tests.
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/server', 'apps/web'],
  },
});
