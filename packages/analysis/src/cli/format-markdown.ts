/**
 * The report as Markdown with Dutch headings, following Kwaliteitskaart stap 2 and Stappenplan stap 3–6.
 */
import type { AnalysisReport } from '../run-analysis';
import { STATUS_LABEL, type CellStatus } from '../norms/evaluate';
import type { GroupStats } from '../stats';
import { subgroupLabel, type Pct } from '../model';

const fmt = (x: number | null | undefined): string =>
  x === null || x === undefined ? '–' : String(Math.round(x * 10) / 10);
const pct = (p: Pct): string =>
  `${p.pct === null ? '–' : `${fmt(p.pct)}%`} (n=${p.n}${p.small ? ', klein' : ''})`;
const STATUS_SHORT: Record<CellStatus, string> = {
  'onder-minimum': 'onder min.',
  minimum: 'minimum',
  streef: 'streef',
  ambitie: 'ambitie',
  'geen-norm': 'geen norm',
  onbekend: '?',
};

function statsShort(s: GroupStats): string {
  const i3 = (['I', 'II', 'III'] as const).reduce((a, l) => a + (s.levels[l] ?? 0), 0);
  const share = s.nIV > 0 ? ` · I–III ${fmt((100 * i3) / s.nIV)}%` : '';
  const dle = s.dle.n > 0 ? ` · DLE ${fmt(s.dle.mean)}` : '';
  return `gem. ${fmt(s.mean)}${share}${dle} · n=${s.n}${s.small ? ' ⚠' : ''}`;
}

