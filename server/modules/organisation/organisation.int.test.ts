import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TForum, TForumDetail, TFunction, TImportResult, TMatrix, TOrganisation, TOrganisationMap } from '../../../contracts/organisation.ts';
import { createMunicipality, createPoliceDistrict, createUser } from '../../../seeds/factories.ts';
import { OrganisationService } from './organisation.service.ts';
import { type ApiClient, type TestServer, startTestServer } from '../../../test/support/test-server.ts';

let server: TestServer;
let leader: ApiClient;
let consultant: ApiClient;

beforeAll(async () => {
  server = await startTestServer();
  leader = await server.loginAs('leder@trekant.test');
  consultant = await server.loginAs('konsulent@trekant.test');
});
afterAll(() => server?.close());

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const forumByName = async (client: ApiClient, name: string) => (await client.get<TForum[]>('/api/forums')).body.find((f) => f.name === name)!;
const memberTitles = (forum: TForumDetail) => forum.members.map((m) => `${m.functionTitle} (${m.organisationName})`).sort();

describe('reference data from the memo', () => {
  it('holds all eight forums with exactly the members the memo lists, on three levels', async () => {
    const forums = await consultant.get<TForum[]>('/api/forums');
    expect(forums.body.map((f) => f.name).sort()).toEqual(
      ['Chefforum', 'Infohus-samarbejdet', 'Koordinationsgruppen', 'Kredsråd', 'Lokalråd', 'SSP-NU o18', 'SSP-NU u18', 'SSP-netværk'].sort(),
    );
    expect(forums.body.filter((f) => f.scope === 'police_district').map((f) => f.name).sort()).toEqual(['Chefforum', 'Kredsråd']);
    const u18 = await consultant.get<TForumDetail>(`/api/forums/${(await forumByName(consultant, 'SSP-NU u18')).id}`);
    expect(memberTitles(u18.body)).toEqual(
      [
        'Civilforebygger (Vestegnens Politi)',
        'Familierådgiver (Center for Børn og Familier)',
        'Konsulent for proaktiv kriminalitetsforebyggelse (Tryghed og Kriminalitetsforebyggelse)',
        'Lokalbetjent (Vestegnens Politi)',
        'Socialfaglig leder (Center for Børn og Familier)',
        'UU-vejleder (Ungdommens Uddannelsesvejledning)',
      ].sort(),
    );
    expect(u18.body.legalBasis).toContain('Retsplejeloven § 115');
    const counts = Object.fromEntries(forums.body.map((f) => [f.name, f.memberCount]));
    expect(counts).toEqual({
      // The police director, the police inspector and the mayors of the district's 11 municipalities.
      Kredsråd: 13,
      Lokalråd: 9,
      // The leaders of the district's 11 crime-prevention units and the police.
      Chefforum: 12,
      'SSP-NU u18': 6,
      'SSP-NU o18': 7,
      Koordinationsgruppen: 9,
      'Infohus-samarbejdet': 6,
      'SSP-netværk': 10,
    });
  });

  it('has the units, functions with hours and the scope line, and the two pools', async () => {
    const map = await consultant.get<TOrganisationMap>('/api/organisation-map');
    const street = map.body.functions.find((f) => f.title === 'Gadeplansmedarbejder')!;
    expect(street).toMatchObject({ headcount: 4, hoursMin: 27, hoursMax: 37, inScope: true });
    const inScopeUnits = map.body.organisations.filter((o) => o.inScope).map((o) => o.name).sort();
    expect(inScopeUnits).toEqual(['Den udgående indsats', 'Gadeplan', 'Tryghed og Kriminalitetsforebyggelse']);
    expect(map.body.pools).toHaveLength(2);
    const proactive = map.body.functions.find((f) => f.title === 'Konsulent for proaktiv kriminalitetsforebyggelse')!;
    expect(proactive.forumCount).toBe(6);
  });

  it('answers "as of a date": nothing before the memo, the map after it', async () => {
    expect((await consultant.get<TForum[]>('/api/forums?asOf=2023-03-01')).body).toHaveLength(0);
    expect((await consultant.get<TForum[]>('/api/forums?asOf=2023-04-01')).body).toHaveLength(8);
  });

  it('loads the memo’s peers as reference municipalities with staff by level', async () => {
    const peers = await server.database.db.selectFrom('municipalities').select(['id', 'name', 'inhabitants', 'is_reference']).where('is_reference', '=', true).orderBy('name').execute();
    expect(peers.map((p) => [p.name, p.inhabitants])).toEqual([
      ['Albertslund', 27_500],
      ['Høje-Taastrup', 50_000],
      ['Viborg', 100_000],
    ]);
    // The unit's staff (in the scope line); the mayor, seated in the district's Kredsråd, is not.
    const albertslund = await server.database.db.selectFrom('functions').select(['title', 'headcount', 'triangle_level']).where('municipality_id', '=', peers[0].id).where('in_scope', '=', true).where('valid_to', 'is', null).execute();
    expect(albertslund.reduce((n, f) => n + f.headcount, 0)).toBe(12);
    expect(albertslund.find((f) => f.triangle_level === 'targeted')?.headcount).toBe(7);
  });
});

