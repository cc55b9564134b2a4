import { request } from '$lib/api';

/** The server's ledger of who created what: Yjs client id → account name. */
export type AuthorLedger = Record<string, { name: string }>;

/**
 * `GET /api/boards/:id/authors`. The one place the app asks for it. Any failure (not there yet, offline,
 * a projector without a session) reads as "nobody known": cards then say "onbekend".
 */
export async function fetchAuthors(boardId: string): Promise<AuthorLedger> {
  try {
    const answer = await request<{ authors?: AuthorLedger }>(
      `/api/boards/${encodeURIComponent(boardId)}/authors`,
      { loginOn401: false },
    );
    return answer.authors ?? {};
  } catch {
    return {};
  }
}
