import adapter from '@sveltejs/adapter-static';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

// In development the Vite dev server proxies the API and the sync endpoint to the Koers server.
const server = process.env.KOERS_DEV_SERVER ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [
    // The web app is a single-page app: the Hono server serves `build/` and falls back to index.html,
    // so one Node process serves the app, the API and the sync endpoint.
    sveltekit({ adapter: adapter({ fallback: 'index.html' }) }),
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
