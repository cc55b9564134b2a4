import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The fonts the PDF and the chart pictures embed, from npm packages (no system fonts: the server's machine
 * need not have any). Roboto (shipped with pdfmake) for the text; DejaVu Sans (`dejavu-fonts-ttf`) for the
 * charts, as it has the status shapes ▲ ◆ ▼ ★ besides every Dutch character.
 */
const require = createRequire(import.meta.url);
const pdfmakeDir = dirname(require.resolve('pdfmake/package.json'));
const dejavuDir = dirname(require.resolve('dejavu-fonts-ttf/package.json'));

export const ROBOTO = {
  normal: join(pdfmakeDir, 'fonts/Roboto/Roboto-Regular.ttf'),
  bold: join(pdfmakeDir, 'fonts/Roboto/Roboto-Medium.ttf'),
  italics: join(pdfmakeDir, 'fonts/Roboto/Roboto-Italic.ttf'),
  bolditalics: join(pdfmakeDir, 'fonts/Roboto/Roboto-MediumItalic.ttf'),
};

export const DEJAVU_SANS = {
  normal: join(dejavuDir, 'ttf/DejaVuSans.ttf'),
  bold: join(dejavuDir, 'ttf/DejaVuSans-Bold.ttf'),
  italics: join(dejavuDir, 'ttf/DejaVuSans-Oblique.ttf'),
  bolditalics: join(dejavuDir, 'ttf/DejaVuSans-BoldOblique.ttf'),
};

/** Every font file above: the only local files the PDF renderer may open. */
export const FONT_FILES: readonly string[] = [...Object.values(ROBOTO), ...Object.values(DEJAVU_SANS)];