describe('editing the map', () => {
  it('lets a leader add a function to a forum, change its role and remove it, with history and as-of', async () => {
    const map = await leader.get<TOrganisationMap>('/api/organisation-map');
    const tkf = map.body.organisations.find((o) => o.shortName === 'TKF')!;
    const created = await leader.post<TFunction>('/api/functions', { title: 'Analytiker', organisationId: tkf.id, hoursMin: 37, hoursMax: 37, inScope: true, triangleLevel: 'general' });
    expect(created.status).toBe(201);
    const koordination = await forumByName(leader, 'Koordinationsgruppen');
    const added = await leader.post<TForumDetail>(`/api/forums/${koordination.id}/members`, { functionId: created.body.id, role: 'observer' });
    expect(added.status).toBe(201);
    const member = added.body.members.find((m) => m.functionId === created.body.id)!;
    expect(member.role).toBe('observer');
    const again = await leader.post<{ errors: { field: string }[] }>(`/api/forums/${koordination.id}/members`, { functionId: created.body.id });
    expect(again.status).toBe(409);
    const changed = await leader.patch<TForumDetail>(`/api/forums/${koordination.id}/members/${member.id}`, { role: 'secretary' });
    expect(changed.body.members.find((m) => m.id === member.id)?.role).toBe('secretary');
    const yesterday = new Date(Date.now() - 86400_000).toISOString().slice(0, 10);
    const before = await leader.get<TForumDetail>(`/api/forums/${koordination.id}?asOf=${yesterday}`);
    expect(before.body.members.some((m) => m.functionId === created.body.id)).toBe(false);
    const removed = await leader.delete<TForumDetail>(`/api/forums/${koordination.id}/members/${member.id}`);
    expect(removed.body.members.some((m) => m.functionId === created.body.id)).toBe(false);
    const history = removed.body.history.filter((h) => h.entity === 'member' && h.summary.startsWith('Analytiker'));
    const leaderName = 'Leder, Tryghed og Kriminalitetsforebyggelse';
    expect(history.map((h) => [h.what, h.actorName])).toEqual([
      ['created', leaderName],
      ['changed', leaderName],
      ['removed', leaderName],
    ]);
    const audit = await server.database.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'forum_members').execute();
    expect(audit.length).toBeGreaterThanOrEqual(3);
  });

  it('validates references and refuses cycles and removals that would orphan records', async () => {
    const map = await leader.get<TOrganisationMap>('/api/organisation-map');
    const unknown = await leader.post<{ errors: { field: string; message: string }[] }>('/api/functions', { title: 'X', organisationId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0].field).toBe('organisationId');
    const cbf = map.body.organisations.find((o) => o.shortName === 'CBF')!;
    const tkf = map.body.organisations.find((o) => o.shortName === 'TKF')!;
    const cycle = await leader.put<{ errors: { field: string }[] }>(`/api/organisations/${cbf.id}`, { kind: 'centre', shortName: 'CBF', name: cbf.name, parentId: tkf.id });
    expect(cycle.status).toBe(422);
    expect(cycle.body.errors[0].field).toBe('parentId');
    expect((await leader.delete(`/api/organisations/${tkf.id}`)).status).toBe(409);
    const badHours = await leader.post<{ errors: { field: string }[] }>('/api/functions', { title: 'X', organisationId: tkf.id, hoursMin: 37, hoursMax: 20 });
    expect(badHours.status).toBe(422);
    expect(badHours.body.errors[0].field).toBe('hoursMax');
  });

  it('lets consultants read but not edit, and gives partners only the forums they sit in', async () => {
    const map = await consultant.get<TOrganisationMap>('/api/organisation-map');
    expect(map.body.organisations[0].abilities).toEqual({ update: false, delete: false });
    expect((await consultant.post('/api/pools', { name: 'X', organisationId: map.body.organisations[0].id })).status).toBe(403);

    // The demo partner holds the function Lokalbetjent (seeds/reference.ts).
    const partner = await server.loginAs('partner@trekant.test');
    const visible = await partner.get<TForum[]>('/api/forums');
    expect(visible.body.map((f) => f.name).sort()).toEqual(['SSP-NU o18', 'SSP-NU u18', 'SSP-netværk']);
    expect((await partner.get<TForum[]>('/api/forums/mine')).body).toHaveLength(3);
    const kredsraad = await forumByName(consultant, 'Kredsråd');
    expect((await partner.get(`/api/forums/${kredsraad.id}`)).status).toBe(404);
    expect((await partner.get('/api/organisation-map')).status).toBe(403);
    expect((await partner.get('/api/forum-matrix')).status).toBe(403);
  });
});

