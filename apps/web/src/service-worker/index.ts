/**
 * Keeps the app shell (index.html and the built scripts) on the device, so a teacher whose wifi drops can
 * reload the board and keep working: the board content itself comes from IndexedDB (y-indexeddb).
 * Never caches the API, the sync socket or anything from another origin.
 *
 * The shared school laptop: this cache holds only the built app, the same for every account, never a board,
 * a name or an API answer (the API also says `Cache-Control: no-store`), so the next teacher who logs in sees
 * nothing of the previous one's boards from here. Board copies are per account (lib/board/device-copies.ts).
 */
import { version } from '$app/env';
import { assets, immutable } from '$app/manifest';
import { self } from '$app/service-worker';

const CACHE = `koers-shell-${version}`;
/** The SPA fallback: every route of the app is index.html. */
const SHELL = '/';
const PRECACHE = [
  SHELL,
  ...immutable.map((file) => `/${file.path}`),
  ...assets.map((file) => `/${file.path}`),
];

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll(PRECACHE);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

function isAppRequest(url: URL): boolean {
  return (
    url.origin === self.location.origin &&
    !url.pathname.startsWith('/api/') &&
    !url.pathname.startsWith('/sync') &&
    url.pathname !== '/healthz'
  );
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || !isAppRequest(url)) return;

  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      // Built files have content hashes in their names: the cached copy is always right.
      if (url.pathname.startsWith('/_app/immutable/')) {
        const cached = await cache.match(request);
        if (cached) return cached;
      }
      try {
        // Network first, so an online reload always gets the newest app.
        return await fetch(request);
      } catch (error) {
        const cached = await cache.match(request.mode === 'navigate' ? SHELL : request);
        if (cached) return cached;
        throw error;
      }
    })(),
  );
});
