import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  SOURCE_KINDS,
  SOURCE_KIND_LABEL,
  createSource,
  listSources,
  readSource,
  updateSource,
} from './source';

describe('source records (triangulation, step 7)', () => {
  it('creates a row of the sources table and answers the kernvraag per source', () => {
    const doc = new Y.Doc();
    const id = createSource(doc, { sourceKind: 'toetsen', shows: 'Methodetoetsen blok 3 ook laag' });
    expect(readSource(doc, id)).toMatchObject({ stepId: 's7', sameStory: null, subgroupDifferences: '' });
    updateSource(doc, id, { sameStory: 'deels', subgroupDifferences: 'NT2-leerlingen lager' });
    expect(readSource(doc, id)).toMatchObject({
      sameStory: 'deels',
      subgroupDifferences: 'NT2-leerlingen lager',
    });
    expect(() => updateSource(doc, id, { sameStory: 'wel' as never })).toThrow(
      'Bron: kies ja, deels of nee.',
    );
    expect(listSources(doc)).toHaveLength(1);
  });

  it('labels every kind with the seed’s step-7 wording', () => {
    expect(SOURCE_KINDS.map((k) => SOURCE_KIND_LABEL[k])).toContain('Andere (bijv. methodegebonden) toetsen');
    expect(SOURCE_KINDS.every((k) => SOURCE_KIND_LABEL[k].length > 0)).toBe(true);
  });
});
