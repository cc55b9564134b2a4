/**
 * The dataset routes. JSON calls follow `$lib/api` (its `ApiError`, the server's Dutch `{ error }`, 401 →
 * login page); uploads go through XMLHttpRequest because fetch cannot report upload progress, which a
 * large LVS export (tens of MB) needs.
 */
import { ApiError, errorMessageOf, request, sendToLogin } from '$lib/api';
import type {
  AnalysisAnswer,
  DatasetSummary,
  ImportAnswer,
  ImportChoices,
  ImportRefusal,
  PreviewAnswer,
} from './types';

const datasetPath = (id: string) => `/api/datasets/${encodeURIComponent(id)}`;

/** The school's datasets, newest first. */
export async function listDatasets(): Promise<DatasetSummary[]> {
  return (await request<{ datasets: DatasetSummary[] }>('/api/datasets')).datasets;
}

export async function getDataset(id: string): Promise<DatasetSummary> {
  return (await request<{ dataset: DatasetSummary }>(datasetPath(id))).dataset;
}

/** Removes the dataset and every pupil row in it; returns how many rows went. */
export async function deleteDataset(id: string): Promise<number> {
  return (await request<{ ok: boolean; removedRows: number }>(datasetPath(id), { method: 'DELETE' }))
    .removedRows;
}

/** The aggregate report (no pupil ids or names) for a school year and moment (defaults: the latest). */
export function getAnalysis(id: string, year?: string, moment?: string): Promise<AnalysisAnswer> {
  const query = new URLSearchParams();
  if (year) query.set('year', year);
  if (moment) query.set('moment', moment);
  const q = query.toString();
  return request<AnalysisAnswer>(`${datasetPath(id)}/analysis${q ? `?${q}` : ''}`);
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
