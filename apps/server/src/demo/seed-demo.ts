import { appendBulletList, appendParagraphs, setStepDone, stepText, type StepId } from '@koers/board';
import type * as Y from 'yjs';
import { createBoard } from '../boards/create-board';
import type { BoardRecord, BoardStore } from '../storage/board-store';

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
      'Hoe staat begrijpend lezen ervoor in groep 5 t/m 8 na de M-toetsen van dit schooljaar?',
      'We hebben de analyse nodig voor de keuze om de nieuwe leesaanpak in de middenbouw wel of niet uit te breiden naar de bovenbouw.',
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
    paragraphs: ['Feiten, geen interpretatie:'],
    bullets: [
      'Groep 5: 82% op I–III — boven de streefnorm',
      'Groep 6: 68% op I–III — onder de minimumnorm',
      'Groep 7: 77% op I–III — tussen minimum- en streefnorm',
      'Groep 8: 85% op I–III, 38% op niveau I — net onder de ambitienorm',
      'NT2-leerlingen in groep 6 en 7 scoren gemiddeld een niveau lager dan de rest van de groep',
    ],
  },
  {
    id: 's5',
    paragraphs: [
      'Schoolniveau: de afgelopen drie jaar stabiel rond 78% op I–III.',
      'Groep 6 (dit cohort) zat in groep 4 en 5 ook al onder de streefnorm: dit lijkt structureel, niet incidenteel.',
      'Het cohort dat nu in groep 8 zit laat sinds groep 6 een stijgende lijn zien, vooral op het domein tekstbegrip.',
    ],
  },
  {
    id: 's7',
    bullets: [
      'Methodetoetsen groep 6: voldoende op woordenschat, zwak op samenvatten en verbanden leggen',
      'Observaties: korte instructie, weinig modelen van leesstrategieën hardop',
      'Leerlingwerk: veel antwoorden letterlijk overgenomen uit de tekst',
      'Groep 6 had dit jaar drie invallers in de periode november–december',
      'Leerkrachten groep 5 en 6: de leesaanpak is in groep 6 nog niet volledig ingevoerd',
    ],
    after: ['Kernvraag: vertellen de bronnen hetzelfde verhaal? Grotendeels ja, behalve op woordenschat.'],
  },
  {
    id: 's8',
    bullets: [
      '+ De doelen zijn helder en gedeeld in de middenbouw',
      '– Er heeft een wisseling van leraren plaatsgevonden (groep 6)',
      '– Er is te weinig tijd voor directe inoefening',
      '? De leerstof uit de methode is niet tot het eind behandeld',
      '? Er is geen afstemming tussen duo-leraren',
    ],
    after: ['Wat vraagt nog nader onderzoek: hoeveel effectieve leestijd groep 6 per week echt heeft gehad.'],
  },
  {
    id: 's9',
    paragraphs: [
      'Positief: de nieuwe leesaanpak met dagelijks modelen in groep 5 lijkt bij te dragen — meerdere bronnen (toets, observatie, leerlingwerk) wijzen dezelfde kant op.',
      'Tegenvallend in groep 6: mogelijke kernoorzaak is de onderbroken instructie door de wisseling van leraren, in combinatie met te weinig inoefening van strategieën.',
      'Alternatieve verklaring: de groep heeft relatief veel NT2-leerlingen; dat verklaart het verschil maar deels, want ook de andere leerlingen scoren lager dan vorig jaar.',
      'Denken we dit of weten we dit? De leestijd per week weten we nog niet: aanvullend onderzoek nodig.',
    ],
  },
  {
    id: 's10a',
    bullets: [
      'Groep 5 en 8 liggen op of boven het verwachte niveau',
      'Zorgsignaal: groep 6 voor de derde afname onder de minimumnorm',
      'Aandachtspunt: NT2-leerlingen in groep 6 en 7 op tekstbegrip',
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

function fillDemo(doc: Y.Doc): void {
  doc.transact(() => {
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
 * Create the demo board on an empty database, so a newcomer sees a filled board at once. Idempotent: does
 * nothing when any board exists. Returns the created board, or undefined when there was nothing to do.
 */
export async function seedDemo(
  store: BoardStore,
  options: { schoolId?: string | null; now?: Date } = {},
): Promise<BoardRecord | undefined> {
  if ((await store.countBoards()) > 0) return undefined;
  return createBoard(store, {
    title: DEMO_BOARD_TITLE,
    schoolId: options.schoolId ?? null,
    now: options.now ?? new Date(),
    fill: fillDemo,
  });
}
