import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CHECKLISTS, checklistsOfStep } from './checklists';
import { checkEntryProblem, checksMap, readChecklist, setCheckNote, setCheckStatus } from './checks';

describe('checklists', () => {
  it('holds the three checklists with the seeds’ wording', () => {
    expect(CHECKLISTS.normen.items.map((i) => i.key)).toEqual(['helder', 'gedeeld', 'ambitieus', 'passend']);
    expect(CHECKLISTS.betrouwbaarheid.items.map((i) => i.label)).toEqual([
      'Zijn de toetsen valide voor populatie en context?',
      'Zijn de toetsen op de juiste wijze en volgens de instructies afgenomen?',
      'Zijn de gegevens op de juiste wijze ingevoerd? Is de invoer compleet?',
      'Waren er omstandigheden die de afname hebben beïnvloed en de resultaten kunnen vertekenen?',
    ]);
    expect(CHECKLISTS.lesobservatie.items).toHaveLength(13);
    expect(CHECKLISTS.lesobservatie.items[0]).toEqual({ key: '1', label: 'Begin de les met een terugblik' });
    expect(checklistsOfStep('s3').map((c) => c.id)).toEqual(['betrouwbaarheid']);
  });

  it('answers an item under deterministic keys; clearing removes the keys', () => {
    const doc = new Y.Doc();
    setCheckStatus(doc, 'normen', 'ambitieus', 'twijfel');
    setCheckNote(doc, 'normen', 'ambitieus', 'Streefnorm gelijk aan landelijk gemiddelde');
    expect(checksMap(doc).toJSON()).toEqual({
      'normen:ambitieus:status': 'twijfel',
      'normen:ambitieus:note': 'Streefnorm gelijk aan landelijk gemiddelde',
    });
    expect(readChecklist(doc, 'normen')[2]).toEqual({
      key: 'ambitieus',
      label: 'Ambitieus',
      status: 'twijfel',
      note: 'Streefnorm gelijk aan landelijk gemiddelde',
    });
    setCheckStatus(doc, 'normen', 'ambitieus', null);
    setCheckNote(doc, 'normen', 'ambitieus', '');
    expect(checksMap(doc).size).toBe(0);
  });

  it('refuses unknown items and statuses in Dutch and validates entries for the server', () => {
    const doc = new Y.Doc();
    expect(() => setCheckStatus(doc, 'normen', 'mooi', 'ja')).toThrow('Checklist: onbekend punt.');
    expect(() => setCheckStatus(doc, 'normen', 'helder', 'misschien' as never)).toThrow(
      'Checklist: kies ja, twijfel of nee.',
    );
    expect(() => setCheckNote(doc, 'normen', 'helder', 'x'.repeat(1001))).toThrow('te lang');
    expect(checkEntryProblem('lesobservatie:13:status', 'nee')).toBeUndefined();
    expect(checkEntryProblem('lesobservatie:14:status', 'nee')).toBe('Checklist: onbekend punt.');
    expect(checkEntryProblem('normen:helder:kleur', 'rood')).toBe('Checklist: onbekend veld.');
    expect(checksMap(doc).size).toBe(0);
  });
});
