import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  CONCLUSION_CATEGORIES,
  createConclusion,
  listConclusions,
  readConclusion,
  updateConclusion,
} from './conclusion';
import { recordSchema } from './registry';
import { recordsMap } from './record-store';

describe('conclusion records', () => {
  it('puts a conclusion on its kind’s step and lists them per kind', () => {
    const doc = new Y.Doc();
    const a = createConclusion(doc, {
      kind: '10a',
      text: 'Groep 5 ligt onder de minimumnorm',
      category: 'zorgsignaal',
    });
    createConclusion(doc, { kind: '10c', text: 'Automatiseren kan wachten', category: 'kanWachten' });
    expect(readConclusion(doc, a)).toMatchObject({ stepId: 's10a', kind: '10a', category: 'zorgsignaal' });
    expect(listConclusions(doc, '10c').map((c) => c.text)).toEqual(['Automatiseren kan wachten']);
    expect(listConclusions(doc)).toHaveLength(2);
  });

  it('accepts only the categories of its kind, also when the kind changes later', () => {
    const doc = new Y.Doc();
    expect(() => createConclusion(doc, { kind: '10b', text: 'x', category: 'zorgsignaal' })).toThrow(
      'Conclusie: de categorie past niet bij conclusie 10b.',
    );
    const id = createConclusion(doc, { kind: '10b', text: 'Het rekenuur werkt', category: 'continueren' });
    expect(() => updateConclusion(doc, id, { kind: '10c' })).toThrow('past niet bij conclusie 10c');
    updateConclusion(doc, id, { kind: '10c', category: 'korteTermijn' });
    expect(readConclusion(doc, id)).toMatchObject({ kind: '10c', category: 'korteTermijn' });
    expect(Object.keys(CONCLUSION_CATEGORIES['10a'])).toEqual([
      'opNiveau',
      'gaatGoed',
      'gaatNietGoed',
      'zorgsignaal',
    ]);
  });

  it('the full schema refuses a stored mismatch that per-field checks cannot see', () => {
    const doc = new Y.Doc();
    const id = createConclusion(doc, { kind: '10a', text: 'Op niveau', category: 'opNiveau' });
    recordsMap(doc).get(id)?.set('kind', '10b');
    expect(recordSchema('conclusion').safeParse(recordsMap(doc).get(id)?.toJSON()).success).toBe(false);
    expect(readConclusion(doc, id)).toBeUndefined();
  });
});
