import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { Problem } from './errors.ts';
import { IMPORT_ERROR_LIMIT, ImportErrors, parseDate, parseNumber, readSheet } from './sheet-rows.ts';
import { type Cell, IMPORT_LIMITS, decodeCsv, readCsv, readWorkbook } from './spreadsheet.ts';

/** The rows of a sheet whose header row names the columns required. */
const rows = (cells: Cell[][], required = cells[0].map((c) => String(c).toLowerCase())) => {
  const errors = new ImportErrors('da');
  return { errors, rows: readSheet(errors, 'Ark', cells, required) };
};

describe('numbers as people write them', () => {
  it.each([
    ['0,5', 0.5],
    ['0.5', 0.5],
    ['1234,5', 1234.5],
    ['1234.5', 1234.5],
    ['1.234,50', 1234.5],
    ['1,234.50', 1234.5],
    ['1.234.567', 1234567],
    ['1,234,567', 1234567],
    ['1 234', 1234],
    ['-3', -3],
    ['−2,25', -2.25],
    ['37', 37],
    ['.5', 0.5],
  ])('reads %s as %d', (text, value) => expect(parseNumber(text)).toBe(value));

  it.each(['1.500', '12.345', '999.000'])('refuses %s as ambiguous (1500 in Danish, 1.5 in English)', (text) => expect(parseNumber(text)).toBe('ambiguous'));
  it.each(['', 'abc', '1,2,3', '1.2.3', '1.23,4', '12a', '1,23.4.5'])('refuses %j', (text) => expect(parseNumber(text)).toBeNull());

  it('reads a number cell as stored, and a number written as text the same way', () => {
    const { rows: [byNumber, byComma, byPoint, wrong], errors } = rows([['tal'], [0.5], ['0,5'], ['0.5'], ['1.500']]);
    expect([byNumber, byComma, byPoint].map((r) => r.number('tal'))).toEqual([0.5, 0.5, 0.5]);
    expect(wrong.number('tal')).toBeNull();
    expect(errors.shown).toEqual([{ sheet: 'Ark', row: 5, column: 'tal', message: expect.stringContaining('1.500') }]);
  });
});

describe('dates, words and yes/no', () => {
  it.each([
    ['2026-01-31', '2026-01-31'],
    ['31.1.2026', '2026-01-31'],
    ['31-01-2026', '2026-01-31'],
    ['31/1/2026', '2026-01-31'],
    [46053, '2026-01-31'],
  ] as [Cell, string][])('reads %j as %s', (cell, iso) => expect(parseDate(cell)).toBe(iso));

  it.each(['2026-02-31', '31.13.2026', '2026/01/31', 'i går', 1.5])('refuses %j', (cell) => expect(parseDate(cell)).toBeNull());

  it('reads a vocabulary by Danish word or code in any case, and names the words when wrong', () => {
    const words = { active: 'aktiv', paused: 'sat i bero' } as const;
    const { rows: [a, b, c, d], errors } = rows([['valg'], ['AKTIV'], ['paused'], ['Sat i bero'], ['måske']]);
    expect([a, b, c, d].map((r) => r.choice('valg', words, { fallback: 'active' }))).toEqual(['active', 'paused', 'paused', 'active']);
    expect(errors.shown.map((e) => [e.row, e.message])).toEqual([[5, 'Skal være en af: aktiv, sat i bero']]);
  });

  it('reads yes and no in Danish and English and refuses anything else', () => {
    const { rows: read, errors } = rows([['ja/nej'], ['ja'], ['Yes'], ['x'], ['nej'], ['false'], ['måske']]);
    expect(read.map((r) => r.bool('ja/nej'))).toEqual([true, true, true, false, false, false]);
    expect(errors.shown).toHaveLength(1);
  });

  it('skips empty rows, keeps the spreadsheet row numbers, and reports a missing column once', () => {
    const { rows: read } = rows([['Tal', 'dato', 'valg', 'ja/nej'], ['', '', '', ''], ['1', '', '', '']]);
    expect(read.map((r) => r.at)).toEqual([3]);
    const missing = rows([['tal']], ['tal', 'dato', 'valg', 'ja/nej']);
    expect(missing.rows).toEqual([]);
    expect(missing.errors.shown.map((e) => [e.row, e.column])).toEqual([
      [1, 'dato'],
      [1, 'valg'],
      [1, 'ja/nej'],
    ]);
  });

  it('answers in English for an English user', () => {
    const errors = new ImportErrors('en');
    const [row] = readSheet(errors, 'Sheet', [['tal'], ['x']], ['tal']);
    row.number('tal', { min: 0, max: 80 });
    expect(errors.shown[0].message).toBe('Must be a number from 0 to 80');
  });
});

describe('errors', () => {
  it('lists at most the limit, counts the rest, and finds an error by place at once', () => {
    const errors = new ImportErrors('da');
    for (let row = 2; row < 5002; row++) errors.add('Ark', row, 'tal', 'import.number');
    expect(errors.shown).toHaveLength(IMPORT_ERROR_LIMIT);
    expect(errors.notShown).toBe(5000 - IMPORT_ERROR_LIMIT);
    expect(errors.has('Ark', 4999, 'tal')).toBe(true);
    expect(errors.has('Ark', 4999, 'dato')).toBe(false);
  });
});

