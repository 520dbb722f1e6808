import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TFunction } from '../../../contracts/organisation.ts';
import { createMunicipality, createUser } from '../../../seeds/factories.ts';
import { type ApiClient, type TestServer, startTestServer } from '../../../test/support/test-server.ts';
import { IMPORT_ERROR_LIMIT } from '../sheet-rows.ts';
import { IMPORT_LIMITS, XLSX_TYPE } from '../spreadsheet.ts';
import { FIELD_ERROR_LIMIT } from './problem-handler.ts';

// The hostile uploads of the security review: a file body sent to a route that takes none, a
// file of millions of rows or errors, and files that hold nothing to import.

let server: TestServer;
let consultant: ApiClient;
let admin: ApiClient;

const PASSWORD = 'Upload-proeve-2026-kode';

beforeAll(async () => {
  server = await startTestServer();
  consultant = await server.loginAs('konsulent@trekant.test');
  // An empty municipality, so that imports of functions need only their organisation.
  const municipalityId = await createMunicipality(server.database.db, { code: 996, name: 'Uploadkommune' });
  await createUser(server.database.db, { email: 'admin@996.test', name: 'Administrator', password: PASSWORD, roles: ['administrator'], municipalityId });
  admin = await server.loginAs('admin@996.test', PASSWORD);
});
afterAll(() => server?.close());

const workbook = async (sheets: Record<string, (string | number)[][]>) => {
  const book = new ExcelJS.Workbook();
  for (const [title, rows] of Object.entries(sheets)) book.addWorksheet(title).addRows(rows);
  return Buffer.from(await book.xlsx.writeBuffer());
};

describe('file bodies only where a file is imported', () => {
  it.each([
    ['POST', '/api/auth/login', 'text/csv'],
    ['PATCH', '/api/me', XLSX_TYPE],
    ['POST', '/api/efforts', 'text/csv'],
  ])('%s %s refuses %s with 415 and a small answer, whatever the size', async (method, path, type) => {
    const body = Buffer.alloc(9_500_000, 'a;');
    const client = path === '/api/auth/login' ? server.client() : consultant;
    const response = await client.request(method, path, { body, headers: { 'content-type': type } });
    expect(response.status).toBe(415);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.text.length).toBeLessThan(1000);
    expect((await server.client().get('/health')).status).toBe(200);
  });

  it('keeps the global body limit for JSON', async () => {
    const response = await consultant.request('POST', '/api/efforts', { body: `{"title":"${'a'.repeat(2 * 1024 * 1024)}"}`, headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(413);
  });

  it('lists at most a bounded number of field errors and says how many more there were', async () => {
    const body = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`unknown${i}`, i]));
    const response = await consultant.post<{ errors: unknown[]; errorsNotShown: number }>('/api/efforts', body);
    expect(response.status).toBe(422);
    expect(response.body.errors).toHaveLength(FIELD_ERROR_LIMIT);
    expect(response.body.errorsNotShown).toBeGreaterThan(5000 - FIELD_ERROR_LIMIT);
  });
});

describe('the efforts import', () => {
  it('reports a bounded list of errors for a large file of wrong rows, and how many more', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => [`ukendt ${i}`, 'i går', 'mange']);
    const file = await workbook({ Målinger: [['indikator', 'dato', 'værdi', 'note'], ...rows] });
    const response = await consultant.request<{ rowErrors: unknown[]; rowErrorsNotShown: number }>('POST', '/api/efforts/import', { body: file, headers: { 'content-type': XLSX_TYPE } });
    expect(response.status).toBe(422);
    expect(response.body.rowErrors).toHaveLength(IMPORT_ERROR_LIMIT);
    // Three wrong cells a row: the unknown indicator, the date and the value.
    expect(response.body.rowErrorsNotShown).toBe(3 * 5000 - IMPORT_ERROR_LIMIT);
  });

  it('refuses a file with more rows than an import may hold, before parsing it', async () => {
    const rows = Array.from({ length: IMPORT_LIMITS.rows + 1 }, (_, i) => [`x${i}`]);
    const response = await consultant.request<{ type: string; detail: string }>('POST', '/api/efforts/import', { body: await workbook({ Målinger: rows }), headers: { 'content-type': XLSX_TYPE } });
    expect(response.status).toBe(413);
    expect(response.body.type).toBe('/problems/import-too-large');
    expect(response.body.detail).toContain('Del filen op');
  });

  it('refuses a workbook with none of its sheets as empty, naming the sheets', async () => {
    const response = await consultant.request<{ type: string; detail: string }>('POST', '/api/efforts/import', {
      body: await workbook({ Ark1: [['a', 'b'], [1, 2]] }),
      headers: { 'content-type': XLSX_TYPE },
    });
    expect(response.status).toBe(422);
    expect(response.body.type).toBe('/problems/import-empty');
    expect(response.body.detail).toContain('Indsatser');
  });
});

