// Single-page app: the board needs the browser (Yjs, IndexedDB, WebSocket); the server serves index.html.
export const ssr = false;
export const prerender = false;
