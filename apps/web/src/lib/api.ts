/**
 * The one place where the web app talks HTTP to the Koers server, through Hono's typed client
 * (`hc<AppType>`): request and response types come from the server's routes, so nothing here repeats
 * them. Same-origin credentials (the session cookie), JSON errors `{ error }` surfaced as the server's
 * Dutch message, and 401 handling (log in again). No component calls `fetch` itself.
 */
import { goto } from '$app/navigation';
import type { AppType } from '@koers/server/app-type';
import { hc, type ClientResponse, type InferResponseType } from 'hono/client';
import type { SuccessStatusCode } from 'hono/utils/http-status';
import { m } from '$lib/i18n';

/**
 * The typed client of the whole API. `import type` keeps the server out of the bundle: only hono's small
 * client proxy is shipped.
 */
export const api = hc<AppType>('/', {
  headers: { accept: 'application/json' },
  init: { credentials: 'same-origin' },
}).api;

type Api = typeof api;

/** Who is logged in, for which school and in which role (`GET /api/auth/me`); a login or an accepted invite answers the same without `schools`. */
type MeAnswer = InferResponseType<Api['auth']['me']['$get'], 200>;
export type Me = Omit<MeAnswer, 'schools'> & Partial<Pick<MeAnswer, 'schools'>>;
export type User = Me['user'];
export type School = Me['school'];
export type Role = Me['role'];

/** A board as the server lists it. */
export type BoardSummary = InferResponseType<Api['boards']['$get'], 200>['boards'][number];
export type Member = InferResponseType<Api['school']['members']['$get'], 200>['members'][number];
export type Invite = InferResponseType<Api['school']['invites']['$get'], 200>['invites'][number];
export type InviteStatus = Invite['status'];
/** What an invite link reveals before accepting: the school's name and the role. */
export type InvitePreview = InferResponseType<Api['invites'][':token']['$get'], 200>;
export type ProjectorLink = InferResponseType<
  Api['boards'][':id']['projector-links']['$get'],
  200
>['links'][number];

/** An expected failure with the server's (Dutch) message, or a network failure when `status` is 0. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Seconds from a 429's `Retry-After`, when the server sent one. */
    readonly retryAfter: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** True when the request never reached the server (offline, server down). */
  get isNetworkError(): boolean {
    return this.status === 0;
  }
}

/** The message to show for any error from this module (the server's Dutch text, or "no connection"). */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.isNetworkError ? m.error_network() : error.message;
  return m.error_unexpected();
}

/**
 * Pages anyone may open without logging in: the login page, an invite, and the projector opened with a
 * link's token. A 401 there is an answer to show, not a reason to go to the login page.
 */
export function isPublicPath(url: { pathname: string; searchParams: Pick<URLSearchParams, 'has'> }): boolean {
  const path = url.pathname;
  return (
    path === '/inloggen' ||
    path.startsWith('/uitnodiging/') ||
    (/^\/borden\/[^/]+\/projector$/.test(path) && url.searchParams.has('projector'))
  );
}

/** The login page, with the way back to where the visitor was. */
export function loginHref(back: string): string {
  return back && back !== '/' ? `/inloggen?terug=${encodeURIComponent(back)}` : '/inloggen';
}

/** Only a path on this site may be a way back (no `//evil.example` or `https://…`). */
export function safeBack(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : '/';
}

/** The server's Dutch `{ error }` message, or a generic one when the answer has none. */
export function errorMessageOf(body: unknown): string {
  return body && typeof body === 'object' && 'error' in body && typeof body.error === 'string'
    ? body.error
    : m.error_unexpected();
}

/**
 * The session ended (logged out elsewhere, expired, removed from the school): log in again and come back
 * here afterwards. Public pages (login, invite, projector) stay where they are.
 */
export function sendToLogin(): void {
  if (isPublicPath(new URL(location.href))) return;
  // eslint-disable-next-line svelte/no-navigation-without-resolve -- loginHref() builds the login page's path
  void goto(loginHref(location.pathname + location.search), { replace: true });
}

/** The body of a response's success statuses (2xx), from the route's types. */
export type SuccessBody<R> =
  R extends ClientResponse<infer T, infer S, infer _F> ? (S extends SuccessStatusCode ? T : never) : never;

export interface CallOptions {
  /** Go to the login page on 401 (default: yes, except on public pages). */
  loginOn401?: boolean;
}

/**
 * Sends one typed call and answers its success body: `ApiError` with the server's message otherwise (status
 * 0 when the server was not reached), 401 → login.
 *
 * @example const { boards } = await call(api.boards.$get());
 */
export async function call<R extends ClientResponse<unknown, number, string>>(
  sent: Promise<R>,
  options: CallOptions = {},
): Promise<SuccessBody<R>> {
  let response: R;
  try {
    response = await sent;
  } catch (cause) {
    throw new ApiError(0, cause instanceof Error ? cause.message : String(cause));
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const message = errorMessageOf(body);
    const retry = Number(response.headers.get('retry-after'));
    const error = new ApiError(response.status, message, Number.isFinite(retry) && retry > 0 ? retry : null);
    if (response.status === 401 && (options.loginOn401 ?? true)) sendToLogin();
    throw error;
  }
  return body as SuccessBody<R>;
}

/** A path parameter as the URL needs it (the typed client puts it in as given). */
const id = (value: string) => encodeURIComponent(value);

