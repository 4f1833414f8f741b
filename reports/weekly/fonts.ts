/**
 * The report's fonts, parsed once per process and shared by every PDF.
 * pdfkit lays out text word by word through fontkit's OpenType shaping, and
 * DejaVu's tables make that the largest cost of a report; its own cache
 * lives and dies with one document. Here the parsed font and each word's
 * layout are kept across documents (pdfkit accepts a fontkit font object),
 * so the Monday job lays out "Crew 1" once, not once per ward.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// fontkit is pdfkit's own font engine (a dependency of pdfkit), used here only to share parsed fonts.
import * as fontkit from 'fontkit';

const here = path.dirname(fileURLToPath(import.meta.url));
/** reports/fonts beside the sources (tsx) or two levels above dist/reports/weekly (compiled). */
const FONT_DIR = [path.resolve(here, '../fonts'), path.resolve(here, '../../../reports/fonts')].find((d) => existsSync(path.join(d, 'DejaVuSans.ttf')))!;
/** Bounds the shared layout cache in a long-running server (distinct words: dates, references, places). */
const MAX_CACHED_WORDS = 50_000;
/**
 * Only kerning: the rest of fontkit's default features (ligatures, mark
 * positioning, contextual forms) do nothing for English report text but
 * walk DejaVu's large lookup tables for every word. Plain letters also keep
 * "fi" searchable as two letters.
 */
const FEATURES = {
  kern: true, ccmp: false, locl: false, rlig: false, mark: false, mkmk: false, calt: false, clig: false, liga: false, rclt: false, curs: false,
};

interface Position {
  xAdvance: number;
  [key: string]: number;
}
interface GlyphRun {
  glyphs: unknown[];
  positions: Position[];
  readonly advanceWidth: number;
}
interface FontkitFont {
  layout(text: string, features?: unknown): GlyphRun;
}

function shared(file: string): FontkitFont {
  const font = fontkit.create(readFileSync(path.join(FONT_DIR, file))) as FontkitFont;
  const layout = font.layout.bind(font);
  const cache = new Map<string, GlyphRun>();
  font.layout = (text, features) => {
    if (features) return layout(text, features);
    let run = cache.get(text);
    if (!run) {
      if (cache.size >= MAX_CACHED_WORDS) cache.clear();
      run = layout(text, FEATURES);
      cache.set(text, run);
    }
    // pdfkit scales positions in place, so every caller gets its own copy of them.
    const positions = run.positions.map((p) => ({ ...p }));
    return {
      glyphs: run.glyphs,
      positions,
      get advanceWidth() {
        return positions.reduce((sum, p) => sum + p.xAdvance, 0);
      },
    };
  };
  return font;
}

let fonts: { body: FontkitFont; bold: FontkitFont } | null = null;

export function reportFonts(): { body: FontkitFont; bold: FontkitFont } {
  fonts ??= { body: shared('DejaVuSans.ttf'), bold: shared('DejaVuSans-Bold.ttf') };
  return fonts;
}
