import { renderSVG } from 'uqr';

/** A QR code of `text` as an image URL: rendered here to SVG, so no network and no script in the markup. */
export function qrDataUrl(text: string): string {
  const svg = renderSVG(text, { border: 2 });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