function table(head: string[], rows: string[][]): string {
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

/** Renders the whole report. */
export function reportToMarkdown(r: AnalysisReport): string {
  const out: string[] = [];
  out.push(
    `# Opbrengst- en trendanalyse ${r.school ?? ''} — ${r.moment}-toetsen ${r.schoolYear}`.replace('  ', ' '),
  );
  out.push(
    `Rapportversie ${r.version}. ${r.data.results} uitslagen van ${r.data.pupils} leerlingen; schooljaren ${r.data.schoolYears.join(', ')}; vakken: ${r.data.subjects.join(', ')}. Groepen onder 5 leerlingen zijn gemarkeerd met ⚠.`,
  );

  out.push('\n## Signalen');
  if (r.signals.length === 0) out.push('Geen signalen.');
  for (const s of r.signals)
    out.push(
      `- ${s.tone === 'positief' ? '➕' : '⚠️'} ${s.text}${s.nature ? ` [${s.nature}]` : ''}${s.scope ? ` [${s.scope}]` : ''} (n=${s.n}${s.small ? ', kleine groep' : ''})`,
    );

  out.push('\n## Stap 3 — Technische betrouwbaarheid: datakwaliteit');
  const q = r.dataQuality.totals;
  out.push(
    `Ontbrekende uitslagen: ${q.missing}; leerlingen zonder uitslag: ${q.pupilsWithoutResults}; scores buiten bereik: ${q.outOfRange}; afgenomen buiten de gebruikelijke periode: ${q.outsideWindow}; dubbele uitslagen: ${q.duplicates}.`,
  );
  if (r.dataQuality.missing.length > 0) {
    out.push(
      table(
        ['groep', 'toets', 'vak', 'ontbreekt', 'van'],
        r.dataQuality.missing.map((m) => [
          m.className,
          m.test,
          m.subject,
          String(m.missing),
          String(m.expected),
        ]),
      ),
    );
  }
  for (const o of r.dataQuality.outsideWindow.slice(0, 20))
    out.push(
      `- ${o.subject} ${o.test}, leerling ${o.pupilId}: afgenomen ${o.testDate} (gebruikelijk ${o.window}${o.row > 0 ? `; rij ${o.row}` : ''})`,
    );
  for (const o of r.dataQuality.outOfRange.slice(0, 20))
    out.push(
      `- ${o.subject} ${o.test}, leerling ${o.pupilId}: score ${o.score} buiten ${o.range[0]}–${o.range[1]}${o.row > 0 ? ` (rij ${o.row})` : ''}`,
    );

  out.push('\n## Kwaliteitskaart stap 2 — Overzicht alle groepen × alle toetsen');
  out.push(
    table(
      ['groep', ...r.overview.subjects],
      r.overview.rows.map((row) => [
        row.className === null ? `**${row.label}**` : row.label,
        ...row.cells.map((c) => (c ? `${STATUS_SHORT[c.status]} (${statsShort(c.stats)})` : '–')),
      ]),
    ),
  );
  out.push(
    `\nStatus jaargroepen: ${Object.entries(r.overview.statusCounts)
      .filter(([, n]) => n > 0)
      .map(([s, n]) => `${STATUS_LABEL[s as CellStatus]}: ${n}`)
      .join('; ')}.`,
  );

  out.push('\n## Stap 4 — Resultaten ten opzichte van de normen');
  out.push(
    table(
      ['niveau', 'vak', 'jaargroepen', 'gem.', 'I–III / A–C', 'onder min.', 'min.', 'streef', 'ambitie'],
      r.resultsVsNorms.pooled.map((p) => {
        const top = p.stats.nIV > 0 ? (['I', 'II', 'III'] as const) : (['A', 'B', 'C'] as const);
        const k = top.reduce((a, l) => a + (p.stats.levels[l] ?? 0), 0);
        const n = p.stats.nIV > 0 ? p.stats.nIV : p.stats.nAE;
        return [
          p.label,
          p.subject,
          p.grades.join(','),
          fmt(p.stats.mean),
          `${fmt(n ? (100 * k) / n : null)}% (n=${n})`,
          String(p.statusCounts['onder-minimum']),
          String(p.statusCounts.minimum),
          String(p.statusCounts.streef),
          String(p.statusCounts.ambitie),
        ];
      }),
    ),
  );
  const sub = r.resultsVsNorms.groups.filter((g) => g.level === 'subgroep');
  if (sub.length > 0) {
    out.push('\n### Subgroepen');
    out.push(
      table(
        ['subgroep', 'vak', 'status', 'subgroep', 'rest'],
        sub.map((g) => [
          g.label,
          g.subject,
          STATUS_SHORT[g.status],
          statsShort(g.stats),
          g.rest ? statsShort(g.rest) : '–',
        ]),
      ),
    );
  }

  out.push('\n## Stap 5 — Trend per jaargroep (zelfde toets, opeenvolgende schooljaren)');
  out.push(
    table(
      ['vak', 'toets', ...r.data.schoolYears.filter((y) => y <= r.schoolYear), 'trend'],
      r.trendJaargroep.map((t) => [
        t.subject,
        t.test,
        ...r.data.schoolYears
          .filter((y) => y <= r.schoolYear)
          .map((y) => {
            const p = t.points.find((q) => q.schoolYear === y);
            return p ? `${fmt(p.stats.mean)} ${STATUS_SHORT[p.status]}${p.stats.small ? ' ⚠' : ''}` : '–';
          }),
        t.trend.kind === 'structureel' || t.trend.kind === 'incidenteel'
          ? `${t.trend.kind === 'structureel' ? 'structurele' : 'incidentele'} ${t.trend.direction}`
          : t.trend.kind === 'stabiel'
            ? 'stabiel'
            : 'te weinig metingen',
      ]),
    ),
  );

  out.push('\n## Stap 5 — Trend per leerlingengroep (dezelfde leerlingen gevolgd, leerwinst)');
  out.push(
    table(
      [
        'groep',
        'vak',
        'leerlingen',
        'groei totaal',
        'verwacht',
        'laatste periode',
        'haalde verwachte groei',
        'oordeel',
      ],
      r.trendLeerlingengroep.map((c) => {
        const last = c.steps[c.steps.length - 1];
        return [
          String(c.grade),
          c.subject,
          String(c.pupils),
          fmt(c.totalGrowth),
          fmt(c.totalExpected),
          last
            ? `${last.from} → ${last.to}: ${fmt(last.meanGrowth)} (verw. ${fmt(last.expectedGrowth)})`
            : '–',
          last ? pct(last.reachedExpected) : '–',
          c.growthTrend.verdict ? `${c.growthTrend.kind}: ${c.growthTrend.verdict}` : c.growthTrend.kind,
        ];
      }),
    ),
  );

  out.push('\n## Stap 6 — Patronen');
  out.push('\n### Subgroepen tegenover de rest (verschil in gemiddelde vaardigheidsscore, rest − subgroep)');
  out.push(
    table(
      ['subgroep', 'vak', ...r.data.schoolYears.filter((y) => y <= r.schoolYear), 'verschil groeit'],
      r.patterns.subgroups.map((s) => [
        subgroupLabel(s.subgroup),
        s.subject,
        ...r.data.schoolYears
          .filter((y) => y <= r.schoolYear)
          .map((y) => {
            const p = s.trend.find((t) => t.schoolYear === y);
            return p ? `${fmt(p.gap)} (n=${p.nSubgroup}${p.small ? ' ⚠' : ''})` : '–';
          }),
        s.widening ? 'ja' : 'nee',
      ]),
    ),
  );
  if (r.patterns.parallelClasses.length > 0) {
    out.push('\n### Parallelgroepen');
    out.push(
      table(
        ['jaargroep', 'vak', 'groepen', 'spreiding gem.'],
        r.patterns.parallelClasses.map((p) => [
          String(p.grade),
          p.subject,
          p.classes
            .map((c) => `${c.className}: ${STATUS_SHORT[c.status]} (${statsShort(c.stats)})`)
            .join('; '),
          fmt(p.spread),
        ]),
      ),
    );
  }
  if (r.patterns.domains.length > 0) {
    out.push('\n### Domeinen');
    for (const d of r.patterns.domains)
      out.push(
        `- ${d.subject} groep ${d.grade}: ${d.domains.map((x) => `${x.domain} ${fmt(x.mean)} (n=${x.n})`).join(', ')}`,
      );
  }

  out.push('\n## Zorgleerlingen');
  out.push(
    table(
      ['vak', 'groep', 'n', 'gem. groei', 'verwacht', 'haalde verwachte groei'],
      r.zorg.supportGrowth.map((s) => [
        s.subject,
        String(s.grade),
        String(s.n),
        fmt(s.meanGrowth),
        fmt(s.expectedGrowth),
        pct(s.reachedExpected),
      ]),
    ),
  );
  for (const g of r.zorg.goals)
    out.push(
      `- Doel ${g.pupilId} ${g.subject} (${g.from} → ${g.to}): groei ${fmt(g.growth)}${g.targetGrowth !== null ? `, doel ${g.targetGrowth}` : ''}${g.targetScore !== null ? `, doelscore ${g.targetScore}` : ''} — ${g.met === null ? 'niet te beoordelen' : g.met ? 'gehaald' : 'niet gehaald'}`,
    );
  for (const i of r.zorg.interventions)
    out.push(
      `- Interventie "${i.name}" (${i.subject}, vanaf ${i.startDate}, ${i.pupils} leerlingen${i.small ? ', kleine groep' : ''}): groei ${i.basis === 'boven-verwachting' ? 'boven verwachting ' : ''}voor ${fmt(i.basis === 'boven-verwachting' ? i.before.meanAboveExpected : i.before.meanGrowth)} (${i.before.intervals} perioden), na ${fmt(i.basis === 'boven-verwachting' ? i.after.meanAboveExpected : i.after.meanGrowth)} (${i.after.intervals} perioden); effect ${fmt(i.effect)}`,
    );

  out.push('\n## Inspectie-indicatoren (groep 8)');
  out.push(
    table(
      ['schooljaar', 'leerlingen', 'domeinresultaten', '% ≥ 1F', '% ≥ 2F/1S'],
      r.inspectie.years.map((y) => [
        y.schoolYear,
        String(y.pupils),
        String(y.domainResults),
        fmt(y.pct1F),
        fmt(y.pctStreef),
      ]),
    ),
  );
  out.push(
    `\nDriejaarsgemiddelde (gewogen naar leerlingen, n=${r.inspectie.pupilsThreeYears}): 1F ${fmt(r.inspectie.threeYear1F)}% (signaleringswaarde ${r.inspectie.signalering1F}%: ${r.inspectie.judgement1F}); 2F/1S ${fmt(r.inspectie.threeYearStreef)}% (signaleringswaarde ${r.inspectie.signalering2F1S ?? 'niet ingevuld'}: ${r.inspectie.judgementStreef}).`,
  );
  return `${out.join('\n')}\n`;
}
