/**
 * Series colours: the Okabe–Ito palette (distinguishable with every common colour-vision deficiency),
 * starting with the app's accent. Norm bands use the status colours of `norm-status.ts`.
 */
export const SERIES_COLOURS = [
  '#0b4f6c',
  '#d55e00',
  '#009e73',
  '#cc79a7',
  '#0072b2',
  '#8c6d00',
  '#56b4e9',
  '#000000',
];

export function seriesColour(index: number): string {
  return SERIES_COLOURS[index % SERIES_COLOURS.length] ?? '#0b4f6c';
}

/** Levels I (top) to V (bottom): a sequential blue scale, dark to light, with the ink to print on it. */
export const LEVEL_COLOURS: Readonly<Record<string, { fill: string; ink: string }>> = {
  I: { fill: '#08306b', ink: '#ffffff' },
  II: { fill: '#2171b5', ink: '#ffffff' },
  III: { fill: '#6baed6', ink: '#17202c' },
  IV: { fill: '#c6dbef', ink: '#17202c' },
  V: { fill: '#f1f4f8', ink: '#17202c' },
  A: { fill: '#08306b', ink: '#ffffff' },
  B: { fill: '#2171b5', ink: '#ffffff' },
  C: { fill: '#6baed6', ink: '#17202c' },
  D: { fill: '#c6dbef', ink: '#17202c' },
  E: { fill: '#f1f4f8', ink: '#17202c' },
};
