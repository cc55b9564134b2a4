/**
 * What each client publishes in the awareness `user` field. The editor's collaboration caret reads
 * `name` and `color`; the presence list reads all of it.
 */
export interface PresenceUser {
  name: string;
  /** A caret colour with at least 4.5:1 contrast against white, so the name label stays legible. */
  color: string;
  /** The step this person is looking at, for the "who is where" list. */
  stepId?: string;
}

/** Caret colours that keep white label text at WCAG AA contrast. */
export const PRESENCE_COLORS: readonly string[] = [
  '#0b4f6c',
  '#8a3b12',
  '#5b2a86',
  '#1f6f3a',
  '#a3195b',
  '#6b4e00',
  '#2d4a9a',
  '#7a1f1f',
];

/** A stable colour for a name, so a person keeps her colour across reloads. */
export function colorForName(name: string): string {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return PRESENCE_COLORS[hash % PRESENCE_COLORS.length] ?? '#0b4f6c';
}