// ── Accounts ────────────────────────────────────────────────────────────────────────────────────────────

export function login(email: string, password: string): Promise<Me> {
  return call(api.auth.login.$post({ json: { email, password } }), { loginOn401: false });
}

export async function logout(): Promise<void> {
  await call(api.auth.logout.$post(), { loginOn401: false });
}

/** Who is logged in; an ApiError with status 401 when nobody is (never redirects). */
export function me(): Promise<Me> {
  return call(api.auth.me.$get(), { loginOn401: false });
}

export function getInvite(token: string): Promise<InvitePreview> {
  return call(api.invites[':token'].$get({ param: { token: id(token) } }), { loginOn401: false });
}

export function acceptInvite(
  token: string,
  fields: { name?: string; email?: string; password?: string },
): Promise<Me> {
  return call(api.invites[':token'].accept.$post({ param: { token: id(token) }, json: fields }), {
    loginOn401: false,
  });
}

// ── Team (leider) ───────────────────────────────────────────────────────────────────────────────────────

export async function listMembers(): Promise<Member[]> {
  return (await call(api.school.members.$get())).members;
}

export async function setMemberRole(userId: string, role: Role): Promise<void> {
  await call(api.school.members[':userId'].$patch({ param: { userId: id(userId) }, json: { role } }));
}

export async function removeMember(userId: string): Promise<void> {
  await call(api.school.members[':userId'].$delete({ param: { userId: id(userId) } }));
}

export async function listInvites(): Promise<Invite[]> {
  return (await call(api.school.invites.$get())).invites;
}

export type NewInvite =
  { kind: 'person'; email: string; role: Role } | { kind: 'team'; days: number; maxUses: number };

export function createInvite(invite: NewInvite) {
  return call(api.school.invites.$post({ json: invite }));
}

export async function revokeInvite(inviteId: string): Promise<void> {
  await call(api.school.invites[':id'].$delete({ param: { id: id(inviteId) } }));
}

// ── Boards ──────────────────────────────────────────────────────────────────────────────────────────────

export async function listBoards(): Promise<BoardSummary[]> {
  return (await call(api.boards.$get())).boards;
}

export async function createBoard(title: string): Promise<BoardSummary> {
  return (await call(api.boards.$post({ json: { title } }))).board;
}

export async function getBoard(boardId: string): Promise<BoardSummary> {
  return (await call(api.boards[':id'].$get({ param: { id: id(boardId) } }))).board;
}

// ── Next cycle and versions ─────────────────────────────────────────────────────────────────────────────

/** "Nieuw bord vanuit dit bord" (leider): the new board and what it carried. */
export function createNextCycleBoard(boardId: string, title?: string) {
  return call(
    api.boards[':id']['next-cycle'].$post({ param: { id: id(boardId) }, json: title ? { title } : {} }),
  );
}

export type CarriedFigures = InferResponseType<Api['boards'][':id']['carried-figures']['$get'], 200>;

/** The new results' figures for the actions carried onto this board. */
export function getCarriedFigures(boardId: string): Promise<CarriedFigures> {
  return call(api.boards[':id']['carried-figures'].$get({ param: { id: id(boardId) } }));
}

export type BoardVersion = InferResponseType<
  Api['boards'][':id']['versions']['$get'],
  200
>['versions'][number];
export type BoardVersionView = InferResponseType<Api['boards'][':id']['versions'][':versionId']['$get'], 200>;

export async function listVersions(boardId: string): Promise<BoardVersion[]> {
  return (await call(api.boards[':id'].versions.$get({ param: { id: id(boardId) } }))).versions;
}

export async function createVersion(boardId: string, name: string): Promise<BoardVersion> {
  return (await call(api.boards[':id'].versions.$post({ param: { id: id(boardId) }, json: { name } })))
    .version;
}

export function getVersion(boardId: string, versionId: string): Promise<BoardVersionView> {
  return call(
    api.boards[':id'].versions[':versionId'].$get({ param: { id: id(boardId), versionId: id(versionId) } }),
  );
}

/** Restores a version for everyone on the board; `undo` is the automatic version made just before. */
export function restoreVersion(boardId: string, versionId: string) {
  return call(
    api.boards[':id'].versions[':versionId'].restore.$post({
      param: { id: id(boardId), versionId: id(versionId) },
    }),
  );
}

// ── Projector links ─────────────────────────────────────────────────────────────────────────────────────

export async function listProjectorLinks(boardId: string): Promise<ProjectorLink[]> {
  return (await call(api.boards[':id']['projector-links'].$get({ param: { id: id(boardId) } }))).links;
}

export function createProjectorLink(boardId: string, hours?: number) {
  return call(
    api.boards[':id']['projector-links'].$post({
      param: { id: id(boardId) },
      json: hours === undefined ? {} : { hours },
    }),
  );
}

export async function revokeProjectorLink(boardId: string, linkId: string): Promise<void> {
  await call(
    api.boards[':id']['projector-links'][':linkId'].$delete({
      param: { id: id(boardId), linkId: id(linkId) },
    }),
  );
}

/** The board a projector link opens (public; the token is the capability). */
export function openProjectorLink(token: string) {
  return call(api.projector[':token'].$get({ param: { token: id(token) } }), { loginOn401: false });
}

/** The WebSocket base URL of the sync endpoint on the same origin (the dev server proxies it). */
export function syncUrl(): string {
  const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${protocol}//${location.host}/sync`;
}
