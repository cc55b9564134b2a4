import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineProject } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

// The app's tsconfig extends SvelteKit's generated one (`$app/tsconfig`); a fresh clone that was never built
// or checked has none yet, so generate it once (what `vite build` and `pnpm check` do first).
if (!existsSync(`${root}node_modules/$app/tsconfig.json`)) {
  execFileSync('pnpm', ['exec', 'svelte-kit', 'sync'], { cwd: root, stdio: 'ignore' });
}

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
