import { getContext, setContext } from 'svelte';
import type { Facilitation } from '$lib/facilitation/facilitation.svelte';
import type { BoardAuthors } from './board-authors.svelte';
import type { BoardRecords } from './board-records.svelte';

/**
 * What every canvas component of one board page shares, set once by the page (`setCanvas`) and read with
 * `canvas()`: the reactive records, the author names, and how the canvas is shown.
 */
export interface CanvasContext {
  boardId: string;
  records: BoardRecords;
  /** Null on the projector: no names there. */
  authors: BoardAuthors | null;
  /** The projector: no editing, large cards, no author names. */
  projector: boolean;
  /** A projector opened with a link: it reads the board's charts with this token (it has no session). */
  projectorToken: string | undefined;
  /** The leider picks the board's data context and places a step's default charts. */
  isLeider: boolean;
  /**
   * In sync with the server: what the board holds is known, not just this device's copy. A step's default
   * charts are placed only then, so a stale copy never adds a second set.
   */
  synced: boolean;
  /**
   * The leider closed the shown step for input (live session): no adding, editing, moving or deleting here.
   * A getter: it changes while the page is open.
   */
  readonly locked: boolean;
  /** The live session (step, spotlight, closed steps, votes) of this board's socket. */
  facilitation: Facilitation;
}

const KEY = Symbol('koers-canvas');

export function setCanvas(context: CanvasContext): CanvasContext {
  return setContext(KEY, context);
}

export function canvas(): CanvasContext {
  const context = getContext<CanvasContext | undefined>(KEY);
  if (!context) throw new Error('canvas() used outside a board page');
  return context;
}
