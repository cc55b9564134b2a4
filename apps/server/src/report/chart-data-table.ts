import { chartTable, type ChartSpec } from '@koers/analysis/charts';
import { formatNumber } from '@koers/board';

/** A chart's numbers as a plain table of strings (the "Toon als tabel" view), for text formats. */
export interface DataTable {
  header: string[];
  rows: string[][];
  notes: string[];
}

/** A cell: the value with its unit and status shape-free, and "n < 5" for a small group. */
function cell(point: { y: number | null; n: number; small: boolean } | null, percent: boolean): string {
  if (!point || point.y === null) return '–';
  const v = `${formatNumber(point.y)}${percent ? '%' : ''}`;
  return point.small ? `${v} (n < 5)` : v;
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
