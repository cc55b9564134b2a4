import { colorForName } from '@koers/board';

const STORAGE_KEY = 'koers.displayName';

/**
 * The name a teacher is shown by on the board (carets, presence list). There are no accounts yet, so we ask
 * once ("Hoe heet je?") and keep the answer in this browser's localStorage.
 */
export class DisplayName {
  name = $state('');
  readonly color = $derived(colorForName(this.name));

  constructor() {
    try {
      if (typeof localStorage !== 'undefined') this.name = localStorage.getItem(STORAGE_KEY)?.trim() ?? '';
    } catch {
      // Storage can be blocked (private mode); then we simply ask again next time.
    }
  }

  get known(): boolean {
    return this.name.length > 0;
  }

  set(name: string): void {
    this.name = name.trim();
    try {
      localStorage.setItem(STORAGE_KEY, this.name);
    } catch {
      // See the constructor.
    }
  }
}

/** One instance for the whole app, so every page and component sees the same name. */
export const displayName = new DisplayName();
