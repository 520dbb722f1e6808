/**
 * Geometry of the prevention triangle: three horizontal bands, the individual level at the
 * narrow tip, the targeted level in the middle and the general level at the wide base. Each
 * band's words stand to the right of the triangle, joined to it by a short line. Pure
 * geometry, drawn as SVG by TrianglePage.
 */
import type { TTriangleLevel } from '../../../contracts/organisation.ts';
import { LEVELS_TOP_DOWN } from './labels.ts';

export const TRIANGLE_WIDTH = 880;
export const TRIANGLE_HEIGHT = 432;
const TOP = 16;
const BOTTOM = TRIANGLE_HEIGHT - 16;
const LEFT = 16;
const BASE = 500;
/** Where the words of each band begin. */
export const TEXT_X = BASE + LEFT + 48;

/**
 * On a phone the words cannot stand beside the triangle and stay readable: the triangle takes
 * the width, and each band's words stand below it in turn, marked by a square in the band's
 * colour instead of a leader line.
 */
const NARROW = { width: 360, top: 16, bottom: 232, base: 328, textX: 40, firstText: 276, block: 118 };

export interface TriangleBandShape {
  level: TTriangleLevel;
  /** The band's outline as SVG polygon points. */
  points: string;
  top: number;
  bottom: number;
  /** The middle of the band, where its count stands. */
  centreX: number;
  countY: number;
  /** The leader line from the band's right edge to its words (beside the triangle). */
  leader: { x1: number; y1: number; x2: number; y2: number } | null;
  /** The square in the band's colour before its words (below the triangle). */
  swatch: { x: number; y: number; size: number } | null;
  /** Where the band's words begin: the first line's baseline. */
  textX: number;
  textY: number;
}

export interface TriangleLayout {
  width: number;
  height: number;
  bands: TriangleBandShape[];
}

const round = (n: number) => Math.round(n * 10) / 10;

export function layoutTriangle(narrow = false): TriangleLayout {
  const [top0, bottom0, left, base] = narrow ? [NARROW.top, NARROW.bottom, LEFT, NARROW.base] : [TOP, BOTTOM, LEFT, BASE];
  // The triangle's half width at height `y`: zero at the tip, half the base at the bottom.
  const halfWidthAt = (y: number) => ((y - top0) / (bottom0 - top0)) * (base / 2);
  const centreX = left + base / 2;
  const height = (bottom0 - top0) / LEVELS_TOP_DOWN.length;
  const bands = LEVELS_TOP_DOWN.map((level, index) => {
    const top = top0 + index * height;
    const bottom = top + height;
    const [ht, hb] = [halfWidthAt(top), halfWidthAt(bottom)];
    const corners = index === 0 ? [[centreX, top]] : [[centreX - ht, top], [centreX + ht, top]];
    const points = [...corners, [centreX + hb, bottom], [centreX - hb, bottom]].map(([x, y]) => `${round(x)},${round(y)}`).join(' ');
    // The tip is narrow: its count sits low, where the band is widest.
    const countY = index === 0 ? top + height * 0.72 : top + height * 0.58;
    const middle = top + height / 2;
    const textY = narrow ? NARROW.firstText + index * NARROW.block : round(middle - 30);
    return {
      level,
      points,
      top: round(top),
      bottom: round(bottom),
      centreX,
      countY: round(countY),
      leader: narrow ? null : { x1: round(centreX + halfWidthAt(middle) + 6), y1: round(middle), x2: TEXT_X - 8, y2: round(middle) },
      swatch: narrow ? { x: LEFT, y: textY - 14, size: 16 } : null,
      textX: narrow ? NARROW.textX : TEXT_X,
      textY,
    };
  });
  return narrow
    ? { width: NARROW.width, height: NARROW.firstText + LEVELS_TOP_DOWN.length * NARROW.block - 8, bands }
    : { width: TRIANGLE_WIDTH, height: TRIANGLE_HEIGHT, bands };
}
