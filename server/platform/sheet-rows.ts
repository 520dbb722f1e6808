import type { TLocale } from '../../contracts/common.ts';
import type { TImportError } from '../../contracts/organisation.ts';
import { Problem, problemType } from './errors.ts';
import { type MessageKey, translate } from './i18n.ts';
import type { Cell } from './spreadsheet.ts';

/**
 * Reading an import's rows: one reader for every module, so that numbers, dates, yes/no and the
 * Danish words of a vocabulary read the same everywhere, and errors name sheet, row and column
 * in the user's language.
 */

/** Errors listed in an answer; past this they are counted, not kept. */
export const IMPORT_ERROR_LIMIT = 100;

/** The errors of one import, with their count; looking one up by place is O(1). */
export class ImportErrors {
  readonly shown: TImportError[] = [];
  private count = 0;
  private readonly places = new Set<string>();

  constructor(readonly locale: TLocale) {}

  addText(sheet: string, row: number, column: string, message: string): void {
    this.count++;
    this.places.add(`${sheet}\u0000${row}\u0000${column}`);
    if (this.shown.length < IMPORT_ERROR_LIMIT) this.shown.push({ sheet, row, column, message });
  }

  add(sheet: string, row: number, column: string, key: MessageKey, params?: Record<string, string | number>): void {
    this.addText(sheet, row, column, translate(this.locale, key, params));
  }

  has(sheet: string, row: number, column: string): boolean {
    return this.places.has(`${sheet}\u0000${row}\u0000${column}`);
  }

  get any(): boolean {
    return this.count > 0;
  }

  /** How many errors there were beyond those listed. */
  get notShown(): number {
    return this.count - this.shown.length;
  }
}

/**
 * A number as people write it in Danish or English files: `0,5`, `0.5`, `1.234,50`, `1,234.50`,
 * `1 234`, `-3`. A lone point before exactly three digits (`1.500`) reads both ways (1500 in
 * Danish, 1.5 in English) and is refused as ambiguous rather than guessed.
 */
export function parseNumber(text: string): number | 'ambiguous' | null {
  const value = text.replace(/[\s\u00a0]/g, '').replace(/^\u2212/, '-');
  const sign = value.startsWith('-') ? -1 : 1;
  const digits = value.replace(/^[-+]/, '');
  let normal: string | null = null;
  if (/^\d+$/.test(digits)) normal = digits;
  else if (/^\d{1,3}(\.\d{3})+,\d+$/.test(digits) || /^\d+,\d+$/.test(digits)) normal = digits.replace(/\./g, '').replace(',', '.');
  else if (/^\d{1,3}(,\d{3})+\.\d+$/.test(digits) || /^\d{1,3}(,\d{3}){2,}$/.test(digits)) normal = digits.replace(/,/g, '');
  else if (/^\d{1,3}(\.\d{3}){2,}$/.test(digits)) normal = digits.replace(/\./g, '');
  else if (/^[1-9]\d{0,2}\.\d{3}$/.test(digits)) return 'ambiguous';
  else if (/^\d*\.\d+$/.test(digits)) normal = digits;
  if (normal === null) return null;
  const n = sign * Number(normal);
  return Number.isFinite(n) ? n : null;
}

// Excel counts days from 30.12.1899; a date cell without a date format arrives as that number.
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const DAY = 86_400_000;

/** A date as `2026-01-31`, `31.1.2026`, `31-01-2026` (Danish Excel's CSV), `31/1/2026`, or an Excel day number. */
export function parseDate(cell: Cell): string | null {
  if (typeof cell === 'number') {
    if (!Number.isInteger(cell) || cell < 1 || cell > 2_958_465) return null;
    return new Date(EXCEL_EPOCH + cell * DAY).toISOString().slice(0, 10);
  }
  const danish = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(cell);
  const iso = danish ? `${danish[3]}-${danish[2].padStart(2, '0')}-${danish[1].padStart(2, '0')}` : cell;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return null;
  // 31.2. is not a day: the date must survive a round trip.
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? iso : null;
}

const YES = ['ja', 'yes', 'true', '1', 'x'];
const NO = ['', 'nej', 'no', 'false', '0'];
const lower = (s: string) => s.toLocaleLowerCase('da');

/** One row of a sheet, read by column name; problems are collected, not thrown. */
export class RowReader {
  constructor(
    private readonly errors: ImportErrors,
    readonly sheet: string,
    private readonly header: string[],
    private readonly cells: Cell[],
    /** The spreadsheet's row number (the header is row 1). */
    readonly at: number,
    private readonly defaultMax: number,
  ) {}

