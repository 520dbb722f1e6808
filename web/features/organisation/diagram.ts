/**
 * Layout of the three-level diagram: one band per level (strategic at the top), a box per
 * forum, the police district's shared forums first in their band, and reporting lines from
 * each forum up to the forum it reports to. Pure geometry, drawn as SVG by DiagramPage.
 */
import { FORUM_LEVELS, type TForumLevel, type TLevelDiagram } from '../../../contracts/organisation.ts';

type DiagramForum = TLevelDiagram['forums'][number];

export const BOX_WIDTH = 184;
export const BOX_HEIGHT = 76;
const GAP_X = 24;
const ROW_GAP = 28;
const LABEL_HEIGHT = 34;
const BAND_BOTTOM = 26;
const MARGIN = 16;
const MAX_PER_ROW = 4;
const MIN_WIDTH = 4 * BOX_WIDTH + 3 * GAP_X + 2 * MARGIN;

export interface Band {
  level: TForumLevel;
  y: number;
  height: number;
}

export interface Box {
  forum: DiagramForum;
  x: number;
  y: number;
  /** The name broken into at most two lines that fit the box. */
  nameLines: string[];
}

export interface Edge {
  from: string;
  to: string;
  /** An SVG path from the reporting forum to the forum it reports to. */
  d: string;
}

export interface DiagramLayout {
  width: number;
  height: number;
  bands: Band[];
  boxes: Box[];
  edges: Edge[];
}

/** Breaks a name into lines of at most `max` characters (words kept whole where possible). */
export function wrapName(name: string, max = 20, lines = 2): string[] {
  const words = name.split(/\s+/).filter(Boolean);
  const result: string[] = [];
  let current = '';
  for (const word of words) {
    if (!current) current = word;
    else if (`${current} ${word}`.length <= max) current = `${current} ${word}`;
    else {
      result.push(current);
      current = word;
    }
  }
  if (current) result.push(current);
  const clipped = result.slice(0, lines).map((line) => (line.length > max ? `${line.slice(0, max - 1)}…` : line));
  if (result.length > lines) clipped[lines - 1] = `${clipped[lines - 1].slice(0, max - 1)}…`;
  return clipped;
}

export function layoutDiagram(forums: DiagramForum[], collator: Intl.Collator): DiagramLayout {
  const visible = new Map(forums.map((f) => [f.id, f]));
  const position = new Map<string, number>();
  const rows: { level: TForumLevel; forums: DiagramForum[] }[] = [];
  for (const level of FORUM_LEVELS) {
    const inLevel = forums.filter((f) => f.level === level);
    // Under their parents, to keep lines short: order by the parent's place in the band above.
    const parentPlace = (f: DiagramForum) => (f.reportsToId && position.has(f.reportsToId) ? (position.get(f.reportsToId) as number) : -1);
    inLevel.sort(
      (a, b) =>
        Number(a.scope === 'municipality') - Number(b.scope === 'municipality') || parentPlace(a) - parentPlace(b) || collator.compare(a.name, b.name),
    );
    inLevel.forEach((f, i) => position.set(f.id, i));
    rows.push({ level, forums: inLevel });
  }

  const perRow = Math.min(MAX_PER_ROW, Math.max(1, ...rows.map((r) => r.forums.length)));
  const width = Math.max(MIN_WIDTH, perRow * BOX_WIDTH + (perRow - 1) * GAP_X + 2 * MARGIN);
  const bands: Band[] = [];
  const boxes: Box[] = [];
  let y = 0;
  for (const row of rows) {
    const lines = Math.max(1, Math.ceil(row.forums.length / MAX_PER_ROW));
    const height = LABEL_HEIGHT + lines * BOX_HEIGHT + (lines - 1) * ROW_GAP + BAND_BOTTOM;
    bands.push({ level: row.level, y, height });
    for (let line = 0; line < lines; line++) {
      const inLine = row.forums.slice(line * MAX_PER_ROW, (line + 1) * MAX_PER_ROW);
      const lineWidth = inLine.length * BOX_WIDTH + (inLine.length - 1) * GAP_X;
      const left = (width - lineWidth) / 2;
      inLine.forEach((forum, i) => {
        boxes.push({ forum, x: left + i * (BOX_WIDTH + GAP_X), y: y + LABEL_HEIGHT + line * (BOX_HEIGHT + ROW_GAP), nameLines: wrapName(forum.name) });
      });
    }
    y += height;
  }

  const boxOf = new Map(boxes.map((b) => [b.forum.id, b]));
  // Each forum meets the one it reports to at a point of its own along that box's edge (in
  // the order the reporting forums stand), and the line is a curve straight between the two:
  // no two lines share a stretch, so no line seems to report to a forum it only passes.
  const reporting = new Map<string, Box[]>();
  for (const child of boxes) {
    const parentId = child.forum.reportsToId;
    if (!parentId || !visible.has(parentId)) continue;
    reporting.set(parentId, [...(reporting.get(parentId) ?? []), child]);
  }
  const edges: Edge[] = [];
  for (const [parentId, children] of reporting) {
    const parent = boxOf.get(parentId) as Box;
    children.sort((a, b) => a.y - b.y || a.x - b.x);
    children.forEach((child, i) => {
      const cx = child.x + BOX_WIDTH / 2;
      const ax = parent.x + (BOX_WIDTH * (i + 1)) / (children.length + 1);
      let d: string;
      if (parent.y + BOX_HEIGHT <= child.y) {
        // Up, from the top of the reporting forum to the bottom of the one above.
        const [from, to] = [child.y, parent.y + BOX_HEIGHT];
        const mid = (from + to) / 2;
        d = `M ${cx} ${from} C ${cx} ${mid}, ${ax} ${mid}, ${ax} ${to}`;
      } else if (parent.y === child.y) {
        const adjacent = Math.abs(parent.x - child.x) <= BOX_WIDTH + GAP_X;
        const mid = child.y + BOX_HEIGHT / 2;
        if (adjacent) d = parent.x < child.x ? `M ${child.x} ${mid} H ${parent.x + BOX_WIDTH}` : `M ${child.x + BOX_WIDTH} ${mid} H ${parent.x}`;
        // Past the boxes between them: an arch over the row.
        else d = `M ${cx} ${child.y} C ${cx} ${child.y - 24}, ${ax} ${child.y - 24}, ${ax} ${parent.y}`;
      } else {
        // A forum reporting to one at a lower level: down to it.
        const [from, to] = [child.y + BOX_HEIGHT, parent.y];
        const mid = (from + to) / 2;
        d = `M ${cx} ${from} C ${cx} ${mid}, ${ax} ${mid}, ${ax} ${to}`;
      }
      edges.push({ from: child.forum.id, to: parentId, d });
    });
  }
  return { width, height: y, bands, boxes, edges };
}