describe('CSV files', () => {
  it('reads UTF-8 with and without a BOM, and Windows-1252 as Danish Excel saves it', async () => {
    const text = 'titel;årsværk\r\nUngdomskonsulent;0,5\r\nGadeplansmedarbejder;1\r\n';
    const expected = [
      ['titel', 'årsværk'],
      ['Ungdomskonsulent', '0,5'],
      ['Gadeplansmedarbejder', '1'],
    ];
    expect(await readCsv(Buffer.from(text, 'utf8'))).toEqual(expected);
    expect(await readCsv(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]))).toEqual(expected);
    expect(await readCsv(Buffer.from(text, 'latin1'))).toEqual(expected);
    expect(decodeCsv(Buffer.from([0x96, 0x41, 0xe6, 0xf8, 0xe5]))).toBe('–Aæøå');
  });

  it('reads comma-separated files too, and restores a neutralised formula', async () => {
    expect(await readCsv(Buffer.from("a,b\n'=1+1,\"x, y\"\n"))).toEqual([
      ['a', 'b'],
      ['=1+1', 'x, y'],
    ]);
  });

  it('refuses UTF-16 with what to do instead', async () => {
    const file = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a;b\r\n', 'utf16le')]);
    await expect(readCsv(file)).rejects.toMatchObject({ status: 400, options: { detailKey: 'problem.import_unreadable.utf16' } });
  });

  it('refuses more lines than an import may hold before parsing them, empty lines included', async () => {
    const file = Buffer.from('\n'.repeat(4_900_000));
    const error = await readCsv(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Problem);
    expect(error).toMatchObject({ status: 413, options: { detailKey: 'problem.import_too_large.rows' } });
  });

  it('refuses rows wider than an import may hold', async () => {
    await expect(readCsv(Buffer.from(`${';'.repeat(IMPORT_LIMITS.columns + 5)}\n`))).rejects.toMatchObject({ status: 413 });
  });
});

describe('XLSX files are measured before they are parsed', () => {
  const workbook = async (fill: (sheet: ExcelJS.Worksheet) => void) => {
    const book = new ExcelJS.Workbook();
    fill(book.addWorksheet('Ark'));
    return Buffer.from(await book.xlsx.writeBuffer());
  };

  it('reads numbers as numbers and dates as days', async () => {
    const file = await workbook((s) => {
      s.addRow(['tal', 'dato']);
      s.addRow([0.5, new Date(Date.UTC(2026, 0, 31))]);
    });
    expect((await readWorkbook(file, { sheet: 'Ark' })).sheet).toEqual([
      ['tal', 'dato'],
      [0.5, '2026-01-31'],
    ]);
  });

  it('refuses too many rows', async () => {
    const file = await workbook((s) => {
      for (let i = 0; i <= IMPORT_LIMITS.rows; i++) s.addRow(['x']);
    });
    await expect(readWorkbook(file, { sheet: 'Ark' })).rejects.toMatchObject({ status: 413, options: { detailKey: 'problem.import_too_large.rows' } });
  });

  it('refuses a cell in column XFD', async () => {
    const file = await workbook((s) => {
      s.getCell('XFD1').value = 'x';
    });
    await expect(readWorkbook(file, { sheet: 'Ark' })).rejects.toMatchObject({ status: 413, options: { detailKey: 'problem.import_too_large.columns' } });
  });

  it('refuses a part that unzips past the budget (a zip bomb) without inflating it whole', async () => {
    // Repeated text deflates about a thousandfold: a small upload holding a huge sheet.
    const file = zipOf({
      'xl/workbook.xml': '<workbook/>',
      'xl/worksheets/sheet1.xml': `<worksheet><sheetData><row><c><v>${'1'.repeat(IMPORT_LIMITS.unzippedBytes + 1024)}</v></c></row></sheetData></worksheet>`,
    });
    expect(file.length).toBeLessThan(200_000);
    await expect(readWorkbook(file, { sheet: 'Ark' })).rejects.toMatchObject({ status: 413, options: { detailKey: 'problem.import_too_large.unzipped' } });
  });

  it('refuses a zip without a workbook as unreadable', async () => {
    const JSZip = (await import('jszip')).default;
    const zip = new JSZip();
    zip.file('xl/worksheets/sheet1.xml', '<worksheet/>');
    await expect(readWorkbook(await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }), { sheet: 'Ark' })).rejects.toMatchObject({ status: 400 });
    await expect(readWorkbook(Buffer.from('not a workbook'), { sheet: 'Ark' })).rejects.toMatchObject({ status: 400 });
  });
});

/** A zip file (APPNOTE 4.3) of deflated entries, written with the platform's zlib. */
function zipOf(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const content = Buffer.from(text);
    const data = deflateRawSync(content);
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(content), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(content.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc32(content), 16);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(content.length, 24);
    entry.writeUInt16LE(nameBytes.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    central.push(entry, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
