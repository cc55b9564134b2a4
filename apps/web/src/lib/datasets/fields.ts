import type { Field } from '@koers/analysis';

/**
 * The canonical fields a column can be mapped to, in the order the wizard offers them, with their Dutch
 * names (domain data as in the analysis package's `FIELD_LABEL`, like step titles from @koers/board).
 */
export const FIELDS: readonly { field: Field; label: string }[] = [
  { field: 'pupilId', label: 'leerling (id)' },
  { field: 'pupilName', label: 'naam leerling' },
  { field: 'schoolYear', label: 'schooljaar' },
  { field: 'className', label: 'groep/klas' },
  { field: 'grade', label: 'jaargroep' },
  { field: 'subject', label: 'vak/toets' },
  { field: 'moment', label: 'toetsmoment' },
  { field: 'testDate', label: 'afnamedatum' },
  { field: 'score', label: 'vaardigheidsscore' },
  { field: 'level', label: 'niveau (I–V of A–E)' },
  { field: 'functioneringsniveau', label: 'functioneringsniveau' },
  { field: 'refLevel', label: 'referentieniveau' },
  { field: 'dl', label: 'DL' },
  { field: 'dle', label: 'DLE' },
  { field: 'nt2', label: 'NT2' },
  { field: 'support', label: 'ondersteuning' },
  { field: 'plus', label: 'plusgroep' },
  { field: 'tags', label: 'labels' },
  { field: 'school', label: 'school' },
];

export function fieldLabel(field: string): string {
  return FIELDS.find((f) => f.field === field)?.label ?? field;
}
