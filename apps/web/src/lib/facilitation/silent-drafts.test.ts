import { afterEach, describe, expect, it, vi } from 'vitest';
import { Facilitation } from './facilitation.svelte';
import { SilentDrafts } from './silent-drafts.svelte';
import { mineView, sessionView, TestChannel } from './test-channel';

const round = { id: 'r1', stepId: 's9' as const, kinds: ['cause' as const], anonymous: false, startedAt: 1 };
const draft = (id: string, text: string, polarity: 'positief' | 'negatief' | null = 'negatief') => ({
  id,
  kind: 'cause' as const,
  text,
  polarity,
  updatedAt: 1,
});

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
  vi.useRealTimers();
});

function make(drafts = [draft('d1', 'Weinig leestijd')]) {
  const channel = new TestChannel();
  const f = new Facilitation(channel);
  const panel = new SilentDrafts(f, 100);
  cleanup.push(
    () => panel.destroy(),
    () => f.destroy(),
  );
  channel.state(sessionView({ silent: round }), mineView({ drafts }));
  return { channel, f, panel };
}

describe('a teacher’s private drafts in a silent round', () => {
  it('writes only on the round’s step, and only with write access', () => {
    const { channel, panel } = make();
    expect(panel.writesOn('s9')).toBe(true);
    expect(panel.writesOn('s4')).toBe(false);
    channel.state(channel.session, mineView({ canWrite: false }));
    expect(panel.writesOn('s9')).toBe(false);
  });

  it('adds a new card with the round’s kind and her polarity, and empties the field once the server has it', async () => {
    const { channel, panel } = make([]);
    channel.answer = () => ({ mine: mineView({ drafts: [draft('d2', 'Te weinig herhaling', 'positief')] }) });
    panel.newKind = 'fact'; // not collected in this round: the round's kind is used
    panel.newPolarity = 'positief';
    panel.newText = '  Te weinig herhaling ';
    expect(await panel.add()).toBe(true);
    expect(channel.commands()).toEqual([
      { t: 'draft.save', kind: 'cause', text: 'Te weinig herhaling', polarity: 'positief' },
    ]);
    expect(panel.newText).toBe('');
    expect(panel.drafts.map((d) => d.text)).toEqual(['Te weinig herhaling']);
  });

  it('sends nothing for an empty card', async () => {
    const { channel, panel } = make([]);
    panel.newText = '   ';
    expect(await panel.add()).toBe(false);
    expect(channel.sent).toEqual([]);
  });

  it('saves an edit after a pause in typing, once, with the last text', async () => {
    vi.useFakeTimers();
    const { channel, panel } = make();
    channel.answer = (c) => ({ mine: mineView({ drafts: [draft('d1', String(c.text))] }) });
    panel.input('d1', 'Weinig lees');
    panel.input('d1', 'Weinig leestijd thuis');
    expect(panel.textOf(panel.drafts[0]!)).toBe('Weinig leestijd thuis');
    expect(channel.sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(150);
    expect(channel.commands()).toEqual([
      { t: 'draft.save', draftId: 'd1', kind: 'cause', text: 'Weinig leestijd thuis', polarity: 'negatief' },
    ]);
    // The server's text is shown again: nothing local is left.
    expect(panel.local).toEqual({});
    expect(panel.textOf(panel.drafts[0]!)).toBe('Weinig leestijd thuis');
  });

  it('saves at once on blur, and keeps the last saved text when she emptied the card', async () => {
    const { channel, panel } = make();
    channel.answer = (c) => ({ mine: mineView({ drafts: [draft('d1', String(c.text))] }) });
    panel.input('d1', 'Weinig leestijd op school');
    await panel.flush('d1');
    expect(channel.sent).toHaveLength(1);
    panel.input('d1', '');
    await panel.flush('d1');
    expect(channel.sent).toHaveLength(1);
    expect(panel.textOf(panel.drafts[0]!)).toBe('Weinig leestijd op school');
  });

  it('keeps her text and shows the server’s Dutch refusal when a save is refused', async () => {
    const { channel, panel } = make();
    channel.answer = () => ({ error: 'Er loopt geen schrijfronde.' });
    panel.input('d1', 'Nieuwe tekst');
    await panel.flush('d1');
    expect(panel.error).toBe('Er loopt geen schrijfronde.');
    expect(panel.local).toEqual({ d1: 'Nieuwe tekst' });
  });

  it('changes a cause’s polarity at once and deletes a draft', async () => {
    const { channel, panel } = make();
    channel.answer = (c) =>
      c.t === 'draft.delete'
        ? { mine: mineView({ drafts: [] }) }
        : { mine: mineView({ drafts: [draft('d1', 'Weinig leestijd', 'positief')] }) };
    await panel.setPolarity('d1', 'positief');
    await panel.remove('d1');
    expect(channel.commands()).toEqual([
      { t: 'draft.save', draftId: 'd1', kind: 'cause', text: 'Weinig leestijd', polarity: 'positief' },
      { t: 'draft.delete', draftId: 'd1' },
    ]);
    expect(panel.drafts).toEqual([]);
  });
});
