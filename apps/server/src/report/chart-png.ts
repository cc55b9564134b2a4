import { renderAsync } from '@resvg/resvg-js';
import { DEJAVU_SANS } from './fonts';

/**
 * A chart's SVG as a PNG, for word processors that show no SVG (the DOCX fallback image). resvg ships its
 * native binary inside npm packages; it gets the embedded fonts only (no system fonts), so the picture is
 * the same on every machine. Rendered off the main thread (resvg's async render runs on libuv's pool), so
 * a document's charts render side by side and the server keeps answering meanwhile.
 */
export async function svgToPng(svg: string, width: number): Promise<Buffer> {
  const image = await renderAsync(svg, {
    fitTo: { mode: 'width', value: width },
    background: '#ffffff',
    font: {
      loadSystemFonts: false,
      // The regular face only: each render parses its fonts anew, and a bold title in the fallback picture is not
      // worth a second parse.
      fontFiles: [DEJAVU_SANS.normal],
      defaultFontFamily: 'DejaVu Sans',
      sansSerifFamily: 'DejaVu Sans',
    },
  });
  return image.asPng();
}
