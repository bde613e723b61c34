/**
 * Renders a diagram SVG to PNG with resvg, with the shipped font only (no system fonts), so
 * the picture is the same on every machine. Used by `npm run diagram:png` and the tests only
 * (resvg and the font are dev dependencies; `npm run diagram` never loads this module).
 */
import { Resvg } from '@resvg/resvg-js';
import { FONT_FAMILY, fontFiles } from './font';

export interface PngResult {
  readonly png: Buffer;
  readonly width: number;
  readonly height: number;
}

export function renderPng(svg: string, width: number): PngResult {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: width },
    font: { loadSystemFonts: false, fontFiles: fontFiles(), defaultFontFamily: FONT_FAMILY },
    background: 'white',
  });
  const image = resvg.render();
  return { png: image.asPng(), width: image.width, height: image.height };
}

/** The width resvg gives `text` set in the shipped font (bold or regular) at `size` points. */
export function textWidth(text: string, size: number, bold: boolean): number {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="4000" height="200"><text x="0" y="100" font-family="${FONT_FAMILY}" font-size="${size}"${bold ? ' font-weight="bold"' : ''}>${escaped}</text></svg>`;
  const resvg = new Resvg(svg, {
    font: { loadSystemFonts: false, fontFiles: fontFiles(), defaultFontFamily: FONT_FAMILY },
  });
  return resvg.getBBox()?.width ?? 0;
}
