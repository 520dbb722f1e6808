import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  Footer,
  Header,
  HeadingLevel,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import pdfmake from 'pdfmake';
import type { Content, TDocumentDefinitions, TableCell as PdfTableCell } from 'pdfmake/interfaces';

/**
 * Documents as a Danish municipal memo: an outline (title page, headings, paragraphs, lists,
 * tables) drawn as DOCX (`docx`) and as PDF (`pdfmake`), both in IBM Plex Sans. A module builds
 * the outline of its document (the action plan, a scenario recommendation); only the drawing
 * is here, the same for every document.
 */

/** The media type of a DOCX file. */
export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** A run of text with its marks. */
export interface Run {
  text: string;
  bold: boolean;
  italic: boolean;
  link: string | null;
}

export interface Column {
  header: string;
  /** Relative width: the renderers share out the text width by these. */
  weight: number;
  align?: 'left' | 'right';
}

/** A table cell: lines of text, the first of them bold when `strong`. */
export interface Cell {
  lines: string[];
  strong?: boolean;
}

export type OutlineNode =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; runs: Run[]; tone?: 'normal' | 'note' }
  | { kind: 'list'; ordered: boolean; items: { runs: Run[]; level: 0 | 1 }[] }
  | { kind: 'table'; columns: Column[]; rows: Cell[][] };

export interface TitlePage {
  municipality: string;
  title: string;
  lines: string[];
}

export interface DocumentOutline {
  /** For the running header and the document's properties. */
  heading: string;
  municipality: string;
  titlePage: TitlePage;
  body: OutlineNode[];
}

export const plain = (text: string, marks: Partial<Omit<Run, 'text'>> = {}): Run => ({ text, bold: false, italic: false, link: null, ...marks });
export const note = (text: string): OutlineNode => ({ kind: 'paragraph', runs: [plain(text, { italic: true })], tone: 'note' });

/** Splits a column's weight into whole units of a width (twips, points) that add up to it. */
function shareWidth(columns: Column[], total: number): number[] {
  const sum = columns.reduce((s, c) => s + c.weight, 0);
  const widths = columns.map((c) => Math.floor((c.weight / sum) * total));
  widths[widths.length - 1] += total - widths.reduce((s, w) => s + w, 0);
  return widths;
}

const COLOURS = { heading: '0B3C5D', muted: '5A6470', rule: 'A7B1BC', headerFill: 'E6ECF2', link: '0B5CAD' };
const FONT_NAME = 'IBM Plex Sans';

// ---------------------------------------------------------------------------------------------
// DOCX

const TWIPS_PER_CM = 567;
const DOCX_PAGE = { width: 11906, height: 16838, margin: 2 * TWIPS_PER_CM };
const DOCX_TEXT_WIDTH = DOCX_PAGE.width - 2 * DOCX_PAGE.margin;
const BULLETS = 'bullets';
const NUMBERS = 'numbers';

function docxRuns(runs: Run[]): ParagraphChild[] {
  return runs.map((run) => {
    const pieces = run.text.split('\n');
    const textRuns = pieces.map((text, i) => new TextRun({ text, bold: run.bold || undefined, italics: run.italic || undefined, break: i > 0 ? 1 : undefined, style: run.link ? 'Hyperlink' : undefined }));
    return run.link ? new ExternalHyperlink({ link: run.link, children: textRuns }) : textRuns;
  }).flat();
}

function docxTable(columns: Column[], rows: Cell[][]): Table {
  const widths = shareWidth(columns, DOCX_TEXT_WIDTH);
  const line = { style: BorderStyle.SINGLE, size: 4, color: COLOURS.rule };
  const cell = (c: Cell, i: number, header: boolean) =>
    new TableCell({
      width: { size: widths[i], type: WidthType.DXA },
      shading: header ? { type: ShadingType.CLEAR, color: 'auto', fill: COLOURS.headerFill } : undefined,
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
      children: c.lines.map(
        (text, l) =>
          new Paragraph({
            alignment: columns[i].align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
            spacing: { before: 0, after: 0 },
            children: [new TextRun({ text, bold: header || (c.strong && l === 0) || undefined, size: 18 })],
          }),
      ),
    });
  return new Table({
    width: { size: DOCX_TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    borders: { top: line, bottom: line, left: line, right: line, insideHorizontal: line, insideVertical: line },
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: columns.map((c, i) => cell({ lines: [c.header] }, i, true)) }),
      ...rows.map((row) => new TableRow({ cantSplit: true, children: row.map((c, i) => cell(c, i, false)) })),
    ],
  });
}

