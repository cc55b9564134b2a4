/**
 * Column recognition: which header in the file holds which canonical field. Auto-detection scores every
 * header against common Dutch (and vendor) names; the caller may override with an explicit mapping. Unsure
 * or ambiguous choices are reported so the UI can ask the user.
 */

/** Canonical fields a file can hold (one column each), plus `domain:<name>` columns for domain scores. */
export type Field =
  | 'school'
  | 'pupilId'
  | 'pupilName'
  | 'schoolYear'
  | 'className'
  | 'grade'
  | 'subject'
  | 'moment'
  | 'testDate'
  | 'score'
  | 'level'
  | 'functioneringsniveau'
  | 'refLevel'
  | 'dl'
  | 'dle'
  | 'nt2'
  | 'support'
  | 'plus'
  | 'tags';

/** The canonical CSV header of each field: a file with these headers needs no mapping. */
export const CANONICAL_HEADER: Readonly<Record<Field, string>> = {
  school: 'school',
  pupilId: 'leerling_id',
  pupilName: 'naam',
  schoolYear: 'schooljaar',
  className: 'groep',
  grade: 'jaargroep',
  subject: 'vak',
  moment: 'moment',
  testDate: 'afnamedatum',
  score: 'vaardigheidsscore',
  level: 'niveau',
  functioneringsniveau: 'functioneringsniveau',
  refLevel: 'referentieniveau',
  dl: 'dl',
  dle: 'dle',
  nt2: 'nt2',
  support: 'ondersteuning',
  plus: 'plus',
  tags: 'labels',
};

/** Dutch name of each field, for questions and error messages. */
export const FIELD_LABEL: Readonly<Record<Field, string>> = {
  school: 'school',
  pupilId: 'leerling (id)',
  pupilName: 'naam leerling',
  schoolYear: 'schooljaar',
  className: 'groep/klas',
  grade: 'jaargroep',
  subject: 'vak/toets',
  moment: 'toetsmoment',
  testDate: 'afnamedatum',
  score: 'vaardigheidsscore',
  level: 'niveau (I–V of A–E)',
  functioneringsniveau: 'functioneringsniveau',
  refLevel: 'referentieniveau',
  dl: 'DL',
  dle: 'DLE',
  nt2: 'NT2',
  support: 'ondersteuning',
  plus: 'plusgroep',
  tags: 'labels',
};

// Names per field, normalised (lower case, no accents, separators as single spaces). An exact match scores
// 1; a "weak" name (0.7) is a guess the user should confirm.
const NAMES: Readonly<Record<Field, { exact: readonly string[]; weak?: readonly string[] }>> = {
  school: { exact: ['school', 'schoolnaam', 'brin', 'vestiging', 'brin nummer'] },
  pupilId: {
    exact: [
      'leerling id',
      'leerlingid',
      'leerlingnummer',
      'leerling nummer',
      'leerlingnr',
      'pseudoniem',
      'pupil id',
      'id leerling',
      'llnr',
    ],
    weak: ['leerling', 'id', 'nummer'],
  },
  pupilName: {
    exact: ['naam', 'leerlingnaam', 'naam leerling', 'volledige naam', 'roepnaam'],
    weak: ['leerling', 'achternaam'],
  },
  schoolYear: { exact: ['schooljaar', 'school jaar'], weak: ['jaar', 'periode'] },
  className: {
    exact: ['groep', 'klas', 'groepsnaam', 'klasnaam', 'stamgroep', 'groep klas'],
    weak: ['unit'],
  },
  grade: { exact: ['jaargroep', 'leerjaar', 'jaar groep', 'groepsjaar'], weak: ['groep nr', 'groepnummer'] },
  subject: {
    exact: ['vak', 'vakgebied', 'toets', 'toetsnaam', 'leergebied', 'toets naam'],
    weak: ['onderdeel', 'categorie'],
  },
  moment: {
    exact: ['moment', 'toetsmoment', 'afnamemoment', 'toetsversie', 'afname moment'],
    weak: ['versie', 'periode'],
  },
  testDate: {
    exact: ['afnamedatum', 'datum', 'toetsdatum', 'afname datum', 'datum afname'],
    weak: ['afname'],
  },
  score: {
    exact: [
      'vaardigheidsscore',
      'vs',
      'vaardigheid',
      'vaardigheids score',
      'vaardigheidscore',
      'ability score',
    ],
    weak: ['score', 'ruwe score'],
  },
  level: {
    exact: [
      'niveau',
      'i v',
      'iv',
      'a e',
      'ae',
      'niveau i v',
      'niveau a e',
      'niveauwaarde',
      'i t m v',
      'a t m e',
    ],
    weak: ['niveau leerling'],
  },
  functioneringsniveau: {
    exact: ['functioneringsniveau', 'fn', 'functie niveau', 'functioneringsniveau fn'],
  },
  refLevel: {
    exact: ['referentieniveau', 'referentie niveau', 'refniveau', 'ref niveau', 'rntrm', 'referentieniveaus'],
    weak: ['ref', 'f niveau'],
  },
  dl: { exact: ['dl', 'didactische leeftijd'] },
  dle: { exact: ['dle', 'didactische leeftijdsequivalent', 'didactisch leeftijdsequivalent'] },
  nt2: { exact: ['nt2', 'nt 2', 'anderstalig'] },
  support: {
    exact: ['ondersteuning', 'zorg', 'zorgleerling', 'ondersteuningsgroep', 'ondersteuningsbehoefte', 'opp'],
    weak: ['arrangement', 'handelingsplan'],
  },
  plus: { exact: ['plus', 'plusgroep', 'plusklas', 'meerbegaafd'] },
  tags: { exact: ['labels', 'tags', 'kenmerken', 'label'] },
};

