/**
 * The norm statuses as the whole app shows them: the colour and shape come from `@koers/analysis/charts`
 * (the board draws the same), the word from the i18n layer.
 */
import type { CellStatus } from '@koers/analysis';
import { m } from '$lib/i18n';

export { NORM_STATUSES, STATUS_LOOK, bandLook, tierStatus, type StatusLook } from '@koers/analysis/charts';

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
