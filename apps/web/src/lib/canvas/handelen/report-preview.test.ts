import { REPORT_SECTION_IDS, createAction, createConclusion, createLink } from '@koers/board';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { previewReport } from './report-preview';

describe('previewReport', () => {
  it('lists the seed’s sections in order and an action under its horizon with its owner’s name and answered conclusion', () => {
    const doc = new Y.Doc();
    const conclusion = createConclusion(doc, {
      kind: '10a',
      text: 'Spelling groep 6 blijft achter',
      category: null,
    });
    const action = createAction(doc, {
      what: 'Dagelijks tien minuten spellingsoefening',
      horizon: '4-6-weken',
      ownerId: 'u_anna',
      successCriterion: '80% haalt de norm',
      dueDate: '2027-02-01',
    });
    createLink(doc, { from: action, to: conclusion, relation: 'beantwoordt' });
    createAction(doc, { what: 'Zonder eigenaar' });
    const report = previewReport(doc, [], { u_anna: 'Anna' }, new Date('2026-12-02T10:00:00Z'));
    expect(report.sections.map((s) => s.id)).toEqual([...REPORT_SECTION_IDS]);
    expect(report.date).toBe('2026-12-02');
    const acties = report.sections.find((s) => s.id === 'acties')!;
    const short = acties.groups.find((g) => g.title?.startsWith('Korte termijn'))!;
    expect(short.items[0]!.text).toBe('Dagelijks tien minuten spellingsoefening');
    expect(short.items[0]!.details).toContain('Eigenaar: Anna');
    expect(short.items[0]!.details).toContain('Beantwoordt: Spelling groep 6 blijft achter');
    expect(short.items[0]!.flags).toEqual([]);
    const none = acties.groups.find((g) => g.title === 'Nog zonder termijn')!;
    expect(none.items[0]!.flags).toEqual(['Geen eigenaar', 'Geen succescriterium', 'Geen datum']);
  });
});
