import {
  appendBulletList,
  appendParagraphs,
  fillNextCycle,
  migrateBoard,
  setStepDone,
  stepText,
  type StepId,
} from '@koers/board';
import * as Y from 'yjs';
import { createBoard } from '../boards/create-board';
import type { BoardRecord, BoardStore } from '../storage/board-store';
import { fillDemoCanvas, type DemoCanvasInput } from './demo-canvas';
import { fillDemoHandelen, type DemoOwners } from './demo-handelen';
import { DEMO_PREVIOUS_BOARD_TITLE, fillDemoPreviousCycle } from './demo-previous-cycle';

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
  // Step 2's norms are carried over from the previous board ("Nieuw bord vanuit dit bord").
  { id: 's2', done: true },
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
    paragraphs: [
      'Eerst: wat hebben de acties van september opgeleverd? Daarna de nieuwe acties, per termijn, met eigenaar en succescriterium.',
    ],
  },
  {
    id: 's11',
    paragraphs: [
      'Begrijpend lezen groeit waar de nieuwe leesaanpak volledig is ingevoerd (groep 5 en 7); groep 6, waar de aanpak door de wisseling van leraren niet is ingevoerd, ligt onder de minimumnorm.',
      'Op korte termijn voeren we de leesaanpak in groep 6 alsnog volledig in, met lesbezoeken en extra inoefening van samenvatten. Volgend jaar breiden we hardop modelen uit naar groep 8 en leggen we de aanpak vast in het leesbeleid.',
      'Wat we nog niet weten: hoeveel effectieve leestijd groep 6 per week heeft gehad, en of NT2-leerlingen de langere teksten begrijpen. Dat zoeken we uit voor de volgende studiedag.',
    ],
  },
];

function fillDemo(doc: Y.Doc, canvas: DemoCanvasInput | undefined, owners: DemoOwners | undefined): void {
  doc.transact(() => {
    if (canvas) {
      const ids = fillDemoCanvas(doc, canvas);
      fillDemoHandelen(doc, { report: canvas.report, ids, ...(owners ? { owners } : {}) });
    }
    for (const step of DEMO_STEPS) {
      const text = stepText(doc, step.id);
      if (step.paragraphs) appendParagraphs(text, step.paragraphs);
      if (step.bullets) appendBulletList(text, step.bullets);
      if (step.after) appendParagraphs(text, step.after);
      if (step.done) setStepDone(doc, step.id, true);
    }
  });
}

/** How long before the demo board the previous cycle's study day was. */
const PREVIOUS_CYCLE_DAYS = 150;

/**
 * Create the demo boards on an empty database, so a newcomer sees a filled board at once: first the previous
 * cycle's board, then the demo board made from it with "Nieuw bord vanuit dit bord" (`fillNextCycle`, as the
 * route does: its question, norms, open actions and open questions carried over), filled with the rich text
 * of the steps and, with `canvas`, the typed things (charts, facts from the data, sources, the factor grid,
 * causes, conclusions, Handelen 1–4, "effect vastgesteld?" on the carried actions). `owners` are the demo
 * accounts. Idempotent: does nothing when any board exists. Returns the demo board, or undefined when there
 * was nothing to do.
 */
export async function seedDemo(
  store: BoardStore,
  options: { schoolId?: string | null; now?: Date; canvas?: DemoCanvasInput; owners?: DemoOwners } = {},
): Promise<BoardRecord | undefined> {
  if ((await store.countBoards()) > 0) return undefined;
  const now = options.now ?? new Date();
  let previousState: Uint8Array | undefined;
  const previous = await createBoard(store, {
    title: DEMO_PREVIOUS_BOARD_TITLE,
    schoolId: options.schoolId ?? null,
    now: new Date(now.getTime() - PREVIOUS_CYCLE_DAYS * 24 * 3600 * 1000),
    fill: (doc) => {
      fillDemoPreviousCycle(doc, {
        ...(options.canvas ? { datasetId: options.canvas.datasetId, report: options.canvas.report } : {}),
        ...(options.owners ? { owners: options.owners } : {}),
      });
      previousState = Y.encodeStateAsUpdate(doc);
    },
  });
  const source = new Y.Doc();
  try {
    if (previousState) Y.applyUpdate(source, previousState);
    migrateBoard(source);
    return await createBoard(store, {
      title: DEMO_BOARD_TITLE,
      schoolId: options.schoolId ?? null,
      now,
      fill: (doc) => {
        fillNextCycle(doc, source, { boardId: previous.id, title: DEMO_PREVIOUS_BOARD_TITLE });
        fillDemo(doc, options.canvas, options.owners);
      },
    });
  } finally {
    source.destroy();
  }
}
