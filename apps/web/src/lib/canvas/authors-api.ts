import { api, call, type SuccessBody } from '$lib/api';

/** The server's ledger of who created what: Yjs client id → account name. */
export type AuthorLedger = SuccessBody<
  Awaited<ReturnType<(typeof api.boards)[':id']['authors']['$get']>>
>['authors'];

/**
 * `GET /api/boards/:id/authors`. The one place the app asks for it. Any failure (offline, a projector
 * without a session) reads as "nobody known": cards then show only their time.
 */
export async function fetchAuthors(boardId: string): Promise<AuthorLedger> {
  try {
    const answer = await call(api.boards[':id'].authors.$get({ param: { id: boardId } }), {
      loginOn401: false,
    });
    return answer.authors;
  } catch {
    return {};
  }
}
