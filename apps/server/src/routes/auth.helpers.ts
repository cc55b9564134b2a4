import type { Context } from 'hono';

/** The answer to a body that is not a JSON object. */
export const JSON_OBJECT_EXPECTED = 'Het verzoek is ongeldig: verwacht een JSON-object.';

/** The origin links are built on: PUBLIC_URL when set, else the origin the request came in on. */
export function linkOrigin(c: Context, publicUrl: string | undefined): string {
  return publicUrl ?? new URL(c.req.url).origin;
}
