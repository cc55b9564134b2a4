import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineProject } from 'vitest/config';

// Unit tests of the web app's state classes (`*.svelte.ts`, compiled with runes by the Svelte plugin) and
// pure helpers. Components are proven in the Playwright tests.
export default defineProject({
  plugins: [svelte()],
  resolve: {
    alias: { $lib: fileURLToPath(new URL('./src/lib', import.meta.url)) },
    conditions: ['browser'],
  },
  test: { name: 'web', include: ['src/**/*.test.ts'], environment: 'node' },
});
