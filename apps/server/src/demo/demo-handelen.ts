import type { AnalysisReport, GroupRow } from '@koers/analysis';
import {
  INSTRUCTION_CLUSTERS,
  LESOBSERVATIE,
  createAction,
  createBorging,
  createGroupPlan,
  createLink,
  createTeamLearning,
  listActions,
  setBorgingAnchor,
  setCheckNote,
  setCheckStatus,
  setTeamLearningChoice,
  updateAction,
  type Effect,
} from '@koers/board';
import type * as Y from 'yjs';
import { pctOnI_III, type DemoCanvasIds } from './demo-canvas';

/**
 * Handelen 1–4 of the demo study day: actions with their SMARTI answers, owners (the demo accounts),
 * horizons, success criteria, monitoring and the conclusions and causes they answer; group plans with
 * cluster counts read from the results; team learning; a filled lesson-observation checklist; borging.
 * And "effect vastgesteld?" on the actions carried over from the previous board, answered from the same
 * results. Fictitious, aggregate: no pupil names, ids or scores.
 */

/** The demo accounts' ids (owners are account ids; the app shows the names). */
export interface DemoOwners {
  leider: string;
  leerkracht: string;
}

const STATUS: Record<string, string> = {
  'onder-minimum': 'onder de minimumnorm',
  minimum: 'op de minimumnorm',
  streef: 'op de streefnorm',
  ambitie: 'op de ambitienorm',
};

function classRows(report: AnalysisReport, grade: number, subject: string): GroupRow[] {
  return report.resultsVsNorms.groups.filter(
    (r) => r.level === 'groep' && r.grade === grade && r.subject === subject,
  );
}

/** "Effect vastgesteld?" from the new results: ja at streef or above, nee below the minimum, else deels. */
export function effectFromResults(rows: readonly GroupRow[]): { effect: Effect; note: string } | undefined {
  const parts = rows.flatMap((r) => {
    const share = pctOnI_III(r);
    if (!share) return [];
    const small = share.n < 5 ? ' (n < 5)' : '';
    return [
      `groep ${r.className ?? r.grade}: ${share.pct}% op I–III${small}, ${STATUS[r.status] ?? 'zonder norm'}`,
    ];
  });
  if (parts.length === 0) return undefined;
  const statuses = rows.map((r) => r.status);
  const effect: Effect = statuses.includes('onder-minimum')
    ? 'nee'
    : statuses.every((s) => s === 'streef' || s === 'ambitie')
      ? 'ja'
      : 'deels';
  return { effect, note: `Nieuwe resultaten: ${parts.join('; ')}.` };
}

/** Cluster counts of a class from its level distribution: I verdiept, II–III basis, IV–V intensief. */
function clusters(row: GroupRow): Record<(typeof INSTRUCTION_CLUSTERS)[number], number> {
  const l = row.stats.levels;
  return {
    verdiept: l.I ?? 0,
    basis: (l.II ?? 0) + (l.III ?? 0),
    intensief: (l.IV ?? 0) + (l.V ?? 0),
  };
}