  fail(column: string, key: MessageKey, params?: Record<string, string | number>): void {
    this.errors.add(this.sheet, this.at, column, key, params);
  }

  /** An error already in the user's words (e.g. from a schema's message). */
  failText(column: string, message: string): void {
    this.errors.addText(this.sheet, this.at, column, message);
  }

  hasError(column: string): boolean {
    return this.errors.has(this.sheet, this.at, column);
  }

  private cell(column: string): Cell {
    const index = this.header.indexOf(column);
    const value = index < 0 ? '' : (this.cells[index] ?? '');
    return typeof value === 'string' ? value.trim() : value;
  }

  text(column: string, { required = false, max = this.defaultMax } = {}): string {
    const value = String(this.cell(column));
    if (required && !value) this.fail(column, 'import.required');
    if (value.length > max) this.fail(column, 'import.too_long', { max });
    return value;
  }

  /** A list written in one cell, separated by semicolons. */
  items(column: string): string[] {
    return this.text(column, { max: 4000 })
      .split(';')
      .map((s) => s.trim())
      .filter(Boolean);
  }

  /** A code of a vocabulary, written as its Danish word or as the code itself. */
  choice<C extends string>(column: string, words: Readonly<Record<C, string>>, { required = false, fallback }: { required?: boolean; fallback?: NoInfer<C> } = {}): C | undefined {
    const value = lower(this.text(column));
    if (!value) {
      if (required) this.fail(column, 'import.required');
      return fallback;
    }
    for (const [code, word] of Object.entries(words) as [C, string][]) if (value === code || value === lower(word)) return code;
    this.fail(column, 'import.one_of', { words: Object.values(words).join(', ') });
    return fallback;
  }

  bool(column: string): boolean {
    const value = lower(this.text(column));
    if (YES.includes(value)) return true;
    if (!NO.includes(value)) this.fail(column, 'import.yes_no');
    return false;
  }

  number(column: string, { required = false, min = -Infinity, max = Infinity, integer = false } = {}): number | null {
    const cell = this.cell(column);
    if (cell === '') {
      if (required) this.fail(column, 'import.required');
      return null;
    }
    const n = typeof cell === 'number' ? cell : parseNumber(cell);
    if (n === 'ambiguous') {
      this.fail(column, 'import.number_ambiguous', { value: String(cell) });
      return null;
    }
    if (n === null || n < min || n > max || (integer && !Number.isInteger(n))) {
      const bounded = Number.isFinite(min) && Number.isFinite(max);
      this.fail(column, bounded ? (integer ? 'import.integer_range' : 'import.number_range') : integer ? 'import.integer' : 'import.number', { min, max });
      return null;
    }
    return n;
  }

  date(column: string, { required = false } = {}): string | null {
    const cell = this.cell(column);
    if (cell === '') {
      if (required) this.fail(column, 'import.required');
      return null;
    }
    const date = parseDate(cell);
    if (!date) this.fail(column, 'import.date');
    return date;
  }
}

/**
 * The data rows of a sheet (empty rows skipped), or none when a required column is missing
 * (reported once, on the header row). Headers match case-insensitively.
 */
export function readSheet(
  errors: ImportErrors,
  title: string,
  data: Cell[][] | undefined,
  columns: readonly string[],
  { optional = [], defaultMax = 4000 }: { optional?: readonly string[]; defaultMax?: number } = {},
): RowReader[] {
  if (!data || data.length === 0) return [];
  const header = data[0].map((h) => lower(String(h).trim()));
  const missing = columns.filter((c) => !header.includes(c) && !optional.includes(c));
  for (const column of missing) errors.add(title, 1, column, 'import.column_missing');
  if (missing.length > 0) return [];
  const rows: RowReader[] = [];
  for (let i = 1; i < data.length; i++) {
    if (data[i].some((c) => String(c).trim() !== '')) rows.push(new RowReader(errors, title, header, data[i], i + 1, defaultMax));
  }
  return rows;
}

/**
 * A file without one filled row under a header (no known sheet, only separators, empty lines) is
 * refused with the sheet names it should have, rather than "imported" with all counts zero.
 */
export function refuseEmptyImport(sheets: Partial<Record<string, Cell[][]>>, titles: readonly string[]): void {
  const filled = Object.values(sheets).some((rows) => (rows ?? []).slice(1).some((row) => row.some((c) => String(c).trim() !== '')));
  if (!filled) throw new Problem(422, problemType('import-empty'), 'problem.import_empty', { detailKey: 'problem.import_empty.detail', params: { sheets: titles.join(', ') } });
}