describe('the organisation import', () => {
  const importCsv = (sheet: string, body: Buffer) => admin.request<{ type: string; counts: Record<string, number> }>('POST', `/api/organisation/import?sheet=${sheet}`, { body, headers: { 'content-type': 'text/csv' } });

  it('refuses a CSV of millions of empty lines before parsing it', async () => {
    const response = await importCsv('organisations', Buffer.alloc(9_800_000, '\n'));
    expect(response.status).toBe(413);
    expect(response.body.type).toBe('/problems/import-too-large');
  });

  it('refuses a file with nothing to import instead of answering 201 with zero counts', async () => {
    const separators = await importCsv('organisations', Buffer.from(';;;;\r\n;;;;\r\n'));
    expect(separators.status).toBe(422);
    expect(separators.body.type).toBe('/problems/import-empty');
    const headerOnly = await importCsv('organisations', Buffer.from('nøgle;type;kort navn;navn;overordnet;i skærelinjen;ejer\r\n'));
    expect(headerOnly.status).toBe(422);
    const noWorkbook = await admin.request('POST', '/api/organisation/import', { body: Buffer.from('PK\u0005\u0006' + '\u0000'.repeat(18)), headers: { 'content-type': XLSX_TYPE } });
    expect(noWorkbook.status).toBe(400);
    expect((await admin.get<unknown[]>('/api/organisations')).body).toEqual([]);
  });

  it('reads 0,5 and 0.5 as a half, as text or as a number, from Danish Excel CSV (Windows-1252) and XLSX', async () => {
    const organisations = 'nøgle;type;kort navn;navn;overordnet;i skærelinjen;ejer\r\nTKF;enhed;TKF;Tryghed og Kriminalitetsforebyggelse;;ja;kommune\r\n';
    expect((await importCsv('organisations', Buffer.from(organisations, 'latin1'))).status).toBe(201);
    const functions = [
      'nøgle;titel;organisation;antal;timer min;timer max;årsværk;i skærelinjen;finansiering;trekantniveau;ejer',
      'Gadeplansmedarbejder (TKF);Gadeplansmedarbejder;TKF;1;18,5;37;0,5;ja;løn;målrettet;kommune',
      'Ungdomskonsulent (TKF);Ungdomskonsulent;TKF;1;;;0.5;ja;løn;;kommune',
    ].join('\r\n');
    const imported = await importCsv('functions', Buffer.from(functions, 'latin1'));
    expect(imported.status).toBe(201);
    const file = await workbook({
      Funktioner: [
        ['nøgle', 'titel', 'organisation', 'antal', 'timer min', 'timer max', 'årsværk', 'i skærelinjen', 'finansiering', 'trekantniveau', 'ejer'],
        ['Analytiker (TKF)', 'Analytiker', 'TKF', 1, 30.5, 37, 0.5, 'ja', 'løn', '', 'kommune'],
      ],
    });
    expect((await admin.request('POST', '/api/organisation/import', { body: file, headers: { 'content-type': XLSX_TYPE } })).status).toBe(201);
    const stored = (await admin.get<TFunction[]>('/api/functions')).body.map((f) => [f.title, f.fte, f.hoursMin]).sort();
    expect(stored).toEqual([
      ['Analytiker', 0.5, 30.5],
      ['Gadeplansmedarbejder', 0.5, 18.5],
      ['Ungdomskonsulent', 0.5, null],
    ]);
  });

  it('refuses 1.500 as ambiguous rather than guessing', async () => {
    const functions = 'nøgle;titel;organisation;antal;timer min;timer max;årsværk;i skærelinjen;finansiering;trekantniveau;ejer\r\nX (TKF);X;TKF;1;;;1.500;ja;løn;;kommune\r\n';
    const response = await admin.request<{ rowErrors: { column: string; message: string }[] }>('POST', '/api/organisation/import?sheet=functions&dryRun=true', {
      body: Buffer.from(functions),
      headers: { 'content-type': 'text/csv' },
    });
    expect(response.status).toBe(422);
    expect(response.body.rowErrors).toEqual([{ sheet: 'Funktioner', row: 2, column: 'årsværk', message: expect.stringContaining('1.500') }]);
  });
});
