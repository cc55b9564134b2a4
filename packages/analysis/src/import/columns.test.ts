import { describe, expect, it } from 'vitest';
import { detectColumns } from './columns';

describe('detectColumns', () => {
  it('recognises common Dutch export headers (case, accents and punctuation ignored)', () => {
    const headers = [
      'Leerlingnummer',
      'Leerling',
      'Groep',
      'Jaargroep',
      'Toets',
      'Toetsversie',
      'Afnamedatum',
      'Vaardigheidsscore',
      'Niveau (I-V)',
      'Functioneringsniveau',
      'Referentieniveau',
      'DL',
      'DLE',
      'NT2',
      'Zorg',
      'Plusgroep',
      'Schooljaar',
      'Domein: Getallen',
      'Opmerking',
    ];
    const m = detectColumns(headers);
    expect(m.fields).toEqual({
      pupilId: 0,
      pupilName: 1,
      className: 2,
      grade: 3,
      subject: 4,
      moment: 5,
      testDate: 6,
      score: 7,
      level: 8,
      functioneringsniveau: 9,
      refLevel: 10,
      dl: 11,
      dle: 12,
      nt2: 13,
      support: 14,
      plus: 15,
      schoolYear: 16,
    });
    expect(m.domains).toEqual({ Getallen: 17 });
    expect(m.unknown).toEqual(['Opmerking']);
    // "Leerling" next to "Leerlingnummer" is the name, a guess to confirm.
    expect(m.unsure).toEqual([{ field: 'pupilName', header: 'Leerling', confidence: 0.7 }]);
    expect(m.ambiguous).toEqual([]);
  });

  it('lets an explicit mapping win and reports a header that does not exist', () => {
    const m = detectColumns(['ID', 'Resultaat', 'Klas'], {
      score: 'Resultaat',
      pupilId: 'ID',
      subject: 'Vak',
    });
    expect(m.fields).toMatchObject({ pupilId: 0, score: 1, className: 2 });
    expect(m.confidence.score).toBe(1);
    expect(m.missingExplicit).toEqual([{ field: 'subject', header: 'Vak' }]);
  });
});
