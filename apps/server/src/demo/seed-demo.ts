import { appendBulletList, appendParagraphs, setStepDone, stepText, type StepId } from '@koers/board';
import type * as Y from 'yjs';
import { createBoard } from '../boards/create-board';
import type { BoardRecord, BoardStore } from '../storage/board-store';
import { fillDemoCanvas, type DemoCanvasInput } from './demo-canvas';

export const DEMO_BOARD_TITLE = 'Demo: Studiedag februari — Basisschool De Vlinder';

interface DemoStep {
  id: StepId;
  paragraphs?: readonly string[];
  bullets?: readonly string[];
  after?: readonly string[];
  done?: boolean;
}

/**
 * Fictitious content for a school that does not exist. Aggregate statements only: no pupil names, ids or
 * individual scores ever go into a board document (its history cannot be erased).
 */
const DEMO_STEPS: readonly DemoStep[] = [
  {
    id: 's1',
    paragraphs: [
      'Aanleiding: de nieuwe leesaanpak draait een jaar in de middenbouw. Het team wil weten of die werkt en wat groep 6 nodig heeft.',
    ],
    bullets: [
      'Begrijpen: waarom groep 6 al twee afnames achterblijft',
      'Verbeteren: instructie bij tekststructuren',
      'Borgen: de aanpak van technisch lezen in groep 3 en 4',
    ],
    done: true,
  },
  {
    id: 's2',
    paragraphs: ['Schoolnorm begrijpend lezen (vastgesteld in het team, september):'],
    bullets: [
      'Minimumnorm: 75% van de leerlingen scoort op niveau I–III',
      'Streefnorm: 80% op I–III',
      'Ambitienorm: 40% op niveau I',
      'Referentieniveaus groep 8: 95% 1F, 60% 2F',
    ],
    after: [
      'De normen passen bij onze populatie (schoolweging 31,2); de ambitienorm vinden we nog niet gedeeld met het hele team.',
    ],
    done: true,
  },
  {
    id: 's3',
    paragraphs: [
      'Alle toetsen zijn in de toetsperiode januari afgenomen volgens de handleiding.',
      'Groep 7 heeft de toets in twee delen gemaakt door de griepgolf; vier leerlingen hebben ingehaald.',
      'De invoer is compleet en door de IB-er gecontroleerd. Twee leerlingen met een eigen leerlijn zijn buiten de groepsgemiddelden gehouden.',
    ],
    done: true,
  },
  {
    id: 's4',
    paragraphs: [
      'Feiten, geen interpretatie. De feitenkaarten hierboven komen rechtstreeks uit de grafieken; hier noteren we wat verder opvalt.',
    ],
  },
  {
    id: 's5',
    paragraphs: [
      'Het cohort dat nu in groep 6 zit, zat in groep 4 en 5 ook al onder de streefnorm: dit lijkt structureel, niet incidenteel.',
    ],
  },
  {
    id: 's7',
    paragraphs: [
      'Kernvraag: vertellen de bronnen hetzelfde verhaal? Grotendeels ja, behalve op woordenschat.',
    ],
  },
  {
    id: 's8',
    paragraphs: [
      'Wat valt op: groep 6 heeft de meeste min-tekens, vooral bij instructie, inoefening en de wisseling van leraren.',
      'Wat vraagt nog nader onderzoek: hoeveel effectieve leestijd groep 6 per week echt heeft gehad.',
    ],
  },
  {
    id: 's9',
    paragraphs: [
      'Denken we dit of weten we dit? De invloed van de invallers denken we; de leestijd per week weten we nog niet.',
    ],
  },
  {
    id: 'h1',
    bullets: [
      'Leesaanpak volledig invoeren in groep 6 vóór de meivakantie (eigenaar: bouwcoördinator middenbouw)',
      'Twee lesbezoeken met nabespreking in groep 6, gericht op modelen van leesstrategieën (IB-er, binnen 6 weken)',
      'Dagelijks 10 minuten extra inoefening van samenvatten in groep 6 en 7',
      'Woordenschatinstructie voor NT2-leerlingen afstemmen met de taalspecialist',
    ],
    after: [
      'Tevreden als groep 6 bij de E-toets ten minste de minimumnorm haalt; tussentijds meten met de methodetoets van april.',
    ],
  },
];

function fillDemo(doc: Y.Doc, canvas: DemoCanvasInput | undefined): void {
  doc.transact(() => {
    if (canvas) fillDemoCanvas(doc, canvas);
    for (const step of DEMO_STEPS) {
      const text = stepText(doc, step.id);
      if (step.paragraphs) appendParagraphs(text, step.paragraphs);
      if (step.bullets) appendBulletList(text, step.bullets);
      if (step.after) appendParagraphs(text, step.after);
      if (step.done) setStepDone(doc, step.id, true);
    }
  });
}

/**
 * Create the demo board on an empty database, so a newcomer sees a filled board at once: the rich text of
 * the steps and, with `canvas`, the typed things (charts, facts from the data, sources, the factor grid,
 * causes, conclusions). Idempotent: does nothing when any board exists. Returns the created board, or undefined when there was nothing to do.
 */
export async function seedDemo(
  store: BoardStore,
  options: { schoolId?: string | null; now?: Date; canvas?: DemoCanvasInput } = {},
): Promise<BoardRecord | undefined> {
  if ((await store.countBoards()) > 0) return undefined;
  return createBoard(store, {
    title: DEMO_BOARD_TITLE,
    schoolId: options.schoolId ?? null,
    now: options.now ?? new Date(),
    fill: (doc) => fillDemo(doc, options.canvas),
  });
}
