import * as Y from 'yjs';
import { z } from 'zod';
import {
  createRecord,
  listRecords,
  readRecord,
  recordMap,
  updateRecord,
  type NewRecordPlace,
} from './record-store';
import { RecordValidationError, textField, type BoardRecord, type RecordDefinition } from './record-type';

/**
 * A possible cause of step 9, positive or negative. Evidence for and against, and alternatives, are links
 * (`ondersteunt`, `ontkracht`, `alternatief`). "Wordt deze verklaring door anderen herkend?" is a nested
 * Y.Map `recognisedBy` (who → true) created together with the record: each person sets her own key, so
 * concurrent recognitions all count.
 */

export const POLARITIES = ['positief', 'negatief'] as const;
export type Polarity = (typeof POLARITIES)[number];

/** "Denken we dit of weten we dit?" */
export const KNOWLEDGE = ['denken', 'weten'] as const;
export type Knowledge = (typeof KNOWLEDGE)[number];

/** The cause's one nested field: a Y.Map who → true. */
export const RECOGNISED_BY = 'recognisedBy';
/** Who recognises a cause: an account id or, without one, a client id (as text). */
const recogniserSchema = z
  .string({ error: 'Onbekende persoon.' })
  .min(1, { error: 'Onbekende persoon.' })
  .max(64, { error: 'Onbekende persoon.' });
const yesNo = z.boolean({ error: 'Kies ja of nee.' });

export const causeFields = z.object({
  text: textField(2000),
  polarity: z.enum(POLARITIES, { error: 'Kies positief of negatief.' }),
  knowledge: z.enum(KNOWLEDGE, { error: 'Kies denken of weten.' }),
  /** "Invloed van school/leerkracht": null while undecided. */
  schoolInfluence: yesNo.nullable(),
  /** "Is de verklaring concreet genoeg om naar te handelen?": null while undecided. */
  concrete: yesNo.nullable(),
  /** Marked as kernoorzaak. */
  core: yesNo,
  /** "Onvoldoende bekend: aanvullend onderzoek". */
  needsResearch: yesNo,
  /** Stored as a nested Y.Map; read as its plain-JSON form. */
  [RECOGNISED_BY]: z.record(recogniserSchema, z.literal(true), { error: 'Ongeldige herkenning.' }).optional(),
});

/** For the server guard: is this a well-formed write into a cause's `recognisedBy` map (delete = undefined)? */
export function isValidRecognitionEntry(who: string, value: unknown): boolean {
  return recogniserSchema.safeParse(who).success && (value === undefined || value === true);
}

export type CauseFields = z.output<typeof causeFields>;
/** A cause as readers return it: `recognisedBy` as a sorted list of who recognises it. */
export type Cause = Omit<BoardRecord<'cause', CauseFields>, 'recognisedBy'> & { recognisedBy: string[] };
/** The fields a writer may change (recognition has its own accessor). */
export type CauseEdit = Partial<Omit<CauseFields, 'recognisedBy'>>;

export const CAUSE: RecordDefinition<'cause', typeof causeFields> = {
  type: 'cause',
  label: 'Oorzaak',
  version: 1,
  fields: causeFields,
  migrations: [],
  nestedMaps: { [RECOGNISED_BY]: { key: recogniserSchema, value: z.literal(true) } },
};

export interface NewCause extends Partial<NewRecordPlace>, CauseEdit {
  text: string;
  polarity: Polarity;
}

/** Adds a cause (step 9 unless `stepId` says otherwise), with its empty `recognisedBy` map; returns its id. */
export function createCause(doc: Y.Doc, input: NewCause): string {
  const {
    text,
    polarity,
    knowledge = 'denken',
    schoolInfluence = null,
    concrete = null,
    core = false,
    needsResearch = false,
    stepId = 's9',
    ...place
  } = input;
  return createRecord(
    doc,
    CAUSE,
    { stepId, ...place },
    { text, polarity, knowledge, schoolInfluence, concrete, core, needsResearch },
    (map) => map.set(RECOGNISED_BY, new Y.Map<boolean>()),
  );
}

function toCause(record: BoardRecord<'cause', CauseFields> | undefined): Cause | undefined {
  if (!record) return undefined;
  return { ...record, recognisedBy: Object.keys(record.recognisedBy ?? {}).sort() };
}

export function readCause(doc: Y.Doc, id: string): Cause | undefined {
  return toCause(readRecord(doc, CAUSE, id));
}

export function updateCause(doc: Y.Doc, id: string, patch: CauseEdit): boolean {
  if (RECOGNISED_BY in patch)
    throw new RecordValidationError('Oorzaak: herkenning gaat via setCauseRecognised.');
  return updateRecord(doc, CAUSE, id, patch);
}

export function listCauses(doc: Y.Doc): Cause[] {
  return listRecords(doc, CAUSE).map((c) => toCause(c) as Cause);
}

/**
 * Marks (or unmarks) that `who` recognises the cause. Writes only `who`'s own key, so two people recognising
 * at once both count. Returns false when the cause is gone.
 */
export function setCauseRecognised(doc: Y.Doc, causeId: string, who: string, recognised: boolean): boolean {
  const map = recordMap(doc, causeId);
  if (!map || map.get('type') !== CAUSE.type) return false;
  if (!recogniserSchema.safeParse(who).success)
    throw new RecordValidationError('Oorzaak: onbekende persoon.');
  doc.transact(() => {
    let by = map.get(RECOGNISED_BY);
    if (!(by instanceof Y.Map)) {
      // Only a record written without its map (not by createCause) gets here; creating it late may race.
      by = new Y.Map<boolean>();
      map.set(RECOGNISED_BY, by);
    }
    const recognisers = by as Y.Map<boolean>;
    if (recognised) recognisers.set(who, true);
    else if (recognisers.has(who)) recognisers.delete(who);
  });
  return true;
}
