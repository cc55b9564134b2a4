export {
  REPORT_SECTION_IDS,
  REPORT_SECTION_TITLE,
  buildReport,
  type Report,
  type ReportChart,
  type ReportGroup,
  type ReportItem,
  type ReportOptions,
  type ReportSection,
  type ReportSectionId,
} from './build-report';
export { SMALL_GROUP, formatDate, formatNumber, formatValue } from './format-value';
export { fillExampleStudyDay, type ExampleStudyDay } from './example-board';
