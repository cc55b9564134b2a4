import type { ChartKind } from '@koers/board';
import { m } from '$lib/i18n';

/** A chart view's kind in the interface language. */
export function chartKindLabel(kind: ChartKind): string {
  switch (kind) {
    case 'overzicht':
      return m.canvas_kind_overzicht();
    case 'normen':
      return m.canvas_kind_normen();
    case 'trend-jaargroep':
      return m.canvas_kind_trend_jaargroep();
    case 'trend-leerlingengroep':
      return m.canvas_kind_trend_leerlingengroep();
    case 'domeinen':
      return m.canvas_kind_domeinen();
    case 'subgroepen':
      return m.canvas_kind_subgroepen();
    case 'parallelgroepen':
      return m.canvas_kind_parallelgroepen();
    case 'zorg':
      return m.canvas_kind_zorg();
    case 'datakwaliteit':
      return m.canvas_kind_datakwaliteit();
  }
}
