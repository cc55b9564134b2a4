import { paraglideVitePlugin } from '@inlang/paraglide-js';
import adapter from '@sveltejs/adapter-static';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

// In development the Vite dev server proxies the API and the sync endpoint to the Koers server.
const server = process.env.KOERS_DEV_SERVER ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [
    // UI strings are compiled from messages/{nl,en}.json into typed functions in src/lib/paraglide.
    // The message-format plugin is loaded from node_modules (project.inlang/settings.json), never from a
    // CDN, so builds work offline. Dutch is the default; a stored choice (localStorage) may switch to English.
    paraglideVitePlugin({
      project: './project.inlang',
      outdir: './src/lib/paraglide',
      strategy: ['localStorage', 'baseLocale'],
    }),
    // The web app is a single-page app: the Hono server serves `build/` and falls back to index.html,
    // so one Node process serves the app, the API and the sync endpoint.
    // `$lib` is no longer built into SvelteKit 3; we keep it as an alias (it also lands in the generated tsconfig).
    sveltekit({ adapter: adapter({ fallback: 'index.html' }), alias: { $lib: 'src/lib' } }),
  ],
  server: {
    port: 5173,
    proxy: {
      '/api': server,
      '/healthz': server,
      '/sync': { target: server.replace(/^http/, 'ws'), ws: true },
    },
  },
});
