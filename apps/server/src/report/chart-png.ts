import { Resvg } from '@resvg/resvg-js';
import { DEJAVU_SANS } from './fonts';

/**
 * A chart's SVG as a PNG, for word processors that show no SVG (the DOCX fallback image). resvg ships its
 * native binary inside npm packages; it gets the embedded fonts only (no system fonts), so the picture is
 * the same on every machine.
 */
export function svgToPng(svg: string, width: number): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: width },
    background: '#ffffff',
    font: {
      loadSystemFonts: false,
      fontFiles: [DEJAVU_SANS.normal, DEJAVU_SANS.bold],
      defaultFontFamily: 'DejaVu Sans',
      sansSerifFamily: 'DejaVu Sans',
    },
  });
  return resvg.render().asPng();
}