describe('the police district', () => {
  it('shares district forums with the district’s municipalities and nothing else', async () => {
    const ishoj = await server.database.db.selectFrom('municipalities').select(['police_district_id']).where('code', '=', 183).executeTakeFirstOrThrow();
    // A municipality of the district that the reference data loads with only its seats in the district's forums.
    const seeded = await server.database.db.selectFrom('municipalities').select(['id', 'police_district_id']).where('code', '=', 187).executeTakeFirstOrThrow();
    expect(seeded.police_district_id).toBe(ishoj.police_district_id);
    const vallensbaek = seeded.id;
    await createUser(server.database.db, { email: 'konsulent@vallensbaek.test', name: 'Konsulent', password: 'vallensbaek-pass', roles: ['consultant'], municipalityId: vallensbaek });
    const neighbour = await server.loginAs('konsulent@vallensbaek.test', 'vallensbaek-pass');
    expect((await neighbour.get<TForum[]>('/api/forums')).body.map((f) => f.name).sort()).toEqual(['Chefforum', 'Kredsråd']);
    const lokalraad = await forumByName(consultant, 'Lokalråd');
    expect((await neighbour.get(`/api/forums/${lokalraad.id}`)).status).toBe(404);

    const viborg = await server.database.db.selectFrom('municipalities').select('id').where('code', '=', 791).executeTakeFirstOrThrow();
    await createUser(server.database.db, { email: 'konsulent@viborg.test', name: 'Konsulent', password: 'viborg-password', roles: ['consultant'], municipalityId: viborg.id });
    const far = await server.loginAs('konsulent@viborg.test', 'viborg-password');
    expect((await far.get<TForum[]>('/api/forums')).body).toEqual([]);
  });
});

