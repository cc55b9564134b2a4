import { z } from 'zod';
import { isStepId, type StepId } from '../stappenplan';
import { isOrderKey } from './order';

/**
 * What every record type declares, in its own file (the model is tldraw's shape files): the Dutch name, the
 * zod schema of its own fields as stored, the current version of those fields and the migrations that lift
 * older records to it. One schema serves the UI's writes, the readers and the server's update guard.
 */
export interface RecordDefinition<T extends string = string, S extends z.ZodObject = z.ZodObject> {
  type: T;
  /** Dutch, for error messages: "Feit", "Oorzaak". */
  label: string;
  /** Version of the fields; stored per record as `v`. Starts at 1; each migration raises it by one. */
  version: number;
  fields: S;
  /** A check across fields (the conclusion's category must belong to its kind); a Dutch message when it fails. */
  check?: (fields: z.output<S>) => string | undefined;
  migrations: readonly RecordMigration[];
  /**
   * Fields stored as a nested Y.Map (field → what a key and a value of it may be), like the cause's
   * `recognisedBy`. The server's update guard allows a nested map nowhere else.
   */
  nestedMaps?: Readonly<Record<string, NestedMapSchema>>;
}

/** The keys and values of a record's nested Y.Map. */
export interface NestedMapSchema {
  key: z.ZodType;
  value: z.ZodType;
}

/**
 * Lifts a record's stored fields from `version - 1` to `version`. Pure and deterministic: readers apply it on
 * the fly to records an older (offline) client wrote after the server migrated, and `migrateBoard` writes the
 * result back; both must agree.
 */
export interface RecordMigration {
  version: number;
  name: string;
  up(fields: Record<string, unknown>): Record<string, unknown>;
}

const stepIdSchema = z.custom<StepId>((v) => isStepId(v), { error: 'Onbekende stap.' });

/** The fields every record has, whatever its type. The author is not one of them: see `recordClientId`. */
export const recordCommonSchema = z.object({
  type: z.string({ error: 'Onbekend soort kaart.' }),
  v: z
    .number({ error: 'Ongeldige versie.' })
    .int({ error: 'Ongeldige versie.' })
    .min(1, { error: 'Ongeldige versie.' }),
  stepId: stepIdSchema,
  order: z.custom<string>((v) => isOrderKey(v), { error: 'Ongeldige volgorde.' }),
  createdAt: z.iso.datetime({ error: 'Ongeldig tijdstip.' }),
});

export type RecordCommonFields = z.output<typeof recordCommonSchema>;

/** A record as readers return it: its id, the common fields, the client that created it and its own fields. */
export type BoardRecord<T extends string, F> = Omit<RecordCommonFields, 'type'> & {
  id: string;
  type: T;
  /** The Yjs client id that created the record; the server maps it to an account. */
  clientId: number | undefined;
} & F;

/** Thrown by write accessors on a value the schema refuses; `message` is Dutch and fit for the user. */
export class RecordValidationError extends Error {
  override name = 'RecordValidationError';
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** A text field with a Dutch length message. Empty is allowed: a new card is created before it is typed in. */
export function textField(max: number): z.ZodString {
  return z
    .string({ error: 'Dit moet tekst zijn.' })
    .max(max, { error: `De tekst is te lang (maximaal ${max} tekens).` });
}

/** "Feit: de tekst is te lang …": a schema message after the name of what it is about. */
export function prefixed(label: string, message: string | undefined): string {
  const text = message ?? 'ongeldige waarde.';
  return `${label}: ${text.charAt(0).toLowerCase()}${text.slice(1)}`;
}

/** Dutch message of the first issue of a failed parse, prefixed with the type's name. */
export function describeIssue(label: string, error: z.ZodError): { message: string; field?: string } {
  const issue = error.issues[0];
  const field = issue?.path[0] === undefined ? undefined : String(issue.path[0]);
  return { message: prefixed(label, issue?.message), ...(field ? { field } : {}) };
}
