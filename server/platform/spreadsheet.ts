import { Readable } from 'node:stream';
import { inflateRawSync } from 'node:zlib';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { neutraliseFormula, restoreFormula } from './csv.ts';
import { Problem, problemType } from './errors.ts';
import type { MessageKey } from './i18n.ts';

/**
 * The files the modules import and export: XLSX workbooks (sheets of cells, row 1 the header)
 * and CSV files (one sheet). Every file is measured before it is parsed, so a hostile upload is
 * refused in milliseconds: the zip's entries are inflated with a budget, and rows, columns and
 * cells are counted before the spreadsheet library reads them. Reading rows and cells (Danish
 * numbers, dates and words) is `sheet-rows.ts`.
 */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_TYPE = 'text/csv';

/** What one import may hold; a larger file is refused before it is parsed. */
export const IMPORT_LIMITS = {
  /** Bytes of the uploaded file (the body limit of import routes). */
  bytes: 10 * 1024 * 1024,
  /** Bytes of an XLSX file's parts once unzipped, all parts together. */
  unzippedBytes: 40 * 1024 * 1024,
  zipEntries: 1000,
  /** Rows of all sheets together, headers included. */
  rows: 20_000,
  columns: 60,
  cells: 300_000,
} as const;

/** A cell as read: text, or a number as the spreadsheet stored it. Dates read as YYYY-MM-DD. */
export type Cell = string | number;

export const unreadableFile = (detailKey: MessageKey = 'problem.import_unreadable.detail') =>
  new Problem(400, problemType('import-unreadable'), 'problem.import_unreadable', { detailKey });

const tooLarge = (what: 'rows' | 'columns' | 'cells' | 'unzipped', found: number, limit: number) =>
  new Problem(413, problemType('import-too-large'), 'problem.import_too_large', {
    detailKey: `problem.import_too_large.${what}`,
    params: { found: found.toLocaleString('da-DK'), limit: limit.toLocaleString('da-DK') },
  });

export interface SheetOut {
  title: string;
  columns: string[];
  /** Text, or numbers that a spreadsheet should be able to add up. */
  rows: (string | number)[][];
}

export async function writeWorkbook(sheets: SheetOut[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Trekant';
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheet.title);
    worksheet.addRow(sheet.columns).font = { bold: true };
    // Text that a spreadsheet would run as a formula, if the file is ever saved as CSV, is
    // neutralised the same way as in our CSV files; the import restores it.
    for (const row of sheet.rows) worksheet.addRow(row.map((cell) => (typeof cell === 'string' ? neutraliseFormula(cell) : cell)));
    worksheet.columns.forEach((column) => (column.width = 24));
    worksheet.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

// --- measuring an XLSX file before it is parsed ----------------------------------------------

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localHeaderOffset: number;
}

/** The central directory of a zip file (APPNOTE 4.3.12, 4.3.16); no zip64, as no import needs it. */
function zipEntries(buffer: Buffer): ZipEntry[] {
  const end = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0 || end + 22 > buffer.length) throw unreadableFile();
  const count = buffer.readUInt16LE(end + 10);
  let at = buffer.readUInt32LE(end + 16);
  if (count > IMPORT_LIMITS.zipEntries) throw unreadableFile();
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > buffer.length || buffer.readUInt32LE(at) !== 0x02014b50) throw unreadableFile();
    const nameLength = buffer.readUInt16LE(at + 28);
    entries.push({
      name: buffer.toString('utf8', at + 46, at + 46 + nameLength),
      method: buffer.readUInt16LE(at + 10),
      compressedSize: buffer.readUInt32LE(at + 20),
      localHeaderOffset: buffer.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + buffer.readUInt16LE(at + 30) + buffer.readUInt16LE(at + 32);
  }
  return entries;
}

/** An entry's bytes, inflated with at most `budget` bytes of output (a zip bomb stops there). */
function unzipEntry(buffer: Buffer, entry: ZipEntry, budget: number): Buffer {
  const at = entry.localHeaderOffset;
  if (at + 30 > buffer.length || buffer.readUInt32LE(at) !== 0x04034b50) throw unreadableFile();
  const start = at + 30 + buffer.readUInt16LE(at + 26) + buffer.readUInt16LE(at + 28);
  const data = buffer.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) {
    if (data.length > budget) throw tooLarge('unzipped', data.length, IMPORT_LIMITS.unzippedBytes);
    return data;
  }
  if (entry.method !== 8) throw unreadableFile();
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(1, budget) });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
      throw tooLarge('unzipped', IMPORT_LIMITS.unzippedBytes + 1, IMPORT_LIMITS.unzippedBytes);
    }
    throw unreadableFile();
  }
}

const COLUMN_REF = /<c\b[^>]*?\br="([A-Z]{1,3})\d+"/g;
const columnNumber = (letters: string) => [...letters].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0);

/** Counts a worksheet's rows, cells and widest column from its XML, without building it. */
function measureWorksheet(xml: string): { rows: number; cells: number; columns: number } {
  let rows = 0;
  let cells = 0;
  for (let i = xml.indexOf('<row'); i >= 0; i = xml.indexOf('<row', i + 4)) if (/[\s>/]/.test(xml[i + 4] ?? '')) rows++;
  for (let i = xml.indexOf('<c'); i >= 0; i = xml.indexOf('<c', i + 2)) if (/[\s>/]/.test(xml[i + 2] ?? '')) cells++;
  let columns = 0;
  for (const match of xml.matchAll(COLUMN_REF)) columns = Math.max(columns, columnNumber(match[1]));
  return { rows, cells, columns };
}

