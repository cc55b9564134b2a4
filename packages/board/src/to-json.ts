import type * as Y from 'yjs';
import { isStepDone, readMeta, stepText } from './layout';
import { fragmentToPlainText } from './rich-text';
import { STAPPENPLAN, type StepId, type StepPhase } from './stappenplan';

export interface BoardStepJSON {
  id: StepId;
  phase: StepPhase;
  number: string;
  title: string;
  done: boolean;
  /** The step's rich text as plain text, one line per block. */
  text: string;
}

export interface BoardJSON {
  schemaVersion: number;
  title: string;
  createdAt: string;
  steps: BoardStepJSON[];
}

/**
 * A plain-data view of the board for consumers that must stay free of Yjs (reports, exports, tests).
 *
 * @example
 * const { title, steps } = boardToJSON(doc);
 */
export function boardToJSON(doc: Y.Doc): BoardJSON {
  const meta = readMeta(doc);
  return {
    schemaVersion: meta.schemaVersion,
    title: meta.title,
    createdAt: meta.createdAt,
    steps: STAPPENPLAN.map((step) => ({
      id: step.id,
      phase: step.phase,
      number: step.number,
      title: step.title,
      done: isStepDone(doc, step.id),
      text: fragmentToPlainText(stepText(doc, step.id)),
    })),
  };
}