function docxBody(nodes: OutlineNode[]): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  const headingLevels = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;
  let lists = 0;
  let first = true;
  for (const node of nodes) {
    switch (node.kind) {
      case 'heading':
        // The first heading opens the body on the page after the title page.
        out.push(new Paragraph({ heading: headingLevels[node.level], pageBreakBefore: first, children: [new TextRun(node.text)] }));
        break;
      case 'paragraph':
        out.push(new Paragraph({ children: docxRuns(node.runs), spacing: node.tone === 'note' ? { before: 60 } : undefined }));
        break;
      case 'list': {
        // Each list is its own instance of its numbering, so a numbered list starts at 1.
        const instance = ++lists;
        for (const item of node.items) {
          out.push(new Paragraph({ style: 'ListParagraph', numbering: { reference: node.ordered ? NUMBERS : BULLETS, level: item.level, instance }, children: docxRuns(item.runs) }));
        }
        break;
      }
      case 'table':
        out.push(docxTable(node.columns, node.rows));
        out.push(new Paragraph({ spacing: { after: 60 }, children: [] }));
        break;
    }
    first = false;
  }
  return out;
}

function docxTitlePage(page: TitlePage): Paragraph[] {
  return [
    new Paragraph({ spacing: { before: 3600, after: 240 }, children: [new TextRun({ text: page.municipality, size: 32, bold: true, color: COLOURS.heading })] }),
    new Paragraph({ heading: HeadingLevel.TITLE, spacing: { after: 720 }, children: [new TextRun(page.title)] }),
    ...page.lines.map((text) => new Paragraph({ spacing: { after: 80 }, children: [new TextRun({ text, size: 24 })] })),
  ];
}

const docxLevels = (format: (typeof LevelFormat)[keyof typeof LevelFormat], texts: [string, string]) =>
  texts.map((text, level) => ({
    level,
    format,
    text,
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
  }));

/** An outline as a DOCX memo: title page, then the body; header and "Side X af Y" after the title page. */
export async function renderDocx(outline: DocumentOutline): Promise<Buffer> {
  const font = { font: FONT_NAME };
  const heading = (size: number, before: number) => ({
    run: { ...font, size, bold: true, color: COLOURS.heading },
    paragraph: { spacing: { before, after: 120 }, keepNext: true, keepLines: true },
  });
  const document = new Document({
    title: outline.titlePage.title,
    subject: outline.heading,
    creator: outline.municipality,
    description: outline.titlePage.lines.join(', '),
    theme: { fonts: { headings: FONT_NAME, body: FONT_NAME } },
    styles: {
      default: {
        document: { run: { ...font, size: 20, language: { value: 'da-DK' } }, paragraph: { spacing: { after: 120, line: 276 } } },
        title: { run: { ...font, size: 48, bold: true, color: COLOURS.heading }, paragraph: { spacing: { after: 480 } } },
        heading1: heading(32, 480),
        heading2: heading(26, 320),
        heading3: heading(22, 240),
        listParagraph: { paragraph: { spacing: { after: 60 } } },
        hyperlink: { run: { color: COLOURS.link, underline: {} } },
      },
    },
    numbering: {
      config: [
        { reference: BULLETS, levels: docxLevels(LevelFormat.BULLET, ['•', '–']) },
        { reference: NUMBERS, levels: docxLevels(LevelFormat.DECIMAL, ['%1.', '%1.%2.']) },
      ],
    },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: DOCX_PAGE.width, height: DOCX_PAGE.height },
            margin: { top: DOCX_PAGE.margin, bottom: DOCX_PAGE.margin, left: DOCX_PAGE.margin, right: DOCX_PAGE.margin, header: 567, footer: 567 },
          },
        },
        headers: {
          first: new Header({ children: [] }),
          default: new Header({
            children: [
              new Paragraph({
                border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: COLOURS.rule, space: 4 } },
                children: [new TextRun({ text: `${outline.municipality} · ${outline.heading}`, size: 16, color: COLOURS.muted })],
              }),
            ],
          }),
        },
        footers: {
          first: new Footer({ children: [] }),
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [new TextRun({ children: ['Side ', PageNumber.CURRENT, ' af ', PageNumber.TOTAL_PAGES], size: 16, color: COLOURS.muted })],
              }),
            ],
          }),
        },
        children: [...docxTitlePage(outline.titlePage), ...docxBody(outline.body)],
      },
    ],
  });
  return Packer.toBuffer(document);
}

