import { RECORD_ID_PATTERN, isStepId, type StepId } from '@koers/board';
import { z } from 'zod';

/**
 * The facilitation protocol: JSON payloads of stateless messages (MessageType.STATELESS) on the board's sync
 * socket, so one socket carries the document, presence and the session. Every payload has `v` (this version)
 * and `t` (its type). The full description for client authors is in apps/server/README.md.
 */
export const PROTOCOL_VERSION = 1;

/** Largest payload accepted, in UTF-8 bytes. */
export const MAX_PAYLOAD_BYTES = 16 * 1024;

/** Draft cards one person may write in one silent round. */
export const MAX_DRAFTS_PER_PERSON = 50;

/** Timer bounds: 10 seconds to 4 hours; an extension adds 10 seconds to 1 hour. */
export const TIMER_MIN_MS = 10_000;
export const TIMER_MAX_MS = 4 * 60 * 60 * 1000;
export const EXTEND_MAX_MS = 60 * 60 * 1000;

/** Dots per person in a blind vote. */
export const MAX_DOTS_PER_PERSON = 20;

/** The card kinds a silent round can collect. */
export const DRAFT_KINDS = ['fact', 'cause'] as const;
export type DraftKind = (typeof DRAFT_KINDS)[number];

const stepId = z.custom<StepId>((v) => isStepId(v), { error: 'Onbekende stap.' });
const recordId = z.string().regex(RECORD_ID_PATTERN, { error: 'Onbekende kaart.' });
const requestId = z.string().min(1).max(64).optional();

/** Commands only the facilitating leider may give (`board:facilitate`). */
const leaderCommands = [
  z.object({ t: z.literal('session.start'), stepId: stepId.optional() }),
  z.object({ t: z.literal('session.stop') }),
  z.object({ t: z.literal('session.takeOver') }),
  z.object({ t: z.literal('step.go'), stepId }),
  z.object({ t: z.literal('follow.set'), follow: z.boolean() }),
  z.object({ t: z.literal('timer.start'), durationMs: z.number().int().min(TIMER_MIN_MS).max(TIMER_MAX_MS) }),
  z.object({ t: z.literal('timer.stop') }),
  z.object({ t: z.literal('timer.extend'), byMs: z.number().int().min(TIMER_MIN_MS).max(EXTEND_MAX_MS) }),
  z.object({ t: z.literal('step.open'), stepId }),
  z.object({ t: z.literal('step.close'), stepId }),
  z.object({
    t: z.literal('spotlight.set'),
    target: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('record'), recordId }),
      z.object({ kind: z.literal('chart'), viewId: recordId }),
    ]),
  }),
  z.object({ t: z.literal('spotlight.clear') }),
  z.object({ t: z.literal('summon') }),
  z.object({
    t: z.literal('silent.start'),
    stepId,
    kinds: z.array(z.enum(DRAFT_KINDS)).min(1).max(DRAFT_KINDS.length),
    anonymous: z.boolean(),
  }),
  z.object({ t: z.literal('silent.reveal'), anonymous: z.boolean().optional() }),
  z.object({ t: z.literal('silent.cancel') }),
  z.object({
    t: z.literal('vote.start'),
    stepId,
    dotsPerPerson: z.number().int().min(1).max(MAX_DOTS_PER_PERSON),
    question: z.string().max(200).optional(),
  }),
  z.object({ t: z.literal('vote.close') }),
  z.object({ t: z.literal('vote.cancel') }),
] as const;

/** Commands every member who may write the board may give, about herself only (`board:write`). */
const memberCommands = [
  z.object({ t: z.literal('ready.set'), ready: z.boolean() }),
  z.object({
    t: z.literal('draft.save'),
    /** Absent: a new draft. Present: an edit of one's own draft. */
    draftId: recordId.optional(),
    kind: z.enum(DRAFT_KINDS),
    /** Bounded again by the record schema (fact/cause text) when saved. */
    text: z.string().max(4000),
    polarity: z.enum(['positief', 'negatief']).optional(),
  }),
  z.object({ t: z.literal('draft.delete'), draftId: recordId }),
  z.object({ t: z.literal('dot.place'), recordId }),
  z.object({ t: z.literal('dot.remove'), recordId }),
] as const;

/** Anyone on the socket, the projector included. */
const readCommands = [z.object({ t: z.literal('state.get') })] as const;

export const LEADER_COMMAND_TYPES: ReadonlySet<string> = new Set(leaderCommands.map((c) => c.shape.t.value));
export const MEMBER_COMMAND_TYPES: ReadonlySet<string> = new Set(memberCommands.map((c) => c.shape.t.value));

export const commandSchema = z.discriminatedUnion('t', [
  ...leaderCommands,
  ...memberCommands,
  ...readCommands,
]);

export type Command = z.output<typeof commandSchema>;
export type CommandOf<T extends Command['t']> = Extract<Command, { t: T }>;

/** Why a message was refused; `message` is Dutch and fit for the user. */
export type ErrorCode =
  | 'malformed'
  | 'too-large'
  | 'unsupported-version'
  | 'rate-limited'
  | 'forbidden'
  | 'not-leader'
  | 'no-session'
  | 'invalid';

export class CommandError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CommandError';
  }
}

export type ParsedMessage =
  | { ok: true; id: string | undefined; command: Command }
  | { ok: false; id: string | undefined; error: CommandError };

/** Parse one payload: size, JSON, version, then the command's own shape. Never throws. */
export function parseMessage(payload: string): ParsedMessage {
  // Cheap first: a string of more than MAX chars has more than MAX bytes; only then count the bytes.
  if (payload.length > MAX_PAYLOAD_BYTES || Buffer.byteLength(payload, 'utf8') > MAX_PAYLOAD_BYTES) {
    return { ok: false, id: undefined, error: new CommandError('too-large', 'Dit bericht is te groot.') };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(payload);
  } catch {
    return { ok: false, id: undefined, error: new CommandError('malformed', 'Dit bericht is onleesbaar.') };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, id: undefined, error: new CommandError('malformed', 'Dit bericht is onleesbaar.') };
  }
  const record = raw as Record<string, unknown>;
  const id = requestId.safeParse(record.id);
  const reqId = id.success ? id.data : undefined;
  if (record.v !== PROTOCOL_VERSION) {
    return {
      ok: false,
      id: reqId,
      error: new CommandError(
        'unsupported-version',
        'Deze versie van Koers wordt niet ondersteund. Herlaad de pagina.',
      ),
    };
  }
  const parsed = commandSchema.safeParse(record);
  if (!parsed.success) {
    return { ok: false, id: reqId, error: new CommandError('malformed', 'Dit verzoek klopt niet.') };
  }
  return { ok: true, id: reqId, command: parsed.data };
}
