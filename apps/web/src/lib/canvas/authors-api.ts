/** The server's ledger of who created what: Yjs client id → account name. */
export type AuthorLedger = Record<string, { name: string }>;

/**
 * `GET /api/boards/:id/authors`. The one place the app asks for it. Any failure (not there yet, offline,
 * a projector without a session) reads as "nobody known": cards then say "onbekend".
 */
export async function fetchAuthors(boardId: string): Promise<AuthorLedger> {
  try {
    const response = await fetch(`/api/boards/${encodeURIComponent(boardId)}/authors`, {
      credentials: 'same-origin',
    });
    if (!response.ok) return {};
    const answer = (await response.json()) as { authors?: AuthorLedger };
    return answer.authors ?? {};
  } catch {
    return {};
  }
}
