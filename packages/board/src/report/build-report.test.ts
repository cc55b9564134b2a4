import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initBoard } from '../create-board';
import { setCheckNote, setCheckStatus } from '../checks';
import { listActions, updateAction } from '../records/action';
import { createChartView } from '../records/chart-view';
import { createFact } from '../records/fact';
import { boardToJSON } from '../to-json';
import { buildReport, REPORT_SECTION_IDS, type Report, type ReportSectionId } from './build-report';
import { fillExampleStudyDay } from './example-board';
import { formatDate, formatValue } from './format-value';

function exampleReport(): { report: Report; normen: string; trend: string } {
  const doc = new Y.Doc();
  const { chartViews } = fillExampleStudyDay(doc);
  // One action closed by the team: it moves to "Afgerond", without flags.
  const visits = listActions(doc).find((a) => a.what === 'Lesbezoeken rekenen in alle groepen')!;
  updateAction(doc, visits.id, { done: true });
  const charts = [
    {
      viewId: chartViews.normen,
      stepId: 's4' as const,
      title: 'Rekenen-Wiskunde M: niveauverdeling',
      spec: { x: 1 },
    },
    {
      viewId: chartViews.trend,
      stepId: 's5' as const,
      title: 'Trend rekenen groep 6',
      spec: null,
      unavailable: 'De dataset is verwijderd.',
    },
  ];
  const report = buildReport(boardToJSON(doc), charts, {
    ownerNames: { 'user-anja': 'Anja de Vries' },
    date: new Date('2026-12-01T10:00:00Z'),
  });
  return { report, ...chartViews };
}

/** A section as heading → lines, with details indented and flags after "!", to compare by hand. */
function lines(report: Report, id: ReportSectionId): string[] {
  const section = report.sections.find((s) => s.id === id)!;
  return section.groups.flatMap((g) => [
    ...(g.title ? [`## ${g.title}`] : []),
    ...g.items.flatMap((i) => [i.text, ...i.details.map((d) => `  ${d}`), ...i.flags.map((f) => `  ! ${f}`)]),
  ]);
}

