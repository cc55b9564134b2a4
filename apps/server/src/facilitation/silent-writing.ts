import { createCause, createFact, newRecordId, validateRecordValue } from '@koers/board';
import type * as Y from 'yjs';
import { SERVER_ORIGIN } from '../sync/origins';
import { CommandError, MAX_DRAFTS_PER_PERSON, type CommandOf } from './protocol';
import type { Draft } from './session-store';
import type { Actor, Reveal, SessionState } from './session-state';

/**
 * "Stil schrijven": during a round each teacher writes fact or cause cards that only she sees. The drafts
 * live on the server alone (memory + SQLite) and go to nobody but their author; the leider gets counts per
 * person. "Onthullen" writes every draft into the board document in one transaction, so all cards appear
 * at once on every screen.
 */

export function startRound(state: SessionState, command: CommandOf<'silent.start'>, now: number): void {
  if (state.silent) throw new CommandError('invalid', 'Er loopt al een schrijfronde.');
  state.silent = {
    id: newRecordId(),
    stepId: command.stepId,
    kinds: [...new Set(command.kinds)],
    anonymous: command.anonymous,
    startedAt: now,
  };
  state.ready = {};
}

/** Create or edit one's own draft; returns the stored draft. `drafts` is the round's, by id. */
export function saveDraft(
  state: SessionState,
  drafts: Map<string, Draft>,
  command: CommandOf<'draft.save'>,
  actor: Actor,
  now: number,
): Draft {
  const round = state.silent;
  if (!round) throw new CommandError('invalid', 'Er loopt geen schrijfronde.');
  if (!round.kinds.includes(command.kind)) {
    throw new CommandError('invalid', 'In deze ronde schrijf je een ander soort kaart.');
  }
  const text = command.text.trim();
  if (!text) throw new CommandError('invalid', 'Schrijf eerst iets op.');
  // The same limits as the card it will become.
  const check = validateRecordValue(command.kind, 'text', text);
  if (!check.ok) throw new CommandError('invalid', check.message);
  const polarity = command.kind === 'cause' ? (command.polarity ?? 'negatief') : null;
  if (command.draftId !== undefined) {
    const existing = drafts.get(command.draftId);
    // Someone else's draft answers like a missing one: its existence is nobody else's business.
    if (!existing || existing.userId !== actor.userId)
      throw new CommandError('invalid', 'Deze kaart bestaat niet (meer).');
    const edited: Draft = { ...existing, kind: command.kind, text, polarity, updatedAt: now };
    drafts.set(edited.id, edited);
    return edited;
  }
  if (countOf(drafts, actor.userId) >= MAX_DRAFTS_PER_PERSON) {
    throw new CommandError(
      'invalid',
      `Je kunt in één ronde hoogstens ${MAX_DRAFTS_PER_PERSON} kaarten schrijven.`,
    );
  }
  const draft: Draft = {
    id: newRecordId(),
    roundId: round.id,
    userId: actor.userId,
    userName: actor.name,
    kind: command.kind,
    text,
    polarity,
    createdAt: now,
    updatedAt: now,
  };
  drafts.set(draft.id, draft);
  return draft;
}

export function deleteDraft(
  state: SessionState,
  drafts: Map<string, Draft>,
  command: CommandOf<'draft.delete'>,
  actor: Actor,
): void {
  if (!state.silent) throw new CommandError('invalid', 'Er loopt geen schrijfronde.');
  const existing = drafts.get(command.draftId);
  if (!existing || existing.userId !== actor.userId)
    throw new CommandError('invalid', 'Deze kaart bestaat niet (meer).');
  drafts.delete(command.draftId);
}

function countOf(drafts: Map<string, Draft>, userId: string): number {
  let count = 0;
  for (const draft of drafts.values()) if (draft.userId === userId) count++;
  return count;
}

/** Draft counts per author (what the leider sees), by name. */
export function draftCounts(drafts: Map<string, Draft>): { userId: string; name: string; count: number }[] {
  const counts = new Map<string, { userId: string; name: string; count: number }>();
  for (const draft of drafts.values()) {
    const entry = counts.get(draft.userId) ?? { userId: draft.userId, name: draft.userName, count: 0 };
    entry.count++;
    counts.set(draft.userId, entry);
  }
  return [...counts.values()].sort((a, b) => a.name.localeCompare(b.name, 'nl'));
}

/**
 * Write every draft of the round into the document in ONE transaction (server origin): one update, so all
 * cards appear at once everywhere. Ends the round in `state`; returns the reveal and who wrote what (empty
 * when anonymous: then not even the server keeps it). The caller stores both and drops the drafts.
 */
export function revealRound(
  doc: Y.Doc,
  state: SessionState,
  drafts: Map<string, Draft>,
  anonymous: boolean,
  now: number,
): { reveal: Reveal; authors: { recordId: string; userId: string; userName: string }[] } {
  const round = state.silent;
  if (!round) throw new CommandError('invalid', 'Er loopt geen schrijfronde.');
  const ordered = [...drafts.values()].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  const authors: { recordId: string; userId: string; userName: string }[] = [];
  const recordIds: string[] = [];
  doc.transact(() => {
    for (const draft of ordered) {
      const recordId =
        draft.kind === 'fact'
          ? createFact(doc, { stepId: round.stepId, text: draft.text })
          : createCause(doc, {
              stepId: round.stepId,
              text: draft.text,
              polarity: draft.polarity ?? 'negatief',
            });
      recordIds.push(recordId);
      if (!anonymous) authors.push({ recordId, userId: draft.userId, userName: draft.userName });
    }
  }, SERVER_ORIGIN);
  const reveal: Reveal = {
    roundId: round.id,
    stepId: round.stepId,
    anonymous,
    recordIds,
    ...(anonymous ? {} : { authors: Object.fromEntries(authors.map((a) => [a.recordId, a.userName])) }),
    at: now,
  };
  state.silent = null;
  state.lastReveal = reveal;
  drafts.clear();
  return { reveal, authors };
}

export function cancelRound(state: SessionState, drafts: Map<string, Draft>): string {
  const round = state.silent;
  if (!round) throw new CommandError('invalid', 'Er loopt geen schrijfronde.');
  state.silent = null;
  drafts.clear();
  return round.id;
}
