import type * as Y from 'yjs';
import { z } from 'zod';
import type { StepId } from '../stappenplan';
import { RECORD_ID_PATTERN } from './record-id';
import { createRecord, listRecords, readRecord, type NewRecordPlace } from './record-store';
import { textField, type BoardRecord, type RecordDefinition } from './record-type';

/**
 * The result of a blind dot vote on a step ("Welke oorzaken nemen we mee?"), written by the server once the
 * leider closes the vote, so the board keeps it. Who placed which dot is never in the document: only the
 * tally per card and how many people voted. Clients read it; they never write it.
 */

export const voteTallySchema = z.object(
  {
    /** The card the dots were placed on. */
    recordId: z.string({ error: 'Onbekende kaart.' }).regex(RECORD_ID_PATTERN, { error: 'Onbekende kaart.' }),
    dots: z
      .number({ error: 'Het aantal stippen moet een getal zijn.' })
      .int({ error: 'Het aantal stippen moet een geheel getal zijn.' })
      .min(0, { error: 'Het aantal stippen kan niet negatief zijn.' }),
  },
  { error: 'Ongeldige telling.' },
);

export type VoteTally = z.output<typeof voteTallySchema>;

const count = (what: string, max: number) =>
  z
    .number({ error: `${what} moet een getal zijn.` })
    .int({ error: `${what} moet een geheel getal zijn.` })
    .min(0, { error: `${what} kan niet negatief zijn.` })
    .max(max, { error: `${what} is te groot.` });

export const voteResultFields = z.object({
  /** The server's id of the vote (one vote, one result). */
  voteId: z
    .string({ error: 'Onbekende stemming.' })
    .min(1, { error: 'Onbekende stemming.' })
    .max(64, { error: 'Onbekende stemming.' }),
  /** "Welke oorzaken nemen we mee?" */
  question: textField(200),
  dotsPerPerson: count('Het aantal stippen per persoon', 50),
  /** How many people placed at least one dot. */
  voters: count('Het aantal stemmers', 10_000),
  /** Dots per card, most dots first; cards without dots are left out. */
  tallies: z.array(voteTallySchema, { error: 'Ongeldige telling.' }).max(1000, { error: 'Te veel kaarten.' }),
  closedAt: z.iso.datetime({ error: 'Ongeldig tijdstip.' }),
});

export type VoteResultFields = z.output<typeof voteResultFields>;
export type VoteResult = BoardRecord<'voteResult', VoteResultFields>;

export const VOTE_RESULT: RecordDefinition<'voteResult', typeof voteResultFields> = {
  type: 'voteResult',
  label: 'Stemuitslag',
  version: 1,
  fields: voteResultFields,
  migrations: [],
};

export interface NewVoteResult extends NewRecordPlace, Omit<VoteResultFields, 'closedAt'> {
  closedAt?: Date;
}

/** Adds a vote's result to its step (the server does, when the vote closes); returns the record's id. */
export function createVoteResult(doc: Y.Doc, input: NewVoteResult): string {
  const { voteId, question, dotsPerPerson, voters, tallies, closedAt = new Date(), ...place } = input;
  return createRecord(doc, VOTE_RESULT, place, {
    voteId,
    question,
    dotsPerPerson,
    voters,
    tallies,
    closedAt: closedAt.toISOString(),
  });
}

export function readVoteResult(doc: Y.Doc, id: string): VoteResult | undefined {
  return readRecord(doc, VOTE_RESULT, id);
}

export function listVoteResults(doc: Y.Doc, stepId?: StepId): VoteResult[] {
  return listRecords(doc, VOTE_RESULT, stepId);
}
