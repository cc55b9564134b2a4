/**
 * Datasets: a school's imported LVS results on the server (never in a board document), its norms, and the
 * aggregate view that charts and the projector receive. Routes: `../routes/datasets.routes.ts`.
 */
export { DatasetStore, createDatasetStore, type DatasetSummary, type StoredNorms } from './dataset-store';
export {
  ANALYSIS_KINDS,
  aggregateReport,
  isAnalysisKind,
  type AggregateDataQuality,
  type AggregateReport,
  type AggregateZorg,
  type AnalysisKind,
} from './aggregate-view';
export { FILENAME_HEADER, MAX_UPLOAD_BYTES, readUpload, type Upload } from './upload';
export { createDatasetRoutes, PREVIEW_ROWS, type DatasetRoutesDeps } from '../routes/datasets.routes';