// ---------------------------------------------------------------------------------------------
// PDF

const PDF_FONT = 'IBMPlexSans';
const PDF_FONT_FILES = { normal: 'IBMPlexSans-Regular.ttf', bold: 'IBMPlexSans-Bold.ttf', italics: 'IBMPlexSans-Italic.ttf', bolditalics: 'IBMPlexSans-BoldItalic.ttf' };
const PT_PER_CM = 72 / 2.54;
const PDF_PAGE = { width: 595.28, height: 841.89, margin: 2 * PT_PER_CM };
const PDF_TEXT_WIDTH = PDF_PAGE.width - 2 * PDF_PAGE.margin;

/**
 * IBM Plex Sans from the design system's package (dkfds). `dkfds` exports only its main file,
 * so the fonts are found beside it (…/dkfds/dist/js/ → …/dkfds/dist/fonts/); failing that, in
 * node_modules under the working directory.
 */
function findFontDirectory(): string {
  const relative = path.join('fonts', 'IBMPlexSans', 'complete', 'ttf');
  const candidates: string[] = [];
  try {
    candidates.push(path.join(path.dirname(createRequire(import.meta.url).resolve('dkfds')), '..', relative));
  } catch {
    // Not resolvable from here: try the working directory.
  }
  candidates.push(path.join(process.cwd(), 'node_modules', 'dkfds', 'dist', relative));
  const found = candidates.find((dir) => Object.values(PDF_FONT_FILES).every((file) => existsSync(path.join(dir, file))));
  if (!found) throw new Error(`IBM Plex Sans TTF files not found (looked in ${candidates.join(', ')})`);
  return path.resolve(found);
}

/** pdfmake's in-memory file system (its server build has one; its types declare it for the browser only). */
const pdfVirtualFiles = (pdfmake as unknown as { virtualfs: { writeFileSync(name: string, data: Buffer): void } }).virtualfs;
let pdfFontNames: Record<keyof typeof PDF_FONT_FILES, string> | null = null;

/**
 * The font files, read once per process into pdfmake's in-memory files (a lazy singleton):
 * each document then parses them from memory instead of reading four files from disk.
 */
function pdfFonts(): Record<keyof typeof PDF_FONT_FILES, string> {
  if (!pdfFontNames) {
    const dir = findFontDirectory();
    const load = (file: string) => {
      const name = `trekant-fonts/${file}`;
      pdfVirtualFiles.writeFileSync(name, readFileSync(path.join(dir, file)));
      return name;
    };
    pdfFontNames = { normal: load(PDF_FONT_FILES.normal), bold: load(PDF_FONT_FILES.bold), italics: load(PDF_FONT_FILES.italics), bolditalics: load(PDF_FONT_FILES.bolditalics) };
  }
  return pdfFontNames;
}

/**
 * pdfmake on the server is one shared instance whose fonts and access policies are global, and
 * `createPdf` reads them when it is called. So they are set right before each call (in the same
 * tick; setting them costs nothing): the font from memory, and no file or URL reachable.
 */
function configurePdfmake(): void {
  pdfmake.setFonts({ [PDF_FONT]: { ...pdfFonts() } });
  pdfmake.setLocalAccessPolicy(() => false);
  pdfmake.setUrlAccessPolicy(() => false);
}

function pdfRuns(runs: Run[]): Content[] {
  return runs.map((run) => ({
    text: run.text,
    bold: run.bold,
    italics: run.italic,
    ...(run.link ? { link: run.link, color: `#${COLOURS.link}`, decoration: 'underline' as const } : {}),
  }));
}

function pdfTable(columns: Column[], rows: Cell[][]): Content {
  const cell = (c: Cell, i: number, header: boolean): PdfTableCell => ({
    stack: c.lines.map((text, l) => ({ text, bold: header || (c.strong && l === 0) })),
    alignment: columns[i].align ?? 'left',
    fillColor: header ? `#${COLOURS.headerFill}` : undefined,
  });
  // Table cells are padded 4 points either side by the layout; the widths are the text's.
  const widths = shareWidth(columns, PDF_TEXT_WIDTH - columns.length * 8 - 1);
  return {
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths,
      body: [columns.map((c, i) => cell({ lines: [c.header] }, i, true)), ...rows.map((row) => row.map((c, i) => cell(c, i, false)))],
    },
    layout: {
      hLineWidth: () => 0.5,
      vLineWidth: () => 0.5,
      hLineColor: () => `#${COLOURS.rule}`,
      vLineColor: () => `#${COLOURS.rule}`,
      paddingTop: () => 3,
      paddingBottom: () => 3,
    },
    style: 'table',
  };
}

