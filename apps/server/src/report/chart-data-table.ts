import { STATUS_LABEL, type CellStatus } from '@koers/analysis';
import { chartTable, type ChartSpec } from '@koers/analysis/charts';
import { formatNumber } from '@koers/board';

/** A chart's numbers as a plain table of strings (the "Toon als tabel" view), for text formats. */
export interface DataTable {
  header: string[];
  rows: string[][];
  notes: string[];
}

/** The norm statuses a cell names in words (the picture gives them as colour and shape). */
const NORM_STATUSES: readonly CellStatus[] = ['onder-minimum', 'minimum', 'streef', 'ambitie'];

/**
 * A cell: the value with its unit, its norm status in words when it has one (a table has no colour or
 * shape), and "n < 5" for a small group: "57,7 (onder de minimumnorm)", "50% (n < 5)".
 */
function cell(
  point: { y: number | null; n: number; small: boolean; status?: CellStatus } | null,
  percent: boolean,
): string {
  if (!point || point.y === null) return '–';
  const v = `${formatNumber(point.y)}${percent ? '%' : ''}`;
  const marks = [
    point.status && NORM_STATUSES.includes(point.status) ? STATUS_LABEL[point.status] : '',
    point.small ? 'n < 5' : '',
  ].filter(Boolean);
  return marks.length > 0 ? `${v} (${marks.join(', ')})` : v;
}

export function chartDataTable(spec: ChartSpec): DataTable {
  const table = chartTable(spec);
  const stacked = table.layout === 'stacked';
  const header = [table.corner, ...table.columns, ...(stacked ? ['n'] : [])];
  const rows = table.rows.map((row) => [
    row.label,
    ...row.cells.map((c) => cell(c.point, table.percent)),
    ...(stacked && row.n ? [row.n.small ? 'n < 5' : String(row.n.n)] : []),
  ]);
  const notes = [
    ...table.bands.map((b) => `Norm ${b.label}: ${formatNumber(b.from)}${table.percent ? '%' : ''}`),
    ...table.notes,
  ];
  return { header, rows, notes };
}