describe('buildReport: step 11 from a known board', () => {
  const { report, normen, trend } = exampleReport();

  it('has the title, date, step 1 question, the team text and the seed questions in order', () => {
    expect(report.title).toBe('Studiedag groep 6');
    expect(report.date).toBe('2026-12-01');
    expect(report.question).toBe('Waarom blijft rekenen in groep 6 achter bij de minimumnorm?');
    expect(report.decision).toBe('Welke rekenaanpak zetten we na de kerst in?');
    expect(report.teamText).toBe(
      'Rekenen in groep 6 vraagt nu aandacht; spelling gaat goed.\nWe beginnen na de kerst met begeleide inoefening.',
    );
    expect(report.sections.map((s) => s.id)).toEqual([...REPORT_SECTION_IDS]);
    expect(report.sections.map((s) => s.title)).toEqual([
      'Welke data en bronnen hebben we gebruikt?',
      'Waar staan we nu t.o.v. doelen en normen?',
      'Welke trends zien we?',
      'Wat zijn de meest waarschijnlijke oorzaken voor positieve resultaten?',
      'Wat zijn de meest waarschijnlijke oorzaken voor tegenvallende resultaten?',
      'Wat weten we nog niet en vraagt om aanvullend onderzoek?',
      'Welke zorgsignalen zien we?',
      'Wat hebben we te doen?',
      'Welke nieuwe doelen stellen we?',
    ]);
  });

  it('data and sources: the charts, the triangulation sources and the circumstances of step 3', () => {
    expect(lines(report, 'data')).toEqual([
      '## Grafieken op het bord',
      'Rekenen-Wiskunde M: niveauverdeling',
      'Trend rekenen groep 6',
      '  De dataset is verwijderd.',
      '## Andere bronnen (trianguleren)',
      'Observaties (instructiebehoefte, taakaanpak, betrokkenheid, strategieën, zelfsturing): Na de instructie wordt weinig ingeoefend',
      '  Vertelt hetzelfde verhaal: ja',
      'Andere (bijv. methodegebonden) toetsen: Methodetoetsen blok 3 voldoende',
      '  Vertelt hetzelfde verhaal: deels',
      '## Omstandigheden bij de afname',
      'Groep 6 maakte de M-toets in de week na de griepgolf',
    ]);
  });

  it('against the norms: step-4 facts with their value and n (n < 5 marked), patterns, 10a conclusions without zorgsignalen, the step-4 chart', () => {
    expect(lines(report, 'normen')).toEqual([
      '## Feiten',
      'Groep 6 haalt de minimumnorm rekenen niet',
      '  Groep 6 · % I–III: 48,5% (n = 24)',
      'De NT2-leerlingen van groep 6 scoren lager',
      '  Groep 6 NT2 · % I–III: 33,3% (n < 5)',
      '## Patronen',
      'Het domein bewerkingen valt het meest uit',
      '## Conclusies over de resultaten',
      'Gaat niet goed: Rekenen groep 6 ligt onder de minimumnorm',
      'Gaat goed: Spelling ligt op streefniveau',
    ]);
    expect(report.sections[1]?.charts.map((c) => c.viewId)).toEqual([normen]);
  });

  it('trends: the step-5 facts and the step-5 chart', () => {
    expect(lines(report, 'trends')).toEqual([
      'Rekenen in groep 6 daalt drie metingen op rij',
      'Spelling stijgt in alle jaargroepen',
    ]);
    expect(report.sections[2]?.charts.map((c) => c.viewId)).toEqual([trend]);
  });

  it('causes by polarity, kernoorzaak first, with evidence for and against and alternatives; research causes left out', () => {
    expect(lines(report, 'oorzaken-positief')).toEqual([
      'Het vaste spellinguur met directe instructie',
      '  Kernoorzaak · dit denken we',
    ]);
    expect(lines(report, 'oorzaken-negatief')).toEqual([
      'Te weinig inoefening na elke instructiestap',
      '  Kernoorzaak · dit weten we · herkend door 2 teamleden',
      '  Ondersteund door: Groep 6 haalt de minimumnorm rekenen niet',
      '  Ondersteund door: Observaties (instructiebehoefte, taakaanpak, betrokkenheid, strategieën, zelfsturing): Na de instructie wordt weinig ingeoefend',
      '  Alternatief: Veel wisselende invallers in groep 6',
      'Veel wisselende invallers in groep 6',
      '  dit denken we',
      '  Ontkracht door: Rekenen in groep 6 daalt drie metingen op rij',
      '  Alternatief: Te weinig inoefening na elke instructiestap',
    ]);
  });

  it('what we do not know: causes marked for research and the factor rows with ? naming their columns (a 3-column grid: one ? counts)', () => {
    expect(lines(report, 'onbekend')).toEqual([
      '## Oorzaken die aanvullend onderzoek vragen',
      'Invloed van de nieuwe rekenmethode',
      '## Factoren die we niet weten (? in de procesinformatie)',
      'De methode heeft hiaten',
      '  Weten we niet: Groep 5, Groep 6',
      'De groep heeft te veel zorgleerlingen',
      '  Weten we niet: Groep 7',
    ]);
  });

  it('zorgsignalen: the 10a conclusions of that category', () => {
    expect(lines(report, 'zorgsignalen')).toEqual(['Een kwart van groep 6 valt terug naar niveau V']);
  });

  it('actions per horizon with focus, owner, criterion and what they answer; missing owner, criterion or date flagged; a closed action under Afgerond without flags', () => {
    expect(lines(report, 'acties')).toEqual([
      '## Korte termijn (komende vier tot zes weken)',
      'Na elke instructiestap vijf minuten begeleid inoefenen',
      '  Doel: Groep 6 haalt bij E de minimumnorm rekenen',
      '  Richt zich op: groep 6 · Rekenen-Wiskunde',
      '  Eigenaar: Anja de Vries',
      '  Succescriterium: 80% haalt de methodetoets van blok 4',
      '  Hoe we dat meten: Methodetoets blok 4',
      '  Klaar op: 22 januari 2027',
      '  Monitoring: IB-er · week 3 en 6 · lesbezoek met de kijkwijzer',
      '  Beantwoordt: Te weinig inoefening na elke instructiestap',
      '  Beantwoordt: Een kwart van groep 6 valt terug naar niveau V',
      '## Mee naar volgend jaar',
      'Rekenmethode evalueren',
      '  Eigenaar: onbekend',
      '  ! Geen succescriterium',
      '  ! Geen datum',
      '## Mee richting een nieuw schoolplan',
      'Rekenbeleid herschrijven',
      '  ! Geen eigenaar',
      '  ! Geen succescriterium',
      '  ! Geen datum',
      '## Afgerond',
      'Lesbezoeken rekenen in alle groepen',
      '  Termijn: 3 maanden',
      '  Klaar op: 1 maart 2027',
      '## Teamleren en professionalisering',
      'Expliciete directe instructie met inoefening',
      '  Wat we leren: vaardigheden · voor het hele team',
      '  Vorm: Lesbezoeken',
      '  Ondersteuning: Coaching IB-er, Scholing effectieve instructie',
      '  Van de leiding: Tijd in het rooster voor lesbezoeken',
      '## Borgen',
      'Het vaste spellinguur werkt',
      '  Verankerd in: Afspraken',
      '  Wie: Taalcoördinator',
      '  Hoe structureel: Opnemen in het kwaliteitshandboek',
    ]);
  });

  it('new goals: the group plans with their cluster counts, and the aims of actions and team learning', () => {
    expect(lines(report, 'doelen')).toEqual([
      '## Per groep',
      'Groep 6: Tafels tot 10 geautomatiseerd',
      '  Instructiegroepen: Basis 17 · Intensief 6 · Verdiept 3',
      '  Wat verandert in het groepsplan: Verlengde instructie op dinsdag en donderdag',
      '## Bij de acties',
      'Groep 6 haalt bij E de minimumnorm rekenen',
      '  Actie: Na elke instructiestap vijf minuten begeleid inoefenen',
      '## Voor het team',
      'Voor de zomer geeft elke leraar de les in kleine stappen met inoefening',
      '  Teamleren: Expliciete directe instructie met inoefening',
    ]);
  });

  it('an empty board gives every section with its empty text and nothing else', () => {
    const doc = new Y.Doc();
    initBoard(doc, { title: 'Leeg', createdAt: new Date('2026-11-01T00:00:00Z') });
    const empty = buildReport(boardToJSON(doc), []);
    expect(empty.sections.every((s) => s.groups.length === 0 && s.charts.length === 0)).toBe(true);
    expect(empty.sections.find((s) => s.id === 'zorgsignalen')?.emptyText).toBe(
      'Geen zorgsignalen genoteerd.',
    );
    expect(empty.teamText).toBe('');
  });
});

