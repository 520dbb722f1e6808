/**
 * Layout of a grouped horizontal bar chart: one group per triangle level, one bar per
 * municipality, all on one scale. Pure geometry, drawn as SVG by PeerComparisonPage.
 */

export const CHART_WIDTH = 720;
const LABEL_WIDTH = 220;
const VALUE_SPACE = 70;
const BAR_HEIGHT = 18;
const ROW_HEIGHT = 26;
const GROUP_HEADING = 30;
const GROUP_GAP = 14;
const MARGIN = 8;
export const BAR_X = LABEL_WIDTH;

export interface BarInput {
  key: string;
  label: string;
  value: number;
  highlight: boolean;
}

export interface BarGroupInput {
  key: string;
  label: string;
  bars: BarInput[];
}

export interface BarShape extends BarInput {
  y: number;
  width: number;
  height: number;
  /** Where the label's and the value's text baseline is. */
  textY: number;
}

export interface BarGroupShape {
  key: string;
  label: string;
  headingY: number;
  bars: BarShape[];
}

export function layoutBars(groups: BarGroupInput[]): { width: number; height: number; groups: BarGroupShape[] } {
  const max = Math.max(0, ...groups.flatMap((g) => g.bars.map((b) => b.value)));
  const scale = max > 0 ? (CHART_WIDTH - LABEL_WIDTH - VALUE_SPACE - MARGIN) / max : 0;
  let y = MARGIN;
  const shapes = groups.map((group) => {
    const headingY = y + 18;
    y += GROUP_HEADING;
    const bars = group.bars.map((bar) => {
      const shape = { ...bar, y: y + (ROW_HEIGHT - BAR_HEIGHT) / 2, width: Math.max(bar.value > 0 ? 2 : 0, bar.value * scale), height: BAR_HEIGHT, textY: y + ROW_HEIGHT / 2 + 5 };
      y += ROW_HEIGHT;
      return shape;
    });
    y += GROUP_GAP;
    return { key: group.key, label: group.label, headingY, bars };
  });
  return { width: CHART_WIDTH, height: y + MARGIN - GROUP_GAP, groups: shapes };
}