/** Fields every file must provide (directly, or derivable as noted in {@link detectColumns}). */
export const REQUIRED_FIELDS: readonly Field[] = ['pupilId', 'subject'];

/** Explicit mapping chosen by the user: field → header as written in the file. */
export type ExplicitMapping = Partial<Record<Field, string>>;

/** How the columns of a file were understood. */
export interface ColumnMapping {
  /** Field → column index in the file. */
  fields: Partial<Record<Field, number>>;
  /** Domain name → column index (headers "domein: getallen", "domein getallen"). */
  domains: Record<string, number>;
  /** Field → confidence 0–1 of the choice (1 for exact or explicit). */
  confidence: Partial<Record<Field, number>>;
  /** Guesses the user should confirm (confidence < 1). */
  unsure: { field: Field; header: string; confidence: number }[];
  /** Fields for which several headers fit equally well: ask the user. */
  ambiguous: { field: Field; headers: string[] }[];
  /** Headers Koers did not recognise (ignored). */
  unknown: string[];
  /** Explicit choices naming a header the file does not have. */
  missingExplicit: { field: Field; header: string }[];
  headers: string[];
}

/** Lower case, accents removed, every run of non-alphanumerics as one space. */
export function normaliseHeader(h: string): string {
  return h
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9&]+/g, ' ')
    .trim();
}

const FIELDS = Object.keys(NAMES) as Field[];

function score(field: Field, norm: string): number {
  const names = NAMES[field];
  if (names.exact.includes(norm)) return 1;
  if (names.weak?.includes(norm)) return 0.7;
  // A longer header that starts with a known name ("vaardigheidsscore rekenen") is a guess too.
  for (const n of names.exact) if (n.length >= 4 && norm.startsWith(`${n} `)) return 0.6;
  return 0;
}

/**
 * Recognises the columns of a header row. Each header goes to at most one field; the best scores are
 * assigned first, so "Leerlingnummer" + "Leerling" become id + name, while a lone "Leerling" becomes the
 * id (a guess, reported in `unsure`). An explicit mapping wins over detection.
 *
 * @example detectColumns(['Leerling', 'Groep', 'Vaardigheidsscore']).fields // { pupilId: 0, className: 1, score: 2 }
 */
export function detectColumns(headers: readonly string[], explicit: ExplicitMapping = {}): ColumnMapping {
  const mapping: ColumnMapping = {
    fields: {},
    domains: {},
    confidence: {},
    unsure: [],
    ambiguous: [],
    unknown: [],
    missingExplicit: [],
    headers: [...headers],
  };
  const taken = new Set<number>();
  for (const [field, header] of Object.entries(explicit) as [Field, string][]) {
    const idx = headers.findIndex((h) => h === header || normaliseHeader(h) === normaliseHeader(header));
    if (idx >= 0) {
      mapping.fields[field] = idx;
      mapping.confidence[field] = 1;
      taken.add(idx);
    } else mapping.missingExplicit.push({ field, header });
  }
  const norms = headers.map(normaliseHeader);
  norms.forEach((n, i) => {
    const m = /^(?:domein|domain)\s+(.+)$/.exec(n);
    if (m?.[1] && !taken.has(i)) {
      mapping.domains[headers[i]!.replace(/^\s*(domein|domain)\s*[:_\- ]\s*/i, '').trim() || m[1]] = i;
      taken.add(i);
    }
  });
  const candidates: { field: Field; idx: number; s: number }[] = [];
  for (const field of FIELDS) {
    if (mapping.fields[field] !== undefined) continue;
    norms.forEach((n, idx) => {
      if (taken.has(idx)) return;
      const s = score(field, n);
      if (s > 0) candidates.push({ field, idx, s });
    });
  }
  candidates.sort((a, b) => b.s - a.s || a.idx - b.idx);
  for (const c of candidates) {
    if (mapping.fields[c.field] !== undefined || taken.has(c.idx)) continue;
    const rivals = candidates.filter(
      (o) => o.field === c.field && o.s === c.s && o.idx !== c.idx && !taken.has(o.idx),
    );
    if (rivals.length > 0) {
      mapping.ambiguous.push({
        field: c.field,
        headers: [c.idx, ...rivals.map((r) => r.idx)].map((i) => headers[i]!),
      });
    }
    mapping.fields[c.field] = c.idx;
    mapping.confidence[c.field] = c.s;
    taken.add(c.idx);
    if (c.s < 1) mapping.unsure.push({ field: c.field, header: headers[c.idx]!, confidence: c.s });
  }
  headers.forEach((h, i) => {
    if (!taken.has(i) && h.trim() !== '') mapping.unknown.push(h);
  });
  return mapping;
}
