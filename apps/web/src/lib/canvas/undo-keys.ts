/** The parts of a key event the undo keys need (a KeyboardEvent, or a plain object in a test). */
export interface UndoKeyEvent {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  target: EventTarget | null;
}

/** True when the key goes to a place with its own undo: a text field or the rich-text editor. */
function ownsUndo(target: EventTarget | null): boolean {
  if (typeof Element === 'undefined' || !(target instanceof Element)) return false;
  return target.closest('input, textarea, select, [contenteditable="true"], .ProseMirror') !== null;
}

/**
 * Ctrl+Z (⌘Z) → 'undo', Ctrl+Shift+Z or Ctrl+Y → 'redo', for the canvas; null for other keys and for
 * keys typed where the browser or the editor undoes text itself.
 */
export function isUndoKey(event: UndoKeyEvent): 'undo' | 'redo' | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return null;
  if (ownsUndo(event.target)) return null;
  const key = event.key.toLowerCase();
  if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && !event.shiftKey) return 'redo';
  return null;
}
