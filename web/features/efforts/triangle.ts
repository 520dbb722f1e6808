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

export interface TriangleBandShape {
  level: TTriangleLevel;
  /** The band's outline as SVG polygon points. */
  points: string;
  top: number;
  bottom: number;
  /** The middle of the band, where its count stands. */
  centreX: number;
  countY: number;
  /** The leader line from the band's right edge to its words. */
  leader: { x1: number; y1: number; x2: number; y2: number };
  /** The first line of the band's words. */
  textY: number;
}

/** The triangle's half width at height `y`: zero at the tip, half the base at the bottom. */
function halfWidthAt(y: number): number {
  return ((y - TOP) / (BOTTOM - TOP)) * (BASE / 2);
}

const round = (n: number) => Math.round(n * 10) / 10;

export function layoutTriangle(): TriangleBandShape[] {
  const centreX = LEFT + BASE / 2;
  const height = (BOTTOM - TOP) / LEVELS_TOP_DOWN.length;
  return LEVELS_TOP_DOWN.map((level, index) => {
    const top = TOP + index * height;
    const bottom = top + height;
    const [ht, hb] = [halfWidthAt(top), halfWidthAt(bottom)];
    const corners = index === 0 ? [[centreX, top]] : [[centreX - ht, top], [centreX + ht, top]];
    const points = [...corners, [centreX + hb, bottom], [centreX - hb, bottom]].map(([x, y]) => `${round(x)},${round(y)}`).join(' ');
    // The tip is narrow: its count sits low, where the band is widest.
    const countY = index === 0 ? top + height * 0.72 : top + height * 0.58;
    const middle = top + height / 2;
    return {
      level,
      points,
      top: round(top),
      bottom: round(bottom),
      centreX,
      countY: round(countY),
      leader: { x1: round(centreX + halfWidthAt(middle) + 6), y1: round(middle), x2: TEXT_X - 8, y2: round(middle) },
      textY: round(middle - 30),
    };
  });
}