/**
 * Refuses an XLSX file whose parts unzip to more than the budget or whose sheets hold more rows,
 * columns or cells than an import may; cheap next to parsing it.
 */
function measureWorkbook(buffer: Buffer): void {
  const entries = zipEntries(buffer);
  if (!entries.some((e) => e.name === 'xl/workbook.xml')) throw unreadableFile();
  let budget: number = IMPORT_LIMITS.unzippedBytes;
  const total = { rows: 0, cells: 0, columns: 0 };
  for (const entry of entries) {
    if (entry.name.endsWith('/')) continue;
    const content = unzipEntry(buffer, entry, budget);
    budget -= content.length;
    if (!/^xl\/worksheets\/[^/]+\.xml$/.test(entry.name)) continue;
    const sheet = measureWorksheet(content.toString('utf8'));
    total.rows += sheet.rows;
    total.cells += sheet.cells;
    total.columns = Math.max(total.columns, sheet.columns);
  }
  checkSize(total);
}

function checkSize({ rows, columns, cells }: { rows: number; columns: number; cells: number }): void {
  if (rows > IMPORT_LIMITS.rows) throw tooLarge('rows', rows, IMPORT_LIMITS.rows);
  if (columns > IMPORT_LIMITS.columns) throw tooLarge('columns', columns, IMPORT_LIMITS.columns);
  if (cells > IMPORT_LIMITS.cells) throw tooLarge('cells', cells, IMPORT_LIMITS.cells);
}

// --- reading ----------------------------------------------------------------------------------

/**
 * The named sheets of a workbook as rows of cells (row 1 = the header). A sheet is found by its
 * Danish title or by its code; a missing sheet is left out.
 */
export async function readWorkbook<S extends string>(buffer: Buffer, titles: Record<S, string>): Promise<Partial<Record<S, Cell[][]>>> {
  measureWorkbook(buffer);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw unreadableFile();
  }
  const rows: Partial<Record<S, Cell[][]>> = {};
  for (const sheet of Object.keys(titles) as S[]) {
    const worksheet = workbook.getWorksheet(titles[sheet]) ?? workbook.getWorksheet(sheet);
    if (!worksheet) continue;
    const data: Cell[][] = [];
    worksheet.eachRow({ includeEmpty: true }, (row, index) => {
      data[index - 1] = (row.values as unknown[]).slice(1).map((v) => cellValue(v));
    });
    rows[sheet] = Array.from(data, (r) => r ?? []);
  }
  return rows;
}

function cellValue(value: unknown): Cell {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { text?: unknown; result?: unknown; richText?: { text: string }[] };
    if (v.richText) return restoreFormula(v.richText.map((r) => r.text).join('').trim());
    if (v.text !== undefined) return restoreFormula(String(v.text).trim());
    if (typeof v.result === 'number') return v.result;
    if (v.result !== undefined) return restoreFormula(String(v.result).trim());
    return '';
  }
  return restoreFormula(String(value).trim());
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
// Windows-1252 is Latin-1 but for 0x80–0x9F (€, ‚, „, …, –, — and others). Node's TextDecoder
// reads the label as Latin-1, so those 32 bytes are mapped here (WHATWG encoding index).
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const decodeWindows1252 = (buffer: Buffer) => buffer.toString('latin1').replace(/[\x80-\x9f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]);

/**
 * The text of a CSV file: UTF-8 (with or without a BOM), or Windows-1252 as Danish Excel's
 * "CSV (semikolonsepareret)" writes it. UTF-16 ("Unicode text") is refused with what to do.
 */
export function decodeCsv(buffer: Buffer): string {
  if ((buffer[0] === 0xff && buffer[1] === 0xfe) || (buffer[0] === 0xfe && buffer[1] === 0xff)) throw unreadableFile('problem.import_unreadable.utf16');
  try {
    return utf8.decode(buffer).replace(/^\uFEFF/, '');
  } catch {
    return decodeWindows1252(buffer);
  }
}

/** Reads a CSV file with ; or , as separator (Danish Excel writes ;); rows of text. */
export async function readCsv(buffer: Buffer): Promise<Cell[][]> {
  const text = decodeCsv(buffer);
  // Counting lines first refuses a file of millions of (empty) lines before parsing it.
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) if (++lines > IMPORT_LIMITS.rows) break;
  if (lines > IMPORT_LIMITS.rows) throw tooLarge('rows', lines, IMPORT_LIMITS.rows);
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows: Cell[][] = [];
  let cells = 0;
  try {
    const parser = Readable.from([text]).pipe(parse({ delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, trim: true }));
    for await (const record of parser as AsyncIterable<string[]>) {
      if (record.length > IMPORT_LIMITS.columns) throw tooLarge('columns', record.length, IMPORT_LIMITS.columns);
      cells += record.length;
      if (cells > IMPORT_LIMITS.cells) throw tooLarge('cells', cells, IMPORT_LIMITS.cells);
      rows.push(record.map(restoreFormula));
    }
  } catch (error) {
    if (error instanceof Problem) throw error;
    throw unreadableFile();
  }
  return rows;
}
