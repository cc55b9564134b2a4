import * as Y from 'yjs';
import { readAnalysisContext, setAnalysisField } from './analysis-context';
import { readChecklist, setCheckNote, setCheckStatus } from './checks';
import { setSourceBoard, stepText, type SourceBoard } from './layout';
import { createAction, isOpenAction, listActions, type Action } from './records/action';
import { createCause, listCauses } from './records/cause';
import { factorSummary } from './records/grid-cell';
import { listGridColumns } from './records/grid-column';
import { appendBulletList, appendParagraphs } from './rich-text';
import type { StepId } from './stappenplan';

/**
 * "Nieuw bord vanuit dit bord": what the next study day starts from. The new board carries step 1's analysis
 * question (its text and the analysis context, without the year and moment, so its charts show the newest
 * results), step 2's norms (text and checklist), every open action with its success criterion, and the open
 * research questions ("wat weten we nog niet"); each carried action asks "effect vastgesteld?" there.
 * Written with the accessors into a board the server just initialised, so the result passes the guard.
 */

/** The steps whose rich text is copied as it is. */
const CARRIED_TEXTS: readonly StepId[] = ['s1', 's2'];

export interface NextCycleResult {
  /** Source action id → the new board's action id. */
  actions: Record<string, string>;
  /** Causes marked "onvoldoende bekend" carried as cards on step 9. */
  researchCauses: number;
  /** Every open question listed on step 1 (the causes above and the factor rows with '?'). */
  questions: string[];
}

/**
 * The research questions a board leaves open, as the report's "Wat weten we nog niet" reads them: causes
 * marked for research, then factor rows with '?' in two or more columns (one when the grid has fewer than
 * four columns), most '?' first.
 */
export function openResearchQuestions(doc: Y.Doc): { causes: string[]; factors: string[] } {
  const causes = listCauses(doc)
    .filter((c) => c.needsResearch && c.text.trim() !== '')
    .map((c) => c.text);
  const threshold = listGridColumns(doc).length < 4 ? 1 : 2;
  const factors = factorSummary(doc)
    .filter((s) => s.unknown >= threshold)
    .sort((a, b) => b.unknown - a.unknown)
    .map((s) => `${s.label} (${s.text})`);
  return { causes, factors };
}

/** Deep copies of a fragment's children, to insert into another document. */
function cloneChildren(fragment: Y.XmlFragment): Array<Y.XmlElement | Y.XmlText> {
  return fragment
    .toArray()
    .filter(
      (node): node is Y.XmlElement | Y.XmlText => node instanceof Y.XmlElement || node instanceof Y.XmlText,
    )
    .map((node) => node.clone());
}

/** The fields of an action that travel to the next board (its place, origin and evaluation start afresh). */
function carriedFields(action: Action) {
  return {
    what: action.what,
    aim: action.aim,
    specifiek: action.specifiek,
    meetbaar: action.meetbaar,
    acceptabel: action.acceptabel,
    realistisch: action.realistisch,
    tijdgebonden: action.tijdgebonden,
    inspirerend: action.inspirerend,
    ownerId: action.ownerId,
    horizon: action.horizon,
    dueDate: action.dueDate,
    successCriterion: action.successCriterion,
    measuredBy: action.measuredBy,
    monitorWho: action.monitorWho,
    monitorWhen: action.monitorWhen,
    monitorHow: action.monitorHow,
    collaboration: action.collaboration,
    feasible: action.feasible,
    focusGrade: action.focusGrade,
    focusSubject: action.focusSubject,
  };
}

/**
 * Fills `target` (a freshly initialised board) from `source`, in one transaction. `from` names the source
 * board; it is stored in the new board's meta and in each carried action's `carriedFrom`.
 */
export function fillNextCycle(target: Y.Doc, source: Y.Doc, from: SourceBoard): NextCycleResult {
  const result: NextCycleResult = { actions: {}, researchCauses: 0, questions: [] };
  target.transact(() => {
    setSourceBoard(target, from);

    const analysis = readAnalysisContext(source);
    setAnalysisField(target, 'question', analysis.question);
    setAnalysisField(target, 'decision', analysis.decision);
    setAnalysisField(target, 'purpose', analysis.purpose);
    setAnalysisField(target, 'datasetId', analysis.datasetId);

    for (const stepId of CARRIED_TEXTS) {
      const children = cloneChildren(stepText(source, stepId));
      if (children.length > 0) stepText(target, stepId).insert(0, children);
    }
    for (const item of readChecklist(source, 'normen')) {
      if (item.status) setCheckStatus(target, 'normen', item.key, item.status);
      if (item.note) setCheckNote(target, 'normen', item.key, item.note);
    }

    for (const action of listActions(source)) {
      if (!isOpenAction(action)) continue;
      result.actions[action.id] = createAction(target, {
        ...carriedFields(action),
        stepId: 'h1',
        carriedFrom: { boardId: from.boardId, recordId: action.id },
      });
    }

    const open = openResearchQuestions(source);
    for (const cause of listCauses(source)) {
      if (!cause.needsResearch || cause.text.trim() === '') continue;
      createCause(target, {
        text: cause.text,
        polarity: cause.polarity,
        knowledge: 'denken',
        needsResearch: true,
      });
      result.researchCauses += 1;
    }
    result.questions = [...open.causes, ...open.factors];
    if (result.questions.length > 0) {
      const s1 = stepText(target, 's1');
      appendParagraphs(s1, [`Wat we na "${from.title}" nog niet wisten:`]);
      appendBulletList(s1, result.questions);
    }
  });
  return result;
}

/** Which figures of the new results a carried action asks for: its jaargroep and subject, or the school. */
export interface CarriedFigureQuery {
  grade: number | null;
  subject: string | null;
}

export function carriedFigureQuery(action: Pick<Action, 'focusGrade' | 'focusSubject'>): CarriedFigureQuery {
  const subject = action.focusSubject?.trim() ? action.focusSubject.trim() : null;
  return { grade: action.focusGrade, subject };
}