describe('views', () => {
  it('builds the matrix of functions × forums with each function’s load', async () => {
    const matrix = await consultant.get<TMatrix>('/api/forum-matrix');
    expect(matrix.body.forums.map((f) => f.level)).toEqual([...matrix.body.forums.map((f) => f.level)].sort((a, b) => ['strategic', 'coordinating', 'executing'].indexOf(a) - ['strategic', 'coordinating', 'executing'].indexOf(b)));
    const proactive = matrix.body.functions.find((f) => f.title === 'Konsulent for proaktiv kriminalitetsforebyggelse')!;
    expect(matrix.body.cells.filter((c) => c.functionId === proactive.id)).toHaveLength(proactive.forumCount);
  });

  it('serves cached views that no process can see stale: a change anywhere raises the map version', async () => {
    // A second service on the same database stands for a second app process with its own cache.
    const otherProcess = new OrganisationService(server.database.db);
    const actor = await server.services.identity.actorFromSessionToken(consultant.sessionCookie!);
    const cells = async () =>
      (JSON.parse(await otherProcess.cachedView(actor!, 'matrix', undefined, async () => otherProcess.matrix(actor!))) as TMatrix).cells.length;
    const before = await cells();
    expect(await cells()).toBe(before); // served from its cache
    const ssp = await forumByName(leader, 'SSP-netværk');
    const map = await leader.get<TOrganisationMap>('/api/organisation-map');
    const analyst = map.body.functions.find((f) => f.title === 'Konsulent for kriminalitetsforebyggelse')!;
    const added = await leader.post<TForumDetail>(`/api/forums/${ssp.id}/members`, { functionId: analyst.id, role: 'member' });
    expect(added.status).toBe(201);
    expect(await cells()).toBe(before + 1);
    expect((await consultant.get<TMatrix>('/api/forum-matrix')).body.cells).toHaveLength(before + 1);
    const memberId = added.body.members.find((m) => m.functionId === analyst.id)!.id;
    await leader.delete(`/api/forums/${ssp.id}/members/${memberId}`);
    expect(await cells()).toBe(before);
  });

  it('searches organisations, functions and forums', async () => {
    const result = await consultant.get<{ forums: { name: string }[]; functions: { title: string }[] }>(`/api/organisation-search?q=${encodeURIComponent('ssp')}`);
    expect(result.body.forums.map((f) => f.name)).toEqual(expect.arrayContaining(['SSP-NU u18', 'SSP-netværk']));
    expect(result.body.functions.map((f) => f.title)).toEqual(expect.arrayContaining(['SSP-lærer', 'SSP-pædagog']));
  });

  it('uses the municipality’s own names for the three levels', async () => {
    const admin = await server.loginAs('administrator@trekant.test');
    const labels = { strategic: 'Styregruppeniveau', coordinating: 'Koordinationsniveau', executing: 'Praksisniveau' };
    expect((await admin.put('/api/settings/forum-level-labels', labels)).status).toBe(200);
    expect((await consultant.get<{ labels: unknown }>('/api/forum-levels')).body.labels).toEqual(labels);
  });

  it('keeps both of two settings changed at once (the forum levels’ words and the districts)', async () => {
    const admin = await server.loginAs('administrator@trekant.test');
    const labels = { strategic: 'Strategisk', coordinating: 'Koordinerende', executing: 'Udførende' };
    const districts = await admin.get<{ districts: string[] }>('/api/settings/districts');
    const more = [...districts.body.districts, 'Torslunde'];
    const answers = await Promise.all([admin.put('/api/settings/forum-level-labels', labels), admin.put('/api/settings/districts', { districts: more })]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect((await admin.get<{ labels: unknown }>('/api/forum-levels')).body.labels).toEqual(labels);
    expect((await admin.get<{ districts: string[] }>('/api/settings/districts')).body.districts).toContain('Torslunde');
  });
});

describe('import and export', () => {
  // An empty municipality in a police district of its own, so district records are imported too.
  async function emptyMunicipalityAdmin(code: number, name: string): Promise<ApiClient> {
    const policeDistrictId = await createPoliceDistrict(server.database.db, `Politikreds ${code}`);
    const id = await createMunicipality(server.database.db, { code, name, policeDistrictId });
    await createUser(server.database.db, { email: `admin@${code}.test`, name: 'Administrator', password: 'administrator-pass', roles: ['administrator'], municipalityId: id });
    return server.loginAs(`admin@${code}.test`, 'administrator-pass');
  }
  // A municipality's map is its own: the district forums' seats of the district's other
  // municipalities are theirs, not part of what this one exports.
  const mapShape = (map: TOrganisationMap, forums: TForumDetail[]) => {
    const orgName = new Map(map.organisations.map((o) => [o.id, o.name]));
    const fnName = new Map(map.functions.map((f) => [f.id, `${f.title}/${orgName.get(f.organisationId)}`]));
    return {
      organisations: map.organisations.map((o) => [o.kind, o.shortName, o.name, o.parentId ? orgName.get(o.parentId) : null, o.inScope]).sort(),
      functions: map.functions.map((f) => [fnName.get(f.id), f.headcount, f.hoursMin, f.hoursMax, f.fte, f.inScope, f.funding, f.triangleLevel]).sort(),
      pools: map.pools.map((p) => [p.name, orgName.get(p.organisationId), p.inScope]).sort(),
      forums: forums.map((f) => [f.name, f.level, f.legalBasis, f.purpose, forums.find((x) => x.id === f.reportsToId)?.name ?? null, f.members.filter((m) => fnName.has(m.functionId)).map((m) => `${m.functionTitle}/${m.organisationName}/${m.role}`).sort()]).sort(),
    };
  };
  const fullForums = async (client: ApiClient) =>
    Promise.all((await client.get<TForum[]>('/api/forums')).body.map(async (f) => (await client.get<TForumDetail>(`/api/forums/${f.id}`)).body));

  it('round-trips the whole map through XLSX into an empty municipality', async () => {
    const exported = await consultant.request('GET', '/api/organisation/export.xlsx');
    expect(exported.headers.get('content-type')).toContain(XLSX);
    const file = Buffer.from(await (await fetch(`${server.url}/api/organisation/export.xlsx`, { headers: { cookie: `trekant_session=${consultant.sessionCookie}` } })).arrayBuffer());
    const target = await emptyMunicipalityAdmin(999, 'Testkommune');
    const preview = await target.request<TImportResult>('POST', '/api/organisation/import?dryRun=true', { body: file, headers: { 'content-type': XLSX } });
    expect(preview.status).toBe(200);
    expect(preview.body.errors).toEqual([]);
    expect((await target.get<TOrganisation[]>('/api/organisations')).body).toHaveLength(0);
    const imported = await target.request<TImportResult>('POST', '/api/organisation/import', { body: file, headers: { 'content-type': XLSX } });
    expect(imported.status).toBe(201);
    const source = mapShape((await consultant.get<TOrganisationMap>('/api/organisation-map')).body, await fullForums(consultant));
    const copy = mapShape((await target.get<TOrganisationMap>('/api/organisation-map')).body, await fullForums(target));
    expect(copy).toEqual(source);
  });

  it('round-trips through one CSV file per sheet', async () => {
    const target = await emptyMunicipalityAdmin(998, 'CSV-kommune');
    for (const sheet of ['organisations', 'functions', 'pools', 'forums', 'members']) {
      const csv = await consultant.get(`/api/organisation/export.csv?sheet=${sheet}`);
      const result = await target.request<TImportResult>('POST', `/api/organisation/import?sheet=${sheet}`, { body: csv.text, headers: { 'content-type': 'text/csv' } });
      expect(result.status, `${sheet}: ${result.text.slice(0, 300)}`).toBe(201);
    }
    const source = mapShape((await consultant.get<TOrganisationMap>('/api/organisation-map')).body, await fullForums(consultant));
    const copy = mapShape((await target.get<TOrganisationMap>('/api/organisation-map')).body, await fullForums(target));
    expect(copy).toEqual(source);
  });

  it('shows row-level errors (sheet, row, column) and writes nothing when any row is wrong', async () => {
    const target = await emptyMunicipalityAdmin(997, 'Fejlkommune');
    const workbook = new ExcelJS.Workbook();
    const organisations = workbook.addWorksheet('Organisationer');
    organisations.addRow(['nøgle', 'type', 'kort navn', 'navn', 'overordnet', 'i skærelinjen', 'beskrivelse', 'ejer']);
    organisations.addRow(['A', 'center', 'A', 'Center A', '', 'ja', '', 'kommune']);
    organisations.addRow([]);
    organisations.addRow(['B', 'afdeling', 'B', 'Enhed B', 'X', 'måske', '', 'kommune']);
    const functions = workbook.addWorksheet('Funktioner');
    functions.addRow(['nøgle', 'titel', 'organisation', 'antal', 'timer min', 'timer max', 'årsværk', 'i skærelinjen', 'finansiering', 'trekantniveau', 'ejer']);
    functions.addRow(['F1', 'Konsulent', 'C', '1', '37', '', '', 'ja', 'løn', '', 'kommune']);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const result = await target.request<{ status: number; rowErrors: { sheet: string; row: number; column: string; message: string }[] }>('POST', '/api/organisation/import', {
      body: file,
      headers: { 'content-type': XLSX },
    });
    expect(result.status).toBe(422);
    expect(result.headers.get('content-type')).toContain('application/problem+json');
    expect(result.body.rowErrors).toEqual([
      // Row numbers are the spreadsheet's, blank rows included.
      { sheet: 'Organisationer', row: 4, column: 'type', message: 'Skal være en af: center, enhed, ekstern' },
      { sheet: 'Organisationer', row: 4, column: 'i skærelinjen', message: 'Skal være ja eller nej' },
      { sheet: 'Organisationer', row: 4, column: 'overordnet', message: '"X" findes hverken i filen eller i forvejen' },
      { sheet: 'Funktioner', row: 2, column: 'organisation', message: '"C" findes hverken i filen eller i forvejen' },
    ]);
    expect((await target.get<TOrganisation[]>('/api/organisations')).body).toHaveLength(0);
    const unreadable = await target.request('POST', '/api/organisation/import', { body: Buffer.from('not a workbook'), headers: { 'content-type': XLSX } });
    expect(unreadable.status).toBe(400);
  });
});
