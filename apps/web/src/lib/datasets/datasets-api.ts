/**
 * The dataset routes. JSON calls go through the typed client of `$lib/api` (its `ApiError`, the server's
 * Dutch `{ error }`, 401 → login page), and every answer's type is the server's route type; uploads go
 * through XMLHttpRequest because fetch cannot report upload progress, which a large LVS export (tens of MB)
 * needs.
 */
import type { Field } from '@koers/analysis';
import type { InferResponseType } from 'hono/client';
import { api, ApiError, call, errorMessageOf, sendToLogin } from '$lib/api';

type Datasets = typeof api.datasets;

/** A dataset as `GET /api/datasets` lists it: a summary, never pupil rows. */
export type DatasetSummary = InferResponseType<Datasets['$get'], 200>['datasets'][number];

/** `GET /api/datasets/:id/analysis` without `kind`: the aggregate report (no pupil ids or names). */
export type AnalysisAnswer = Extract<
  InferResponseType<Datasets[':id']['analysis']['$get'], 200>,
  { report: unknown }
>;

/** `POST /api/datasets/preview`: the file read and checked, nothing stored. */
export type PreviewAnswer = InferResponseType<Datasets['preview']['$post'], 200>;
/** One problem in a file, rows numbered as in Excel (header = row 1), with its whole sentence in `text`. */
export type ImportIssue = PreviewAnswer['errors'][number];
/** `POST /api/datasets` 201. */
export type ImportAnswer = InferResponseType<Datasets['$post'], 201>;
/** `POST /api/datasets` 422: the file still has errors; nothing stored. */
export type ImportRefusal = InferResponseType<Datasets['$post'], 422>;

/** The user's choices sent with a preview or an import. */
export interface ImportChoices {
  name?: string;
  /** Canonical field → the file's header. */
  mapping?: Partial<Record<Field, string>>;
  skipRows?: number[];
}

const param = (id: string) => ({ param: { id: encodeURIComponent(id) } });

/** The school's datasets, newest first. */
export async function listDatasets(): Promise<DatasetSummary[]> {
  return (await call(api.datasets.$get())).datasets;
}

export async function getDataset(id: string): Promise<DatasetSummary> {
  return (await call(api.datasets[':id'].$get(param(id)))).dataset;
}

/** Removes the dataset and every pupil row in it; returns how many rows went. */
export async function deleteDataset(id: string): Promise<number> {
  return (await call(api.datasets[':id'].$delete(param(id)))).removedRows;
}

/**
 * The aggregate report (no pupil ids or names) for a school year and moment (defaults: the latest); with
 * `subgroup`, of that subgroup's results only (a board chart narrowed to NT2, say).
 */
export async function getAnalysis(
  id: string,
  year?: string,
  moment?: string,
  subgroup?: string,
): Promise<AnalysisAnswer> {
  const answer = await call(
    api.datasets[':id'].analysis.$get({
      ...param(id),
      query: {
        ...(year ? { year } : {}),
        ...(moment ? { moment } : {}),
        ...(subgroup ? { subgroup } : {}),
      },
    }),
  );
  // Without `kind` the server answers the whole report.
  if (!('report' in answer)) throw new ApiError(500, errorMessageOf(null));
  return answer;
}

/** Upload progress: bytes sent of the total. */
export type UploadProgress = (sent: number, total: number) => void;

function form(file: File, choices: ImportChoices): FormData {
  const data = new FormData();
  data.append('file', file, file.name);
  if (choices.name?.trim()) data.append('name', choices.name.trim());
  if (choices.mapping && Object.keys(choices.mapping).length > 0)
    data.append('mapping', JSON.stringify(choices.mapping));
  if (choices.skipRows && choices.skipRows.length > 0) data.append('skipRows', choices.skipRows.join(','));
  return data;
}

function upload(
  path: string,
  body: FormData,
  onProgress?: UploadProgress,
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    if (onProgress) xhr.upload.onprogress = (event) => onProgress(event.loaded, event.total);
    xhr.onload = () => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(xhr.responseText);
      } catch {
        parsed = null;
      }
      resolve({ status: xhr.status, body: parsed });
    };
    xhr.onerror = () => reject(new ApiError(0, 'network error'));
    xhr.send(body);
  });
}

/** Reads and checks the file with the user's choices; the server stores nothing. */
export async function previewImport(
  file: File,
  choices: ImportChoices,
  onProgress?: UploadProgress,
): Promise<PreviewAnswer> {
  const answer = await upload('/api/datasets/preview', form(file, choices), onProgress);
  if (answer.status === 401) sendToLogin();
  if (answer.status !== 200) throw new ApiError(answer.status, errorMessageOf(answer.body));
  return answer.body as PreviewAnswer;
}

/**
 * Imports the file all-or-nothing: `{ ok: true, … }` with the new dataset, or `{ ok: false, … }` with the
 * errors that remain (422: nothing stored).
 */
export async function importDataset(
  file: File,
  choices: ImportChoices,
  onProgress?: UploadProgress,
): Promise<({ ok: true } & ImportAnswer) | ({ ok: false } & ImportRefusal)> {
  const answer = await upload('/api/datasets', form(file, choices), onProgress);
  if (answer.status === 201) return { ok: true, ...(answer.body as ImportAnswer) };
  if (answer.status === 422) return { ok: false, ...(answer.body as ImportRefusal) };
  if (answer.status === 401) sendToLogin();
  throw new ApiError(answer.status, errorMessageOf(answer.body));
}
