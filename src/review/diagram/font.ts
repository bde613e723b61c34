/**
 * The one font of the diagram: Arimo, shipped as TrueType by the `@expo-google-fonts/arimo`
 * npm package (SIL Open Font License), so the PNG is the same on every machine.
 *
 * Why Arimo: Graphviz compiled to WebAssembly has no font files and no text shaper; it sizes
 * every label from metric tables compiled into it (lib/common/textspan_lut.c), and the
 * Arial/Helvetica table lists Arimo among the metric-compatible families (Graphviz
 * lib/common/textspan_lut.c, "helvetica|arial|...|liberationsans|arimo|..."). Arimo's advance
 * widths are Arial's, so the boxes Graphviz lays out fit the text resvg draws with this file
 * (test/review/diagram.test.ts measures it). A web font (woff2) would not do: resvg reads
 * TrueType/OpenType only, and a font outside Graphviz's tables is laid out with Times widths.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The family name the DOT asks for and the SVG names. */
export const FONT_FAMILY = 'Arimo';

/** What a viewer without Arimo uses instead: the same metrics (Arial, Liberation Sans). */
export const SVG_FONT_FAMILY = 'Arimo,Arial,Liberation Sans,Helvetica,sans-serif';

/** Regular and bold TrueType files (the diagram uses no italics). */
export function fontFiles(): string[] {
  // createRequire, not require.resolve: the bundler must leave the package on disk.
  const root = dirname(createRequire(__filename).resolve('@expo-google-fonts/arimo/package.json'));
  return [
    join(root, '400Regular', 'Arimo_400Regular.ttf'),
    join(root, '700Bold', 'Arimo_700Bold.ttf'),
  ];
}
