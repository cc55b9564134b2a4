import type { Context } from 'hono';
import {
  CANONICAL_HEADER,
  MOMENTS,
  type ExplicitMapping,
  type Field,
  type ImportDefaults,
  type Moment,
} from '@koers/analysis';
import { httpError } from '../auth/access';

/** Largest LVS export accepted: a whole school over many years is a few MB, so this is generous. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

/** The Dutch answer to a file over the limit (413). */
export function uploadTooLargeMessage(maxBytes: number): string {
  return `Het bestand is te groot: maximaal ${Math.round(maxBytes / (1024 * 1024))} MB.`;
}

/** Header that names the file when the body is the raw file (percent-encoded when not ASCII). */
export const FILENAME_HEADER = 'x-koers-filename';

/** An uploaded LVS export with the user's choices about it. */
export interface Upload {
  bytes: Uint8Array;
  fileName: string | null;
  /** Dataset name as the user typed it (else derived from the file name). */
  name: string | null;
  mapping: ExplicitMapping | undefined;
  skipRows: number[] | undefined;
  defaults: ImportDefaults | undefined;
}

const FIELDS = new Set(Object.keys(CANONICAL_HEADER));

function parseMapping(raw: string | undefined): ExplicitMapping | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw httpError(400, 'De kolomkeuze is ongeldig: verwacht een JSON-object (veld → kolomkop).');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw httpError(400, 'De kolomkeuze is ongeldig: verwacht een JSON-object (veld → kolomkop).');
  const mapping: ExplicitMapping = {};
  for (const [field, header] of Object.entries(value)) {
    if (!FIELDS.has(field)) throw httpError(400, `De kolomkeuze noemt een onbekend veld: '${field}'.`);
    if (typeof header !== 'string' || header.trim() === '')
      throw httpError(400, `De kolomkeuze voor '${field}' moet een kolomkop zijn.`);
    mapping[field as Field] = header;
  }
  return mapping;
}

function parseSkipRows(raw: string | undefined): number[] | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  let list: unknown;
  try {
    list = raw.trim().startsWith('[') ? JSON.parse(raw) : raw.split(',').map((s) => Number(s.trim()));
  } catch {
    list = null;
  }
  if (!Array.isArray(list) || !list.every((n) => Number.isInteger(n) && n >= 2))
    throw httpError(400, 'Over te slaan rijen: geef rijnummers (2 of hoger), bijvoorbeeld 5,7.');
  return list as number[];
}

function parseDefaults(
  schoolYear: string | undefined,
  moment: string | undefined,
): ImportDefaults | undefined {
  const defaults: ImportDefaults = {};
  if (schoolYear !== undefined && schoolYear.trim() !== '') {
    if (!/^\d{4}-\d{4}$/.test(schoolYear.trim()))
      throw httpError(400, "Schooljaar: schrijf het als '2025-2026'.");
    defaults.schoolYear = schoolYear.trim();
  }
  if (moment !== undefined && moment.trim() !== '') {
    const m = moment.trim().toUpperCase();
    if (!(MOMENTS as readonly string[]).includes(m)) throw httpError(400, 'Toetsmoment: kies B, M of E.');
    defaults.moment = m as Moment;
  }
  return Object.keys(defaults).length > 0 ? defaults : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function decodeFileName(raw: string | undefined): string | null {
  if (raw === undefined || raw.trim() === '') return null;
  try {
    return decodeURIComponent(raw.trim());
  } catch {
    return raw.trim();
  }
}

/**
 * Reads an upload: `multipart/form-data` with a `file` field (and optional fields `name`, `mapping` (JSON),
 * `skipRows` (`5,7` or `[5,7]`), `schoolYear`, `moment`), or the raw file as the body with its name in the
 * `X-Koers-Filename` header and the same options as query parameters. The body size is limited by the
 * route (bodyLimit) before this runs.
 */
export async function readUpload(c: Context): Promise<Upload> {
  const type = c.req.header('content-type') ?? '';
  if (type.startsWith('multipart/form-data')) {
    const form = await c.req.parseBody().catch(() => {
      throw httpError(400, 'Het formulier kon niet worden gelezen.');
    });
    const file = form.file;
    if (!(file instanceof File)) throw httpError(400, 'Kies een bestand (CSV of Excel) om te importeren.');
    return {
      bytes: new Uint8Array(await file.arrayBuffer()),
      fileName: file.name || null,
      name: text(form.name)?.trim() || null,
      mapping: parseMapping(text(form.mapping)),
      skipRows: parseSkipRows(text(form.skipRows)),
      defaults: parseDefaults(text(form.schoolYear), text(form.moment)),
    };
  }
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  return {
    bytes,
    fileName: decodeFileName(c.req.header(FILENAME_HEADER)),
    name: c.req.query('name')?.trim() || null,
    mapping: parseMapping(c.req.query('mapping')),
    skipRows: parseSkipRows(c.req.query('skipRows')),
    defaults: parseDefaults(c.req.query('schoolYear'), c.req.query('moment')),
  };
}
