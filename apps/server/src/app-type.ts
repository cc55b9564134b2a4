/**
 * The API's type for the web app's typed client (`hc<AppType>` from `hono/client`). Import it with
 * `import type` only: a type import is erased, so no server code reaches the web bundle.
 */
export type { AppType } from './app';
