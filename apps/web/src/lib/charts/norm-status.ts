/**
 * The four norm statuses as the whole app shows them: a colour AND a shape AND a word, so nobody depends
 * on telling colours apart (board-ux: never red/green alone). The palette is a purple–orange diverging
 * scale (safe for the common colour-vision deficiencies); the shapes read top to bottom: ▼ below the
 * minimum, ◆ minimum, ▲ streef, ★ ambitie.
 */
import type { CellStatus } from '$lib/datasets/types';
import { m } from '$lib/i18n';

export interface StatusLook {
  /** Cell or band fill. */
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

/** The short word on a cell or badge ("onder minimum", "streef", …). */
export function statusLabel(status: CellStatus): string {
  switch (status) {
    case 'onder-minimum':
      return m.results_status_below();
    case 'minimum':
      return m.results_status_minimum();
    case 'streef':
      return m.results_status_streef();
    case 'ambitie':
      return m.results_status_ambitie();
    case 'geen-norm':
      return m.results_status_none();
    case 'onbekend':
      return m.results_status_unknown();
  }
}

/** The norm tier of a band ("minimum" | "streef" | "ambitie") as a status, for colouring bands. */
export function tierStatus(tier: string): CellStatus {
  return tier === 'minimum' || tier === 'streef' || tier === 'ambitie' ? tier : 'geen-norm';
}