export function fillDemoHandelen(
  doc: Y.Doc,
  input: { report: AnalysisReport; ids: DemoCanvasIds; owners?: DemoOwners },
): void {
  const { report, ids } = input;
  const leider = input.owners?.leider ?? null;
  const anja = input.owners?.leerkracht ?? null;
  const year = report.schoolYear.split('-')[1] ?? '2026';

  // Carried actions: "effect vastgesteld?" against this study day's results.
  for (const action of listActions(doc)) {
    if (!action.carriedFrom || action.focusGrade === null || !action.focusSubject) continue;
    const outcome = effectFromResults(classRows(report, action.focusGrade, action.focusSubject));
    if (!outcome) continue;
    const why =
      outcome.effect === 'nee'
        ? ' De aanpak is door de wisseling van leraren in groep 6 niet ingevoerd: we zetten de actie voort.'
        : outcome.effect === 'deels'
          ? ' Vooruitgang, de streefnorm nog niet: we gaan door en kijken bij de volgende toets opnieuw.'
          : '';
    updateAction(doc, action.id, { effect: outcome.effect, effectNote: `${outcome.note}${why}` });
  }

  // Handelen 1: this study day's own actions.
  const groep6 = createAction(doc, {
    what: 'Leesaanpak volledig invoeren in groep 6, met twee lesbezoeken en nabespreking',
    aim: 'Groep 6 haalt bij de volgende M-toets begrijpend lezen ten minste de minimumnorm.',
    specifiek: 'Elke les begrijpend lezen in groep 6 volgt de vijf stappen van de leesaanpak.',
    meetbaar: 'Twee lesbezoeken met de kijkwijzer; de methodetoets van april.',
    acceptabel: 'De leerkrachten van groep 6 hebben de aanpak zelf gekozen op de studiedag.',
    realistisch: 'De materialen liggen klaar; de bouwcoördinator begeleidt de eerste weken.',
    tijdgebonden: 'Ingevoerd vóór de meivakantie; lesbezoeken in week 3 en week 6.',
    inspirerend: 'Groep 5 en 7 laten zien wat het oplevert.',
    ownerId: anja,
    horizon: '4-6-weken',
    dueDate: `${year}-04-24`,
    successCriterion: 'Bij de methodetoets van april scoort 75% van groep 6 voldoende op samenvatten.',
    measuredBy: 'Methodetoets begrijpend lezen blok 5 en twee lesbezoeken met de kijkwijzer',
    monitorWho: 'IB-er',
    monitorWhen: 'week 3 en week 6 na de studiedag',
    monitorHow: 'Lesbezoek met de kijkwijzer lesobservatie en een nabespreking van een half uur',
    collaboration:
      'De bouwcoördinator middenbouw deelt materialen; een collega van groep 5 laat een les zien.',
    feasible: true,
    focusGrade: 6,
    focusSubject: 'Begrijpend lezen',
  });
  createLink(doc, { from: groep6, to: ids.conclusions.now, relation: 'beantwoordt' });
  createLink(doc, { from: groep6, to: ids.causes.interrupted, relation: 'beantwoordt' });

  const practice = createAction(doc, {
    what: 'Dagelijks 10 minuten extra inoefening van samenvatten in groep 6 en 7',
    aim: 'Meer leerlingen vatten een tekst in eigen woorden samen.',
    specifiek: 'Na elke leesles tien minuten samenvatten in tweetallen, met een vaste kaart.',
    meetbaar: 'Leerlingwerk: aandeel eigen samenvattingen in een steekproef van tien schriften.',
    acceptabel: 'Past binnen de leestijd; geen nieuwe methode nodig.',
    realistisch: 'Tien minuten per dag is haalbaar naast de methode.',
    tijdgebonden: 'Van de week na de studiedag tot de zomervakantie.',
    inspirerend: 'Leerlingen kiezen zelf een tekst uit de klassenbieb.',
    ownerId: anja,
    horizon: '3-maanden',
    dueDate: `${year}-06-26`,
    successCriterion: 'In de steekproef van juni is de helft van de antwoorden een eigen samenvatting.',
    measuredBy: 'Steekproef leerlingwerk door de IB-er',
    monitorWho: 'Leerkrachten groep 6 en 7',
    monitorWhen: 'elke vier weken in de bouwvergadering',
    monitorHow: 'Twee schriften per groep bespreken; bijsturen als het niet lukt.',
    collaboration: 'Groep 6 en 7 maken samen de samenvatkaart.',
    feasible: true,
    focusGrade: 7,
    focusSubject: 'Begrijpend lezen',
  });
  createLink(doc, { from: practice, to: ids.causes.practice, relation: 'beantwoordt' });
  createLink(doc, { from: practice, to: ids.conclusions.worry, relation: 'beantwoordt' });

  const extend = createAction(doc, {
    what: 'Hardop modelen van leesstrategieën uitbreiden naar groep 8',
    aim: 'Ook groep 8 profiteert van de aanpak die in groep 5 en 7 werkt.',
    specifiek: 'De leerkracht van groep 8 doet twee keer per week een strategie hardop voor.',
    meetbaar: 'Lesbezoek; M-toets begrijpend lezen van volgend jaar.',
    acceptabel: 'Besproken en gedragen in de bovenbouw.',
    realistisch: 'Na een voorbeeldles in groep 7.',
    tijdgebonden: 'Start na de zomervakantie.',
    inspirerend: 'Leerlingen van groep 7 vertellen groep 8 hoe het helpt.',
    ownerId: leider,
    horizon: 'volgend-jaar',
    dueDate: `${year}-10-01`,
    successCriterion: 'Groep 8 haalt volgend jaar bij de M-toets de streefnorm begrijpend lezen.',
    measuredBy: 'M-toets begrijpend lezen groep 8',
    monitorWho: 'Directeur',
    monitorWhen: 'oktober en januari',
    monitorHow: 'Lesbezoek en gesprek met de leerkracht',
    feasible: true,
    focusGrade: 8,
    focusSubject: 'Begrijpend lezen',
  });
  createLink(doc, { from: extend, to: ids.conclusions.strengthen, relation: 'beantwoordt' });
  createLink(doc, { from: extend, to: ids.causes.modelling, relation: 'beantwoordt' });

  const nt2 = createAction(doc, {
    what: 'Woordenschatinstructie voor NT2-leerlingen afstemmen met de taalspecialist',
    aim: 'NT2-leerlingen begrijpen de woorden van de leesteksten voordat ze gaan lezen.',
    specifiek: 'Voorbespreken van vijf kernwoorden per tekst, in groep 5 t/m 8.',
    meetbaar: 'Woordenschattoets van de methode.',
    acceptabel: 'De taalspecialist ondersteunt.',
    realistisch: 'Eerst onderzoeken hoeveel leestijd er echt is.',
    tijdgebonden: 'Plan voor het nieuwe schooljaar klaar in juni.',
    inspirerend: 'Leerlingen maken een eigen woordmuur.',
    ownerId: leider,
    horizon: 'half-jaar',
    dueDate: `${year}-06-12`,
    successCriterion: 'Er ligt een gedragen plan met de taalspecialist.',
    measuredBy: 'Het plan is besproken in de teamvergadering van juni',
    monitorWho: 'IB-er en taalspecialist',
    monitorWhen: 'maart en mei',
    monitorHow: 'Voortgangsgesprek',
    feasible: null,
  });
  createLink(doc, { from: nt2, to: ids.conclusions.later, relation: 'beantwoordt' });
  createLink(doc, { from: nt2, to: ids.causes.nt2, relation: 'beantwoordt' });

  // Group plans of groep 6 (from its results: counts only, never who).
  for (const row of classRows(report, 6, 'Begrijpend lezen')) {
    createGroupPlan(doc, {
      groupLabel: `Groep ${row.className ?? row.grade}`,
      goals: 'Begrijpend lezen: samenvatten en verbanden leggen op niveau; bij de M-toets de minimumnorm.',
      ...clusters(row),
      changes:
        'Verlengde instructie voor de intensieve groep op dinsdag en donderdag; de verdiepte groep werkt met eigen teksten.',
      stepId: 'h1',
    });
  }

  // Handelen 2: team learning.
  const learning = createTeamLearning(doc, {
    text: 'Hardop modelen van leesstrategieën, zoals in groep 5 en 7',
    need: 'vaardigheden',
    scope: 'team',
    leadershipSupport: 'Tijd in het rooster voor lesbezoeken bij elkaar; de directeur neemt een groep over.',
    aim: 'Voor de zomer modelt elke leerkracht van groep 5 t/m 8 twee keer per week een strategie hardop.',
    specifiek: 'Elke leerkracht bezoekt één les in groep 5 of 7.',
    meetbaar: 'Lesbezoeken afgetekend op het rooster.',
    tijdgebonden: 'Voor de meivakantie.',
  });
  setTeamLearningChoice(doc, learning, 'forms', 'lesbezoeken', true);
  setTeamLearningChoice(doc, learning, 'forms', 'intervisie', true);
  setTeamLearningChoice(doc, learning, 'supportOptions', 'os:6', true);
  setTeamLearningChoice(doc, learning, 'supportOptions', 'os:2', true);
  setTeamLearningChoice(doc, learning, 'trainingOptions', 'os:9', true);
  const coaching = createTeamLearning(doc, {
    text: 'Begeleiding van de leerkrachten van groep 6 bij de start van de leesaanpak',
    need: 'routines',
    scope: 'individueel',
    leadershipSupport: 'De IB-er krijgt twee uur per week voor coaching.',
    aim: 'De leerkrachten van groep 6 voeren de vijf stappen zelfstandig uit.',
  });
  setTeamLearningChoice(doc, coaching, 'forms', 'coaching', true);
  setTeamLearningChoice(doc, coaching, 'supportOptions', 'os:5', true);

  // Handelen 3: the lesson-observation checklist of the first visit in groep 6.
  const observed: Record<number, ['ja' | 'twijfel' | 'nee', string?]> = {
    1: ['ja'],
    2: ['ja', 'Doel op het bord en hardop genoemd.'],
    3: ['twijfel', 'De stappen van de leesaanpak liepen door elkaar.'],
    4: ['nee', 'Na het voordoen direct zelfstandig werken; geen begeleide inoefening.'],
    5: ['ja', 'Strategie "voorspellen" goed voorgedaan.'],
    6: ['twijfel'],
    7: ['nee', 'Alleen vingers; geen wisbordjes of beurtenstokjes.'],
    9: ['ja'],
    12: ['twijfel', 'Vijf minuten kwijt aan het uitdelen van de teksten.'],
  };
  LESOBSERVATIE.forEach((_, index) => {
    const answer = observed[index + 1];
    if (!answer) return;
    setCheckStatus(doc, 'lesobservatie', String(index + 1), answer[0]);
    if (answer[1]) setCheckNote(doc, 'lesobservatie', String(index + 1), answer[1]);
  });

  // Handelen 4: borging.
  const approach = createBorging(doc, {
    insight: 'De vijf stappen van de leesaanpak met dagelijks hardop modelen (werkt in groep 5 en 7).',
    who: 'Bouwcoördinatoren en de IB-er',
    how: 'Vastleggen in het leesbeleid en elk jaar een voorbeeldles voor nieuwe collega’s.',
  });
  setBorgingAnchor(doc, approach, 'leerlijnen', true);
  setBorgingAnchor(doc, approach, 'afspraken', true);
  const handover = createBorging(doc, {
    insight: 'Een overdracht van de leesaanpak bij elke wisseling van leraren of invaller.',
    who: 'Directeur',
    how: 'Een overdrachtsmap per groep en een gesprek met de IB-er in de eerste week.',
  });
  setBorgingAnchor(doc, handover, 'beleid', true);
  setBorgingAnchor(doc, handover, 'cultuur', true);
}
