import ExcelJS from 'exceljs';
import { Problem, problemType } from './errors.ts';

/** XLSX read and written by the modules' import and export: sheets of text cells, row 1 the header. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const unreadableFile = () => new Problem(400, problemType('import-unreadable'), 'problem.import_unreadable');

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
    for (const row of sheet.rows) worksheet.addRow(row);
    worksheet.columns.forEach((column) => (column.width = 24));
    worksheet.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * The named sheets of a workbook as rows of text (row 1 = the header). A sheet is found by its
 * Danish title or by its code; a missing sheet is left out.
 */
export async function readWorkbook<S extends string>(buffer: Buffer, titles: Record<S, string>): Promise<Partial<Record<S, string[][]>>> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw unreadableFile();
  }
  const rows: Partial<Record<S, string[][]>> = {};
  for (const sheet of Object.keys(titles) as S[]) {
    const worksheet = workbook.getWorksheet(titles[sheet]) ?? workbook.getWorksheet(sheet);
    if (!worksheet) continue;
    const data: string[][] = [];
    worksheet.eachRow({ includeEmpty: true }, (row, index) => {
      data[index - 1] = (row.values as unknown[]).slice(1).map((v) => cellText(v));
    });
    rows[sheet] = Array.from(data, (r) => r ?? []);
  }
  return rows;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { text?: unknown; result?: unknown; richText?: { text: string }[] };
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if (v.text !== undefined) return String(v.text);
    if (v.result !== undefined) return String(v.result);
    return '';
  }
  return String(value).trim();
}