function pdfBody(nodes: OutlineNode[]): Content[] {
  return nodes.map((node, index): Content => {
    switch (node.kind) {
      case 'heading':
        return { text: node.text, style: `h${node.level}`, headlineLevel: node.level, pageBreak: index === 0 ? 'before' : undefined };
      case 'paragraph':
        return { text: pdfRuns(node.runs), style: node.tone === 'note' ? 'note' : 'paragraph' };
      case 'list': {
        // Items of level 1 become a list inside the item before them.
        type Item = { text: Content[]; children: Content[] };
        const items: Item[] = [];
        for (const item of node.items) {
          const last = items[items.length - 1];
          if (item.level === 1 && last) last.children.push({ text: pdfRuns(item.runs) });
          else items.push({ text: pdfRuns(item.runs), children: [] });
        }
        const list = items.map((i): Content => (i.children.length > 0 ? { stack: [{ text: i.text }, { ul: i.children, margin: [0, 2, 0, 0] }] } : { text: i.text }));
        return node.ordered ? { ol: list, style: 'list' } : { ul: list, style: 'list' };
      }
      case 'table':
        return pdfTable(node.columns, node.rows);
    }
  });
}

function pdfTitlePage(page: TitlePage): Content[] {
  return [
    { text: page.municipality, style: 'titleMunicipality', margin: [0, 180, 0, 12] },
    { text: page.title, style: 'title' },
    ...page.lines.map((text): Content => ({ text, style: 'titleLine' })),
  ];
}

/** An outline as a PDF in IBM Plex Sans, laid out as the DOCX. */
export async function renderPdf(outline: DocumentOutline): Promise<Buffer> {
  const muted = `#${COLOURS.muted}`;
  const heading = `#${COLOURS.heading}`;
  const definition: TDocumentDefinitions = {
    pageSize: 'A4',
    pageMargins: [PDF_PAGE.margin, PDF_PAGE.margin, PDF_PAGE.margin, PDF_PAGE.margin],
    language: 'da-DK',
    info: { title: outline.titlePage.title, author: outline.municipality, subject: outline.heading, creator: 'Trekant' },
    defaultStyle: { font: PDF_FONT, fontSize: 10, lineHeight: 1.2 },
    styles: {
      titleMunicipality: { fontSize: 16, bold: true, color: heading },
      title: { fontSize: 24, bold: true, color: heading, margin: [0, 0, 0, 36] },
      titleLine: { fontSize: 12, margin: [0, 0, 0, 4] },
      h1: { fontSize: 16, bold: true, color: heading, margin: [0, 18, 0, 6] },
      h2: { fontSize: 13, bold: true, color: heading, margin: [0, 12, 0, 4] },
      h3: { fontSize: 11, bold: true, color: heading, margin: [0, 8, 0, 3] },
      paragraph: { margin: [0, 0, 0, 6] },
      note: { fontSize: 9, color: muted, margin: [0, 2, 0, 6] },
      list: { margin: [0, 0, 0, 6] },
      table: { fontSize: 9, margin: [0, 2, 0, 6] },
      running: { fontSize: 8, color: muted, margin: [PDF_PAGE.margin, PDF_PAGE.margin / 2, PDF_PAGE.margin, 0] },
      pageNumber: { alignment: 'right', margin: [PDF_PAGE.margin, 8, PDF_PAGE.margin, 0] },
    },
    header: (page) => (page === 1 ? null : { text: `${outline.municipality} · ${outline.heading}`, style: 'running' }),
    footer: (page, pages) => (page === 1 ? null : { text: `Side ${page} af ${pages}`, style: ['running', 'pageNumber'] }),
    // A heading followed on its page by nothing but headings (or the running header and footer,
    // which pdfmake counts among the page's nodes) moves to the next page, with what it heads.
    pageBreakBefore: (node, nodes) =>
      node.headlineLevel !== undefined &&
      nodes.getFollowingNodesOnPage().every((n) => n.headlineLevel !== undefined || [n.style].flat().includes('running')),
    content: [...pdfTitlePage(outline.titlePage), ...pdfBody(outline.body)],
  };
  configurePdfmake();
  return pdfmake.createPdf(definition).getBuffer();
}
