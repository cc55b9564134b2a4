/**
 * The one place where the web app talks HTTP to the Koers server: same-origin credentials (the session
 * cookie), JSON errors `{ error }` surfaced as the server's Dutch message, and 401 handling (log in again).
 * No component calls `fetch` itself.
 */
import { goto } from '$app/navigation';
import { m } from '$lib/i18n';

/** A board as the server lists it. */
export interface BoardSummary {
  id: string;
  title: string;
  createdAt: string;
  updatedAt: string;
}

export type Role = 'leider' | 'leerkracht';

export interface User {
  id: string;
  email: string;
  name: string;
}

export interface School {
  id: string;
  name: string;
}

/** Who is logged in, for which school and in which role (`GET /api/auth/me`). */
export interface Me {
  user: User;
  school: School;
  role: Role;
  schools?: { id: string; name: string; role: Role }[];
}

export interface Member {
  userId: string;
  name: string;
  email: string;
  role: Role;
  joinedAt: string | number;
}

export type InviteStatus = 'open' | 'used' | 'expired' | 'revoked';

export interface Invite {
  id: string;
  kind: 'person' | 'team';
  email: string | null;
  role: Role;
  uses: number;
  maxUses: number;
  createdAt: string;
  expiresAt: string;
  status: InviteStatus;
}

/** What an invite link reveals before accepting: the school's name and the role. */
export interface InvitePreview {
  school: { name: string };
  role: Role;
  kind: 'person' | 'team';
  expiresAt: string;
}

export interface ProjectorLink {
  id: string;
  boardId: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  status: 'active' | 'revoked' | 'expired';
}

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

interface RequestOptions extends RequestInit {
  /** A projector link's token, sent as `?projector=` (the projector has no session). */
  projector?: string;
  /** Go to the login page on 401 (default: yes, except on public pages). */
  loginOn401?: boolean;
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

/** The one JSON call to the API: same-origin credentials, `ApiError` with the server's message, 401 → login. */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { projector, loginOn401 = true, ...init } = options;
  const url = projector
    ? `${path}${path.includes('?') ? '&' : '?'}projector=${encodeURIComponent(projector)}`
    : path;
  let response: Response;
  try {
    response = await fetch(url, {
      ...init,
      credentials: 'same-origin',
      headers: { accept: 'application/json', ...(init.body ? { 'content-type': 'application/json' } : {}) },
    });
  } catch (cause) {
    throw new ApiError(0, cause instanceof Error ? cause.message : String(cause));
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const message = errorMessageOf(body);
    const retry = Number(response.headers.get('retry-after'));
    const error = new ApiError(response.status, message, Number.isFinite(retry) && retry > 0 ? retry : null);
    if (response.status === 401 && loginOn401 && !projector) sendToLogin();
    throw error;
  }
  return body as T;
}

const json = (method: string, body?: unknown): RequestInit => ({
  method,
  ...(body === undefined ? {} : { body: JSON.stringify(body) }),
});

// ── Accounts ────────────────────────────────────────────────────────────────────────────────────────────

export function login(email: string, password: string): Promise<Me> {
  return request<Me>('/api/auth/login', { ...json('POST', { email, password }), loginOn401: false });
}

export async function logout(): Promise<void> {
  await request('/api/auth/logout', { ...json('POST'), loginOn401: false });
}

/** Who is logged in; an ApiError with status 401 when nobody is (never redirects). */
export function me(): Promise<Me> {
  return request<Me>('/api/auth/me', { loginOn401: false });
}

export function getInvite(token: string): Promise<InvitePreview> {
  return request<InvitePreview>(`/api/invites/${encodeURIComponent(token)}`, { loginOn401: false });
}

export function acceptInvite(
  token: string,
  fields: { name?: string; email?: string; password?: string },
): Promise<Me> {
  return request<Me>(`/api/invites/${encodeURIComponent(token)}/accept`, {
    ...json('POST', fields),
    loginOn401: false,
  });
}

// ── Team (leider) ───────────────────────────────────────────────────────────────────────────────────────

export async function listMembers(): Promise<Member[]> {
  return (await request<{ members: Member[] }>('/api/school/members')).members;
}

export async function setMemberRole(userId: string, role: Role): Promise<void> {
  await request(`/api/school/members/${encodeURIComponent(userId)}`, json('PATCH', { role }));
}

export async function removeMember(userId: string): Promise<void> {
  await request(`/api/school/members/${encodeURIComponent(userId)}`, json('DELETE'));
}

export async function listInvites(): Promise<Invite[]> {
  return (await request<{ invites: Invite[] }>('/api/school/invites')).invites;
}

export type NewInvite =
  { kind: 'person'; email: string; role: Role } | { kind: 'team'; days: number; maxUses: number };

export function createInvite(invite: NewInvite): Promise<{ invite: Invite; token: string; url: string }> {
  return request('/api/school/invites', json('POST', invite));
}

export async function revokeInvite(id: string): Promise<void> {
  await request(`/api/school/invites/${encodeURIComponent(id)}`, json('DELETE'));
}

// ── Boards ──────────────────────────────────────────────────────────────────────────────────────────────

export async function listBoards(): Promise<BoardSummary[]> {
  const { boards } = await request<{ boards: BoardSummary[] }>('/api/boards');
  return boards;
}

export async function createBoard(title: string): Promise<BoardSummary> {
  const { board } = await request<{ board: BoardSummary }>('/api/boards', json('POST', { title }));
  return board;
}

export async function getBoard(id: string): Promise<BoardSummary> {
  const { board } = await request<{ board: BoardSummary }>(`/api/boards/${encodeURIComponent(id)}`);
  return board;
}

// ── Projector links ─────────────────────────────────────────────────────────────────────────────────────

const linksPath = (boardId: string) => `/api/boards/${encodeURIComponent(boardId)}/projector-links`;

export async function listProjectorLinks(boardId: string): Promise<ProjectorLink[]> {
  return (await request<{ links: ProjectorLink[] }>(linksPath(boardId))).links;
}

export function createProjectorLink(
  boardId: string,
  hours?: number,
): Promise<{ link: ProjectorLink; token: string; url: string }> {
  return request(linksPath(boardId), json('POST', hours === undefined ? {} : { hours }));
}

export async function revokeProjectorLink(boardId: string, linkId: string): Promise<void> {
  await request(`${linksPath(boardId)}/${encodeURIComponent(linkId)}`, json('DELETE'));
}

/** The board a projector link opens (public; the token is the capability). */
export function openProjectorLink(token: string): Promise<{ boardId: string; title: string }> {
  return request(`/api/projector/${encodeURIComponent(token)}`, { loginOn401: false });
}

/** The WebSocket base URL of the sync endpoint on the same origin (the dev server proxies it). */
export function syncUrl(): string {
  const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${protocol}//${location.host}/sync`;
}
