import { defineProject } from 'vitest/config';

// Integration tests start real servers on ephemeral ports; keep files serial to spare the 2-core machine.
export default defineProject({
  test: { name: 'server', include: ['src/**/*.test.ts'], testTimeout: 30_000, fileParallelism: false },
});
