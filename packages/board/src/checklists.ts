import { LESOBSERVATIE } from './kwaliteitskaart';
import type { StepId } from './stappenplan';

/**
 * The checklists of the board: a static catalogue (not stored in the document), so item keys are fixed and
 * answers live under deterministic keys in the `checks` root; nobody seeds them. Wording from the seeds.
 */

export const CHECKLIST_IDS = ['normen', 'betrouwbaarheid', 'lesobservatie'] as const;
export type ChecklistId = (typeof CHECKLIST_IDS)[number];

export interface ChecklistItem {
  /** Stable key within the checklist: never renumber or reuse one. */
  key: string;
  label: string;
}

export interface Checklist {
  id: ChecklistId;
  stepId: StepId;
  title: string;
  items: readonly ChecklistItem[];
}

/** The answer to an item. */
export const CHECK_STATUSES = ['ja', 'twijfel', 'nee'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

export const CHECKLISTS: Readonly<Record<ChecklistId, Checklist>> = {
  normen: {
    id: 'normen',
    stepId: 's2',
    title: 'Zijn deze doelen en normen helder, gedeeld en ambitieus?',
    items: [
      { key: 'helder', label: 'Helder' },
      { key: 'gedeeld', label: 'Gedeeld' },
      { key: 'ambitieus', label: 'Ambitieus' },
      { key: 'passend', label: 'Passend bij de populatie en de gewenste opbrengst' },
    ],
  },
  betrouwbaarheid: {
    id: 'betrouwbaarheid',
    stepId: 's3',
    title: 'Check de technische betrouwbaarheid van de toetsgegevens',
    items: [
      { key: 'valide', label: 'Zijn de toetsen valide voor populatie en context?' },
      { key: 'afname', label: 'Zijn de toetsen op de juiste wijze en volgens de instructies afgenomen?' },
      { key: 'invoer', label: 'Zijn de gegevens op de juiste wijze ingevoerd? Is de invoer compleet?' },
      {
        key: 'omstandigheden',
        label: 'Waren er omstandigheden die de afname hebben beïnvloed en de resultaten kunnen vertekenen?',
      },
    ],
  },
  lesobservatie: {
    id: 'lesobservatie',
    // Kwaliteitskaart stone 7, used for lesson visits in Handelen 3 (monitoring).
    stepId: 'h3',
    title: 'Aandachtspunten bij lesobservatie',
    items: LESOBSERVATIE.map((label, index) => ({ key: String(index + 1), label })),
  },
};

export function isChecklistId(value: unknown): value is ChecklistId {
  return typeof value === 'string' && (CHECKLIST_IDS as readonly string[]).includes(value);
}

export function isChecklistItem(checklist: ChecklistId, itemKey: string): boolean {
  return CHECKLISTS[checklist].items.some((item) => item.key === itemKey);
}

/** The checklists shown on a step. */
export function checklistsOfStep(stepId: StepId): Checklist[] {
  return CHECKLIST_IDS.map((id) => CHECKLISTS[id]).filter((c) => c.stepId === stepId);
}
