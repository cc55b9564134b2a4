/**
 * The part of pdfmake 0.3's server API the PDF renderer uses. (`@types/pdfmake` would pull a second
 * `@types/node` major into the workspace; the document definition is plain data checked by pdf.test.ts.)
 */
declare module 'pdfmake' {
  interface CreatedPdf {
    getBuffer(): Promise<Uint8Array>;
  }
  type FontFiles = Record<'normal' | 'bold' | 'italics' | 'bolditalics', string>;
  const pdfmake: {
    setFonts(fonts: Record<string, FontFiles>): void;
    setUrlAccessPolicy(callback: (url: string) => boolean): void;
    setLocalAccessPolicy(callback: (path: string) => boolean): void;
    createPdf(definition: object): CreatedPdf;
  };
  export default pdfmake;
}