describe('buildReport: facts made from a chart', () => {
  it('leaves out a data point the fact already states with its n, keeps it when it does not or the group is small', () => {
    const doc = new Y.Doc();
    initBoard(doc, { title: 'Studiedag', createdAt: new Date('2026-11-01T00:00:00Z') });
    const viewId = createChartView(doc, {
      stepId: 's4',
      datasetId: 'ds',
      analysisKind: 'normen',
      filters: {},
    });
    const point = (value: number, n: number) => ({
      viewId,
      key: `k${value}`,
      label: 'Groep 6A · Begrijpend lezen · E',
      value,
      n,
      unit: '% op I–III',
    });
    createFact(doc, {
      stepId: 's4',
      text: 'Groep 6A: 46% op I–III, n = 24 — onder de minimumnorm',
      dataPoint: point(46, 24),
    });
    createFact(doc, { stepId: 's4', text: 'Groep 6A blijft achter', dataPoint: point(46, 24) });
    createFact(doc, { stepId: 's4', text: 'Groep 6N: 33,3% op I–III', dataPoint: point(33.3, 3) });
    const report = buildReport(boardToJSON(doc), [], { school: 'Basisschool De Vlinder' });
    expect(report.school).toBe('Basisschool De Vlinder');
    expect(lines(report, 'normen')).toEqual([
      '## Feiten',
      'Groep 6A: 46% op I–III, n = 24 — onder de minimumnorm',
      'Groep 6A blijft achter',
      '  Groep 6A · Begrijpend lezen · E: 46% op I–III (n = 24)',
      'Groep 6N: 33,3% op I–III',
      '  Groep 6A · Begrijpend lezen · E: 33,3% op I–III (n < 5)',
    ]);
  });
});

describe('buildReport: the checklists', () => {
  it('gives the answered items of the reliability, norms and lesson-observation checklists with their notes, in their sections', () => {
    const doc = new Y.Doc();
    initBoard(doc, { title: 'Studiedag', createdAt: new Date('2026-11-01T00:00:00Z') });
    setCheckStatus(doc, 'betrouwbaarheid', 'omstandigheden', 'twijfel');
    setCheckNote(doc, 'betrouwbaarheid', 'omstandigheden', 'Griepgolf in de toetsperiode.');
    setCheckStatus(doc, 'normen', 'helder', 'ja');
    setCheckStatus(doc, 'lesobservatie', '1', 'nee');
    const report = buildReport(boardToJSON(doc), []);
    expect(lines(report, 'data')).toEqual([
      '## Betrouwbaarheid van de toetsgegevens (gecheckt)',
      'Waren er omstandigheden die de afname hebben beïnvloed en de resultaten kunnen vertekenen? — twijfel',
      '  Griepgolf in de toetsperiode.',
    ]);
    expect(lines(report, 'normen')).toEqual([
      '## Zijn de doelen en normen helder, gedeeld en ambitieus?',
      'Helder — ja',
    ]);
    expect(lines(report, 'acties')).toEqual([
      '## Lesobservatie (kijkwijzer)',
      expect.stringMatching(/ — nee$/),
    ]);
  });
});

describe('report values', () => {
  it('never gives the exact n of a group under five', () => {
    expect(formatValue(50, '%', 4)).toBe('50% (n < 5)');
    expect(formatValue(62.25, '%', 5)).toBe('62,3% (n = 5)');
    expect(formatValue(212, 'vaardigheidsscore', 30)).toBe('212 vaardigheidsscore (n = 30)');
    expect(formatValue(46, '% op I–III', 24)).toBe('46% op I–III (n = 24)');
    expect(formatDate('2026-12-01')).toBe('1 december 2026');
  });
});
