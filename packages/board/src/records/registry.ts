import { z } from 'zod';
import { ACTION } from './action';
import { BORGING } from './borging';
import { CAUSE } from './cause';
import { CHART_VIEW } from './chart-view';
import { CONCLUSION } from './conclusion';
import { FACT } from './fact';
import { FACTOR } from './factor';
import { GRID_COLUMN } from './grid-column';
import { GROUP_PLAN } from './group-plan';
import { LINK } from './link';
import { prefixed, recordCommonSchema, type RecordDefinition } from './record-type';
import { SOURCE } from './source';
import { VOTE_RESULT } from './vote-result';
import { TEAM_LEARNING } from './team-learning';

/** Every record type of the canvas, by its stored `type`. */
export const RECORD_DEFINITIONS = {
  fact: FACT,
  source: SOURCE,
  factor: FACTOR,
  gridColumn: GRID_COLUMN,
  cause: CAUSE,
  conclusion: CONCLUSION,
  chartView: CHART_VIEW,
  link: LINK,
  voteResult: VOTE_RESULT,
  action: ACTION,
  teamLearning: TEAM_LEARNING,
  groupPlan: GROUP_PLAN,
  borging: BORGING,
} as const;

export type RecordTypeName = keyof typeof RECORD_DEFINITIONS;

export const RECORD_TYPES = Object.keys(RECORD_DEFINITIONS) as RecordTypeName[];

export function isRecordType(value: unknown): value is RecordTypeName {
  return typeof value === 'string' && Object.hasOwn(RECORD_DEFINITIONS, value);
}

export function recordDefinition(type: RecordTypeName): RecordDefinition {
  return RECORD_DEFINITIONS[type] as unknown as RecordDefinition;
}

const schemas = new Map<RecordTypeName, z.ZodType>();

/**
 * The full stored shape of a record of this type (common fields + its own, with its cross-field check), for
 * the server to validate a record as a whole. Stored form: the cause's `recognisedBy` is `{ who: true }`.
 */
export function recordSchema(type: RecordTypeName): z.ZodType {
  let schema = schemas.get(type);
  if (!schema) {
    const def = recordDefinition(type);
    schema = recordCommonSchema
      .extend({ type: z.literal(type, { error: 'Onbekend soort kaart.' }) })
      .extend(def.fields.shape)
      .superRefine((value, ctx) => {
        const problem = def.check?.(value as never);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      });
    schemas.set(type, schema);
  }
  return schema;
}

export type ValueCheck = { ok: true } | { ok: false; message: string };

/**
 * Checks one field value of one record type, as a client would write it into the record's map: what the
 * server's update guard calls per changed key. Unknown fields are refused. Cross-field rules (a conclusion's
 * category against its kind) need the whole record: use {@link recordSchema}.
 *
 * @example validateRecordValue('cause', 'polarity', 'positief') // { ok: true }
 */
export function validateRecordValue(type: string, field: string, value: unknown): ValueCheck {
  if (!isRecordType(type)) return { ok: false, message: 'Onbekend soort kaart.' };
  const def = recordDefinition(type);
  const common = recordCommonSchema.shape as Record<string, z.ZodType>;
  const own = def.fields.shape as Record<string, z.ZodType>;
  const schema =
    field === 'type'
      ? z.literal(type, { error: 'Onbekend soort kaart.' })
      : Object.hasOwn(own, field)
        ? own[field]
        : common[field];
  if (!schema || !(Object.hasOwn(own, field) || Object.hasOwn(common, field))) {
    return { ok: false, message: `${def.label}: onbekend veld ${field}.` };
  }
  if (field === 'v' && typeof value === 'number' && value > def.version) {
    // A client may not claim a newer version than this code knows: readers would skip the record.
    return { ok: false, message: prefixed(def.label, 'Ongeldige versie.') };
  }
  const parsed = schema.safeParse(value);
  return parsed.success
    ? { ok: true }
    : { ok: false, message: prefixed(def.label, parsed.error.issues[0]?.message) };
}
