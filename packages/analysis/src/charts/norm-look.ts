/**
 * The norm statuses as every view shows them (board-ux: never colour alone): a colour AND a shape, with
 * a word the app adds in the user's language. The palette is a purple–orange diverging scale (safe for the
 * common colour-vision deficiencies); the shapes read top to bottom: ▼ below the minimum, ◆ minimum,
 * ▲ streef, ★ ambitie.
 */
import type { CellStatus } from '../norms/evaluate';

export interface StatusLook {
  /** Cell or bar fill. */
  fill: string;
  /** Text on that fill (WCAG AA against it). */
  ink: string;
  /** Line/marker colour on a white chart (AA as a graphic, 3:1). */
  stroke: string;
  /** A light tint for a norm band behind a chart's lines and bars. */
  band: string;
  shape: string;
}

export const STATUS_LOOK: Readonly<Record<CellStatus, StatusLook>> = {
  'onder-minimum': { fill: '#9a4a05', ink: '#ffffff', stroke: '#9a4a05', shape: '▼', band: '#fbe3cf' },
  minimum: { fill: '#fdd9a8', ink: '#17202c', stroke: '#c06a00', shape: '◆', band: '#fff0d9' },
  streef: { fill: '#cfc9ea', ink: '#17202c', stroke: '#6a5aa8', shape: '▲', band: '#ece9f6' },
  ambitie: { fill: '#4b1f7a', ink: '#ffffff', stroke: '#4b1f7a', shape: '★', band: '#ddd6ef' },
  'geen-norm': { fill: '#eef1f4', ink: '#4a5565', stroke: '#8a96a6', shape: '–', band: '#f3f5f8' },
  onbekend: { fill: '#f7f7f7', ink: '#4a5565', stroke: '#8a96a6', shape: '?', band: '#f7f7f7' },
};

/** The four statuses of the legend, lowest first. */
export const NORM_STATUSES: readonly CellStatus[] = ['onder-minimum', 'minimum', 'streef', 'ambitie'];

/** The norm tier of a band ("minimum" | "streef" | "ambitie") as a status, for colouring bands. */
export function tierStatus(tier: string): CellStatus {
  return tier === 'minimum' || tier === 'streef' || tier === 'ambitie' ? tier : 'geen-norm';
}

/** The look of a band's tier. */
export function bandLook(tier: string): StatusLook {
  return STATUS_LOOK[tierStatus(tier)];
}

/** How many points of a chart have each of the four statuses (a heatmap's summary). */
export function statusCounts(
  points: readonly { status?: CellStatus }[],
): { status: CellStatus; count: number }[] {
  return NORM_STATUSES.map((status) => ({
    status,
    count: points.filter((p) => p.status === status).length,
  }));
}
