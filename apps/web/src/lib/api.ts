/**
 * The one place where the web app talks HTTP to the Koers server. Credentials, CSRF headers and the
 * handling of 401 (log in again) belong here when accounts arrive, so no component calls `fetch` itself.
 */

/** A board as the server lists it. */
export interface BoardSummary {
  id: string;
  title: string;
  createdAt: string;
  updatedAt: string;
}

/** An expected failure with the server's (Dutch) message, or a network failure when `status` is 0. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** True when the request never reached the server (offline, server down). */
  get isNetworkError(): boolean {
    return this.status === 0;
  }
}

async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      ...init,
      credentials: 'same-origin',
      headers: { accept: 'application/json', ...(init.body ? { 'content-type': 'application/json' } : {}) },
    });
  } catch (cause) {
    throw new ApiError(0, cause instanceof Error ? cause.message : String(cause));
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const message =
      body && typeof body === 'object' && 'error' in body && typeof body.error === 'string'
        ? body.error
        : response.statusText;
    throw new ApiError(response.status, message);
  }
  return body as T;
}

export async function listBoards(): Promise<BoardSummary[]> {
  const { boards } = await request<{ boards: BoardSummary[] }>('/api/boards');
  return boards;
}

export async function createBoard(title: string): Promise<BoardSummary> {
  const { board } = await request<{ board: BoardSummary }>('/api/boards', {
    method: 'POST',
    body: JSON.stringify({ title }),
  });
  return board;
}

export async function getBoard(id: string): Promise<BoardSummary> {
  const { board } = await request<{ board: BoardSummary }>(`/api/boards/${encodeURIComponent(id)}`);
  return board;
}

/** The WebSocket base URL of the sync endpoint on the same origin (the dev server proxies it). */
export function syncUrl(): string {
  const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${protocol}//${location.host}/sync`;
}
