import type { TeamMember } from './team-api';

export interface BoardTeamOptions {
  load: () => Promise<TeamMember[]>;
  /** The Dutch message of a failed load. */
  describeError: (error: unknown) => string;
}

/**
 * The team an action's owner is chosen from: loaded once per board page. The board stores the owner's
 * account id only; `nameOf` turns it into a name (an id of someone who left reads as unknown: null).
 */
export class BoardTeam {
  members = $state<TeamMember[] | null>(null);
  /** Why the team could not be loaded ('' when it could). */
  error = $state('');
  #options: BoardTeamOptions;

  constructor(options: BoardTeamOptions) {
    this.#options = options;
  }

  #loading: Promise<void> | null = null;

  /** Asks the server for the team; a call while one is under way waits for that one instead. */
  load(): Promise<void> {
    this.#loading ??= (async () => {
      try {
        this.members = await this.#options.load();
        this.error = '';
      } catch (error) {
        this.error = this.#options.describeError(error);
      } finally {
        this.#loading = null;
      }
    })();
    return this.#loading;
  }

  nameOf(id: string | null): string | null {
    if (id === null) return null;
    return this.members?.find((m) => m.id === id)?.name ?? null;
  }

  /**
   * The choices for an owner select: the team, and the current owner even when she is no longer on it (so
   * the select shows what is stored instead of silently choosing someone else).
   */
  choices(currentId: string | null, unknownLabel: string): TeamMember[] {
    const team = this.members ?? [];
    if (currentId === null || team.some((m) => m.id === currentId)) return team;
    return [...team, { id: currentId, name: unknownLabel }];
  }
}
