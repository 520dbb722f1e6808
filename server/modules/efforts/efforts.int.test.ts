import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TEconomy, TEffortDetail, TEffortImportResult, TEffortList, TLegalBasis, TPeerComparison, TTriangle } from '../../../contracts/efforts.ts';
import type { TOrganisation, TFunction } from '../../../contracts/organisation.ts';
import { createMunicipality, createPoliceDistrict, createUser } from '../../../seeds/factories.ts';
import { ISHOJ_EFFORTS } from '../../../seeds/efforts-ishoj.ts';
import { danishToday } from '../../platform/danish-time.ts';
import { EffortsService } from './efforts.service.ts';
import { type ApiClient, type TestServer, startTestServer } from '../../../test/support/test-server.ts';

let server: TestServer;
let leader: ApiClient;
let consultant: ApiClient;
let streetWorker: ApiClient;
let analyst: ApiClient;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const YEAR = Number(danishToday().slice(0, 4));
const LAST = YEAR - 1;

beforeAll(async () => {
  server = await startTestServer();
  [leader, consultant, streetWorker, analyst] = await Promise.all(
    ['leder@trekant.test', 'konsulent@trekant.test', 'gadeplan@trekant.test', 'analytiker@trekant.test'].map((e) => server.loginAs(e)),
  );
});
afterAll(() => server?.close());

const list = async (client: ApiClient, query = '') => (await client.get<TEffortList>(`/api/efforts${query}`)).body;
const effortByTitle = async (client: ApiClient, title: string) => (await list(client, `?text=${encodeURIComponent(title)}`)).items.find((e) => e.title === title)!;
const detail = async (client: ApiClient, id: string) => (await client.get<TEffortDetail>(`/api/efforts/${id}`)).body;
const triangle = async (client: ApiClient, query = '') => (await client.get<TTriangle>(`/api/triangle${query}`)).body;
const band = (t: TTriangle, level: string) => t.bands.find((b) => b.level === level)!;

/** A valid new effort owned by the unit, built from the reference map. */
async function newEffort(client: ApiClient, overrides: Record<string, unknown> = {}) {
  const organisations = (await client.get<TOrganisation[]>('/api/organisations')).body;
  const unit = organisations.find((o) => o.name === 'Tryghed og Kriminalitetsforebyggelse')!;
  return { title: 'Tryghedsvandringer i Vejleåparken', level: 'general', ownerOrganisationId: unit.id, periodStart: `${YEAR}-01-01`, status: 'active', ...overrides };
}

describe('reference data from the memo', () => {
  it('holds the efforts the memo names, with owners and levels, running since the memo', async () => {
    const all = await list(consultant, '?limit=100');
    expect(all.total).toBe(ISHOJ_EFFORTS.length);
    expect(all.items.map((e) => e.title).sort()).toEqual(ISHOJ_EFFORTS.map((e) => e.title).sort());
    const street = all.items.find((e) => e.title === 'Gadeplan – opsøgende arbejde')!;
    expect(street).toMatchObject({ level: 'targeted', status: 'active', owner: { name: 'Gadeplan' }, ageMin: 12, ageMax: 17, riskProfile: 'early_concern', periodStart: '2023-03-27' });
    const release = await detail(consultant, all.items.find((e) => e.title.startsWith('God Løsladelse'))!.id);
    expect(release.level).toBe('individual');
    expect(release.partners.map((p) => p.name).sort()).toEqual(['Kriminalforsorgen', 'Vestegnens Politi']);
    expect(release.legalBases.map((l) => l.label)).toContain('Retsplejeloven § 115');
    expect(release.statusHistory).toEqual([expect.objectContaining({ status: 'active', previousStatus: null, effectiveOn: '2023-03-27' })]);
  });

  it('shows the triangle in Ishøj’s own words, with demo money marked', async () => {
    const t = await triangle(consultant);
    expect(t.bands.map((b) => b.label)).toEqual(['Opbyggende', 'Forebyggende', 'Kriminalitetsforebyggende']);
    const expected = (level: string) => ISHOJ_EFFORTS.filter((e) => e.level === level).length;
    expect(t.bands.map((b) => b.count)).toEqual([expected('general'), expected('targeted'), expected('individual')]);
    expect(t.bands.every((b) => b.demo && (b.budget ?? 0) > 0)).toBe(true);
    const economy = (await consultant.get<TEconomy>('/api/economy')).body;
    expect(economy.demo).toBe(true);
    expect(economy.efforts.every((e) => e.demo)).toBe(true);
  });

  it('lists the memo’s laws for efforts to rest on', async () => {
    const bases = (await consultant.get<TLegalBasis[]>('/api/legal-bases')).body.map((l) => l.label);
    expect(bases).toEqual(expect.arrayContaining(['Retsplejeloven § 114', 'Retsplejeloven § 115', 'Serviceloven', 'Lov om bekæmpelse af ungdomskriminalitet', 'Forvaltningsloven']));
  });
  it('keeps a municipality’s own legal bases to itself: audited there, retirable, never on the national list', async () => {
    const administrator = await server.loginAs('administrator@trekant.test');
    const added = await administrator.post<TLegalBasis>('/api/legal-bases', { law: 'Lov om lokale forsøg', section: '§ 3' });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ national: false, retired: false, abilities: { retire: true } });
    // Another municipality sees neither the entry nor can it touch it.
    const policeDistrictId = await createPoliceDistrict(server.database.db, 'Naboernes politikreds');
    const otherId = await createMunicipality(server.database.db, { code: 994, name: 'Nabokommune', policeDistrictId });
    await createUser(server.database.db, { email: 'admin@994.test', name: 'Nabo', password: 'Nabokommunens-kode-2026', roles: ['administrator'], municipalityId: otherId });
    const neighbour = await server.loginAs('admin@994.test', 'Nabokommunens-kode-2026');
    const theirs = (await neighbour.get<TLegalBasis[]>('/api/legal-bases')).body;
    expect(theirs.map((l) => l.label)).not.toContain('Lov om lokale forsøg § 3');
    expect(theirs.every((l) => l.national && !l.abilities.retire)).toBe(true);
    expect((await neighbour.delete(`/api/legal-bases/${added.body.id}`)).status).toBe(404);
    // The national list cannot be retired by a municipality.
    expect((await administrator.delete(`/api/legal-bases/${theirs[0].id}`)).status).toBe(403);
    // The audit row is in the adding municipality's log.
    const audited = await server.database.db.selectFrom('audit_log').innerJoin('municipalities', 'municipalities.id', 'audit_log.municipality_id').select(['municipalities.code', 'audit_log.action']).where('audit_log.entity_id', '=', added.body.id).execute();
    expect(audited).toEqual([{ code: 183, action: 'legal_basis.created' }]);
    // Retired: gone from the choices, kept where asked for.
    expect((await administrator.delete(`/api/legal-bases/${added.body.id}`)).status).toBe(200);
    expect((await administrator.delete(`/api/legal-bases/${added.body.id}`)).status).toBe(200);
    expect((await administrator.get<TLegalBasis[]>('/api/legal-bases')).body.map((l) => l.id)).not.toContain(added.body.id);
    const all = (await administrator.get<TLegalBasis[]>('/api/legal-bases?includeRetired=true')).body;
    expect(all.find((l) => l.id === added.body.id)).toMatchObject({ retired: true, abilities: { retire: false } });
    // A consultant reads the list but may not change it.
    expect((await consultant.post('/api/legal-bases', { law: 'Lov om noget', section: null })).status).toBe(403);
  });
});

describe('finding efforts', () => {
  it('filters by level, status, unit, age and district', async () => {
    const targeted = await list(consultant, '?level=targeted');
    expect(targeted.items.every((e) => e.level === 'targeted')).toBe(true);
    expect(targeted.total).toBe(ISHOJ_EFFORTS.filter((e) => e.level === 'targeted').length);
    const age8 = await list(consultant, '?age=8');
    expect(age8.items.map((e) => e.title).sort()).toEqual(ISHOJ_EFFORTS.filter((e) => e.ages[0] <= 8 && e.ages[1] >= 8).map((e) => e.title).sort());
    // An age range finds the efforts whose band reaches into it; an open end is allowed.
    const teens = await list(consultant, '?ageFrom=13&ageTo=15');
    expect(teens.items.map((e) => e.title).sort()).toEqual(ISHOJ_EFFORTS.filter((e) => e.ages[0] <= 15 && e.ages[1] >= 13).map((e) => e.title).sort());
    expect((await list(consultant, '?ageFrom=24')).total).toBe(ISHOJ_EFFORTS.filter((e) => e.ages[1] >= 24).length);
    const reversed = await consultant.get<{ errors: { field: string; message: string }[] }>('/api/efforts?ageFrom=16&ageTo=12');
    expect(reversed.status).toBe(422);
    expect(reversed.body.errors).toEqual([{ field: 'ageTo', message: 'Alderen til må ikke være lavere end alderen fra' }]);
    expect((await consultant.get('/api/triangle?ageFrom=16&ageTo=12')).status).toBe(422);
    const unit = targeted.items.find((e) => e.title === 'Den udgående indsats')!.owner!.id;
    expect((await list(consultant, `?unit=${unit}`)).items.map((e) => e.title).sort()).toEqual(['Den udgående indsats', 'Tilsyn med foreningen Ragnar']);
    // Efforts for the whole municipality reach every district.
    expect((await list(consultant, '?district=Vejleåparken')).total).toBe(ISHOJ_EFFORTS.length);
    expect((await list(consultant, '?status=paused')).total).toBe(0);
    const page = await list(consultant, '?limit=3&offset=3');
    expect(page.items).toHaveLength(3);
    expect(page.total).toBe(ISHOJ_EFFORTS.length);
  });

  it('searches in Danish: inflected words find their stem', async () => {
    // "løsladelser" (plural) finds "God Løsladelse – koordineret løsladelse".
    expect((await list(consultant, '?text=l%C3%B8sladelser')).items.map((e) => e.title)).toEqual(['God Løsladelse – koordineret løsladelse']);
    const outreach = await list(consultant, `?text=${encodeURIComponent('opsøgende arbejde')}`);
    expect(outreach.items[0].title).toBe('Gadeplan – opsøgende arbejde');
    expect((await list(consultant, '?text=radikalisering')).items.map((e) => e.title)).toContain('Infohus – forebyggelse af ekstremisme og radikalisering');
    expect((await list(consultant, '?text=zzzyx')).total).toBe(0);
  });
});

describe('an effort’s life', () => {
  it('is created with references checked, paused with a reason, and the triangle follows', async () => {
    const before = band(await triangle(leader), 'general').count;
    const bad = await leader.post<{ errors: { field: string; message: string }[] }>(
      '/api/efforts',
      await newEffort(leader, { ownerOrganisationId: '00000000-0000-4000-8000-000000000000', ageMin: 20, ageMax: 10, districts: ['Atlantis'] }),
    );
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e) => e.field).sort()).toEqual(['ageMax']);
    const unknown = await leader.post<{ errors: { field: string; message: string }[] }>('/api/efforts', await newEffort(leader, { ownerOrganisationId: '00000000-0000-4000-8000-000000000000', districts: ['Atlantis'] }));
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([
      { field: 'ownerOrganisationId', message: 'Den valgte post findes ikke (længere)' },
      { field: 'districts.0', message: 'Bydelen står ikke på kommunens liste over bydele' },
    ]);
    expect((await list(leader)).total).toBe(ISHOJ_EFFORTS.length);

    const created = await leader.post<TEffortDetail>('/api/efforts', await newEffort(leader, { districts: ['Vejleåparken'], ageMin: 10, ageMax: 30 }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'active', districts: ['Vejleåparken'], abilities: { update: true, changeStatus: true } });
    expect(band(await triangle(leader), 'general').count).toBe(before + 1);
    expect((await list(leader, '?district=Strandgårdsparken')).items.map((e) => e.id)).not.toContain(created.body.id);

    const noReason = await leader.post(`/api/efforts/${created.body.id}/status`, { status: 'paused', reason: '' });
    expect(noReason.status).toBe(422);
    const paused = await leader.post<TEffortDetail>(`/api/efforts/${created.body.id}/status`, { status: 'paused', reason: 'Medarbejderen er på orlov' });
    expect(paused.status).toBe(200);
    expect(paused.body.status).toBe('paused');
    expect(paused.body.statusHistory.at(-1)).toMatchObject({ previousStatus: 'active', status: 'paused', reason: 'Medarbejderen er på orlov', effectiveOn: danishToday() });
    expect(band(await triangle(leader), 'general').count).toBe(before);
    expect(band(await triangle(leader, '?status=paused'), 'general').efforts.map((e) => e.id)).toEqual([created.body.id]);

    // Paused cannot go back to planned; a date before the latest change is refused.
    const backwards = await leader.post<{ errors: { field: string }[] }>(`/api/efforts/${created.body.id}/status`, { status: 'planned', reason: 'Fortrudt' });
    expect(backwards.status).toBe(422);
    expect(backwards.body.errors[0].field).toBe('status');
    const early = await leader.post<{ errors: { field: string }[] }>(`/api/efforts/${created.body.id}/status`, { status: 'ended', reason: 'Slut', effectiveOn: `${YEAR - 1}-01-01` });
    expect(early.body.errors[0].field).toBe('effectiveOn');
    const ended = await leader.post<TEffortDetail>(`/api/efforts/${created.body.id}/status`, { status: 'ended', reason: 'Projektet er afsluttet' });
    expect(ended.body).toMatchObject({ status: 'ended', periodEnd: danishToday() });

    const audit = await server.database.db.selectFrom('audit_entries').select(['action', 'after']).where('entity_id', '=', created.body.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['effort.created', 'effort.status_changed', 'effort.status_changed']);
  });

  it('lets the right roles do the right things', async () => {
    const id = (await effortByTitle(consultant, 'SSP-koordinering')).id;
    const seen = await detail(streetWorker, id);
    expect(seen.abilities).toEqual({ update: false, changeStatus: false, measure: true, readEconomy: false, editEconomy: false });
    expect(seen.economy).toBeNull();
    expect(band(await triangle(streetWorker), 'general').budget).toBeNull();
    expect((await streetWorker.post(`/api/efforts/${id}/status`, { status: 'paused', reason: 'Ikke min beslutning' })).status).toBe(403);
    expect((await analyst.get(`/api/economy`)).status).toBe(200);
    expect((await detail(analyst, id)).abilities.measure).toBe(false);
  });

  it('records goals, indicators and measurements, with green / amber / red against target', async () => {
    // Last year's indicator: its whole period lies in the past, whatever day the test runs.
    const created = (await leader.post<TEffortDetail>('/api/efforts', await newEffort(leader, { title: 'Lektiecafé' }))).body;
    const withGoal = (await leader.post<TEffortDetail>(`/api/efforts/${created.id}/goals`, { title: 'Flere unge gennemfører skolen' })).body;
    const goalId = withGoal.goals[0].id;
    const wrongDirection = await leader.post(`/api/efforts/${created.id}/goals/${goalId}/indicators`, { name: 'Deltagere', unit: 'unge', baseline: 10, target: 5, direction: 'increase', periodStart: `${LAST}-01-01`, periodEnd: `${LAST}-12-31` });
    expect(wrongDirection.status).toBe(422);
    const withIndicator = (
      await leader.post<TEffortDetail>(`/api/efforts/${created.id}/goals/${goalId}/indicators`, {
        name: 'Deltagere', unit: 'unge', baseline: 0, target: 100, periodStart: `${LAST}-01-01`, periodEnd: `${LAST}-12-31`, countsParticipants: true,
      })
    ).body;
    const indicator = withIndicator.goals[0].indicators[0];
    expect(indicator.rag).toBe('none');
    const measure = (value: number, measuredOn: string) => streetWorker.post<TEffortDetail>(`/api/efforts/${created.id}/indicators/${indicator.id}/measurements`, { measuredOn, value });
    // At the end of June half the period has passed: 50 is on course, 30 a bit behind, 10 far behind.
    const onCourse = await measure(50, `${LAST}-07-02`);
    expect(onCourse.status).toBe(201);
    expect(onCourse.body.goals[0].indicators[0]).toMatchObject({ rag: 'green', latest: { value: 50 } });
    expect((await measure(30, `${LAST}-07-02`)).body.goals[0].indicators[0]).toMatchObject({ rag: 'amber', latest: { value: 30 }, measurements: [expect.objectContaining({ value: 30 })] });
    expect((await measure(10, `${LAST}-07-03`)).body.goals[0].indicators[0].rag).toBe('red');
    const future = await measure(99, `${YEAR + 1}-01-01`);
    expect(future.status).toBe(422);
    expect((future.body as unknown as { errors: { field: string }[] }).errors[0].field).toBe('measuredOn');
    expect((await analyst.post(`/api/efforts/${created.id}/indicators/${indicator.id}/measurements`, { measuredOn: `${LAST}-07-04`, value: 1 })).status).toBe(403);

    const last = (await detail(leader, created.id)).goals[0].indicators[0].measurements.at(-1)!;
    const removed = await streetWorker.delete<TEffortDetail>(`/api/efforts/${created.id}/measurements/${last.id}`);
    expect(removed.body.goals[0].indicators[0].latest?.value).toBe(30);
    const goalGone = await leader.delete<TEffortDetail>(`/api/efforts/${created.id}/goals/${goalId}`);
    expect(goalGone.body.goals).toEqual([]);
  });

  it('keeps the economy: budget lines, actual spend and hours; the overview adds up', async () => {
    const created = (await leader.post<TEffortDetail>('/api/efforts', await newEffort(leader, { title: 'Sommerferieaktiviteter', level: 'targeted', periodStart: `${LAST}-01-01` }))).body;
    const functions = (await leader.get<TFunction[]>('/api/functions')).body;
    const street = functions.find((f) => f.title === 'Gadeplansmedarbejder')!;
    const duplicate = await leader.put(`/api/efforts/${created.id}/economy/${LAST}`, { lines: [{ kind: 'pool', budget: 1 }, { kind: 'pool', budget: 2 }], hours: [] });
    expect(duplicate.status).toBe(422);
    const set = await leader.put<TEffortDetail>(`/api/efforts/${created.id}/economy/${LAST}`, {
      lines: [{ kind: 'activities', budget: 123_456.75, actual: 100_000.5 }, { kind: 'pool', budget: 50_000 }],
      hours: [{ functionId: street.id, hours: 320 }],
    });
    expect(set.status).toBe(200);
    expect(set.body.economy).toEqual([
      {
        year: LAST,
        demo: false,
        lines: [{ kind: 'activities', budget: 123_456.75, actual: 100_000.5 }, { kind: 'pool', budget: 50_000, actual: null }],
        hours: [{ functionId: street.id, functionTitle: 'Gadeplansmedarbejder', hours: 320 }],
      },
    ]);
    expect((await consultant.put(`/api/efforts/${created.id}/economy/${LAST}`, { lines: [], hours: [] })).status).toBe(403);

    // Participants: the latest count this year of an indicator that counts them.
    const goal = (await leader.post<TEffortDetail>(`/api/efforts/${created.id}/goals`, { title: 'Aktive sommerferier' })).body.goals[0];
    const indicator = (await leader.post<TEffortDetail>(`/api/efforts/${created.id}/goals/${goal.id}/indicators`, { name: 'Deltagere', unit: 'unge', baseline: 0, target: 200, periodStart: `${LAST}-01-01`, periodEnd: `${LAST}-12-31`, countsParticipants: true })).body.goals[0].indicators[0];
    await leader.post(`/api/efforts/${created.id}/indicators/${indicator.id}/measurements`, { measuredOn: `${LAST}-06-30`, value: 40 });
    await leader.post(`/api/efforts/${created.id}/indicators/${indicator.id}/measurements`, { measuredOn: `${LAST}-08-31`, value: 50 });

    const economy = (await analyst.get<TEconomy>(`/api/economy?year=${LAST}`)).body;
    const row = economy.efforts.find((e) => e.id === created.id)!;
    expect(row).toMatchObject({ budget: 173_456.75, actual: 100_000.5, hours: 320, demo: false, participants: 50, costPerParticipant: 2_000.01, costBasis: 'actual' });
    const sum = (values: number[]) => Math.round(values.reduce((a, b) => a + b, 0) * 100) / 100;
    expect(sum(economy.levels.map((l) => l.budget))).toBe(economy.total.budget);
    expect(sum(economy.efforts.map((e) => e.budget))).toBe(economy.total.budget);
    expect(sum(economy.units.map((u) => u.hours))).toBe(economy.total.hours);
    expect(sum(economy.levels.map((l) => l.budgetShare))).toBeCloseTo(1, 3);
    expect(economy.levels.map((l) => l.label)).toEqual(['Opbyggende', 'Forebyggende', 'Kriminalitetsforebyggende']);
    const triangleMoney = await triangle(analyst, `?year=${LAST}`);
    expect(band(triangleMoney, 'targeted').budget).toBe(economy.levels.find((l) => l.level === 'targeted')!.budget);
  });
});

describe('cached views', () => {
  it('are never stale in any process: every change raises the efforts’ version', async () => {
    // A second service on the same database stands for a second app process with its own cache.
    const otherProcess = new EffortsService(server.database.db);
    const actor = (await server.services.identity.actorFromSessionToken(consultant.sessionCookie!))!;
    const targeted = async () => {
      const json = await otherProcess.cachedView(actor, 'triangle', {}, async () => otherProcess.triangle(actor, {}));
      return band(JSON.parse(json) as TTriangle, 'targeted').count;
    };
    const before = await targeted();
    expect(await targeted()).toBe(before); // from its cache
    const id = (await effortByTitle(leader, 'Den udgående indsats')).id;
    expect((await leader.post(`/api/efforts/${id}/status`, { status: 'paused', reason: 'Koordinatoren er på orlov' })).status).toBe(200);
    expect(await targeted()).toBe(before - 1);
    // The other way round: a change made by the other process shows at once in this one's cache.
    expect(band(await triangle(consultant), 'targeted').count).toBe(before - 1);
    const leaderActor = (await server.services.identity.actorFromSessionToken(leader.sessionCookie!))!;
    await otherProcess.changeStatus(leaderActor, id, { status: 'active', reason: 'Koordinatoren er tilbage' }, { actor: leaderActor, requestId: 'test', ip: null, userAgent: null });
    expect(band(await triangle(consultant), 'targeted').count).toBe(before);
  });
});

describe('peer comparison', () => {
  it('counts FTE per level per 10,000 inhabitants for Ishøj and the memo’s peers', async () => {
    const peers = (await analyst.get<TPeerComparison>('/api/peer-comparison')).body;
    expect(peers.municipalities.map((m) => m.name)).toEqual(['Ishøj', 'Albertslund', 'Høje-Taastrup', 'Viborg']);
    const ishoj = peers.municipalities[0];
    expect(ishoj.own).toBe(true);
    // Four street workers on 27–37 hours count as 4 × 32/37; the outgoing effort's coordinator is full time.
    expect(ishoj.fte).toEqual({ general: 1, targeted: 4.46, individual: 1, unassigned: 1 });
    expect(ishoj.per10k).toEqual({ general: 0.43, targeted: 1.9, individual: 0.43 });
    const albertslund = peers.municipalities.find((m) => m.name === 'Albertslund')!;
    // "7 operative (some part-time)" count as the marked estimate, 6.2 FTE: 6.2 / 27,500 × 10,000 = 2.25.
    expect(albertslund.per10k).toEqual({ general: 1.09, targeted: 2.25, individual: 0.36 });
    expect(albertslund.assumptions).toEqual([expect.stringContaining('nogle på deltid')]);
    // Ishøj's population and its unit leader's hours are not in the memo.
    expect(ishoj.assumptions).toEqual([expect.stringContaining('indbyggertallet'), expect.stringContaining('lederens timetal')]);
    expect(peers.municipalities.map((m) => [m.name, m.reference])).toEqual([['Ishøj', false], ['Albertslund', true], ['Høje-Taastrup', true], ['Viborg', true]]);
    // The memo gives Viborg's staff no levels: "not stated", not zero on every level.
    expect(peers.municipalities.map((m) => [m.name, m.levelsStated])).toEqual([['Ishøj', true], ['Albertslund', true], ['Høje-Taastrup', true], ['Viborg', false]]);
  });
});

describe('need to know', () => {
  it('hides another municipality’s efforts: 404, empty lists', async () => {
    const districtId = await createPoliceDistrict(server.database.db, 'Anden politikreds');
    const municipalityId = await createMunicipality(server.database.db, { code: 901, name: 'Andenkommune', policeDistrictId: districtId });
    await createUser(server.database.db, { email: 'leder@901.test', name: 'Leder', password: 'leder-pass-901', roles: ['leader'], municipalityId });
    const other = await server.loginAs('leder@901.test', 'leder-pass-901');
    const id = (await effortByTitle(consultant, 'SSP-koordinering')).id;
    expect((await other.get(`/api/efforts/${id}`)).status).toBe(404);
    expect((await other.post(`/api/efforts/${id}/status`, { status: 'paused', reason: 'Forsøg udefra' })).status).toBe(404);
    expect((await other.put(`/api/efforts/${id}/economy/${YEAR}`, { lines: [], hours: [] })).status).toBe(404);
    expect((await list(other)).total).toBe(0);
    expect((await triangle(other)).bands.every((b) => b.count === 0)).toBe(true);
  });
});

describe('import and export', () => {
  const download = async (client: ApiClient, path = '/api/efforts/export.xlsx') => {
    const response = await fetch(`${server.url}${path}`, { headers: { cookie: `trekant_session=${client.sessionCookie}` } });
    expect(response.status).toBe(200);
    return Buffer.from(await response.arrayBuffer());
  };
  async function emptyMunicipalityWithMap(code: number, name: string): Promise<ApiClient> {
    const policeDistrictId = await createPoliceDistrict(server.database.db, `Politikreds ${code}`);
    const id = await createMunicipality(server.database.db, { code, name, policeDistrictId });
    await createUser(server.database.db, { email: `admin@${code}.test`, name: 'Administrator', password: 'administrator-pass', roles: ['administrator'], municipalityId: id });
    const admin = await server.loginAs(`admin@${code}.test`, 'administrator-pass');
    const imported = await admin.request('POST', '/api/organisation/import', { body: await download(leader, '/api/organisation/export.xlsx'), headers: { 'content-type': XLSX } });
    expect(imported.status).toBe(201);
    await admin.put('/api/settings/districts', { districts: ['Vejleåparken', 'Strandgårdsparken'] });
    return admin;
  }
  const upload = (client: ApiClient, file: Buffer, dryRun = false) =>
    client.request<TEffortImportResult & { rowErrors?: { sheet: string; row: number; column: string; message: string }[] }>('POST', `/api/efforts/import?dryRun=${dryRun}`, { body: file, headers: { 'content-type': XLSX } });
  /** What must survive a round trip, without ids. */
  const shape = async (client: ApiClient) => {
    const items = (await list(client, '?limit=1000')).items;
    const details = await Promise.all(items.map((e) => detail(client, e.id)));
    return details
      .map((d) => ({
        title: d.title, level: d.level, status: d.status, owner: d.owner?.name, fn: d.responsibleFunction?.title, partners: d.partners.map((p) => p.name).sort(),
        forums: d.forums.map((f) => f.name).sort(), ages: [d.ageMin, d.ageMax], risk: d.riskProfile, derived: d.derivedGroups, districts: d.districts,
        legal: d.legalBases.map((l) => l.label).sort(), period: [d.periodStart, d.periodEnd], evidence: d.evidenceRating,
        goals: d.goals.map((g) => ({ title: g.title, indicators: g.indicators.map(({ id: _i, latest: _l, measurements, ...i }) => ({ ...i, measurements: measurements.map((m) => [m.measuredOn, m.value]) })) })),
        economy: d.economy,
      }))
      .sort((a, b) => a.title.localeCompare(b.title));
  };

  it('round-trips into another municipality with the same map, and in place without duplicates', async () => {
    const file = await download(leader);
    const target = await emptyMunicipalityWithMap(902, 'Kopikommune');
    const preview = await upload(target, file, true);
    expect(preview.status, preview.text.slice(0, 600)).toBe(200);
    expect(preview.body.counts.efforts).toBe((await list(leader)).total);
    expect((await list(target)).total).toBe(0);
    const imported = await upload(target, file);
    expect(imported.status, imported.text.slice(0, 500)).toBe(201);
    const source = await shape(leader);
    const copy = await shape(target);
    // Economy hours name functions by id; compare them by title.
    const strip = (s: Awaited<ReturnType<typeof shape>>) => s.map((e) => ({ ...e, economy: e.economy?.map((y) => ({ ...y, hours: y.hours.map((h) => [h.functionTitle, h.hours]) })) }));
    expect(strip(copy)).toEqual(strip(source));

    // Importing an export in place changes nothing and adds nothing.
    const again = await upload(leader, file);
    expect(again.status).toBe(201);
    expect(await shape(leader)).toEqual(source);
  });

  it('updates in place: a changed title and a new measurement arrive; a bad row stops everything', async () => {
    const file = await download(leader);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
    const efforts = workbook.getWorksheet('Indsatser')!;
    const sspRow = efforts.getRows(2, efforts.rowCount - 1)!.find((r) => r.getCell(2).value === 'SSP-koordinering')!;
    sspRow.getCell(2).value = 'SSP-koordinering og -netværk';
    const measurements = workbook.getWorksheet('Målinger')!;
    const indicatorId = String(measurements.getRow(2).getCell(1).value);
    measurements.addRow([indicatorId, `${LAST}-11-30`, 99, 'Fra regneark']);
    const changed = Buffer.from(await workbook.xlsx.writeBuffer());
    const result = await upload(leader, changed);
    expect(result.status, result.text.slice(0, 400)).toBe(201);
    expect((await list(leader, '?text=netv%C3%A6rk')).items.map((e) => e.title)).toContain('SSP-koordinering og -netværk');

    const before = await list(leader, '?limit=1000');
    efforts.addRow(['ny-1', 'Ny indsats', '', 'trekantet', 'ja', 'Ukendt enhed', '', '', '', 5, 40, '', '', 'Atlantis', '', 'aktiv', '31.13.2026', '', '', '']);
    const broken = await upload(leader, Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(broken.status).toBe(422);
    const row = efforts.rowCount;
    expect(broken.body.rowErrors).toEqual(
      expect.arrayContaining([
        { sheet: 'Indsatser', row, column: 'niveau', message: 'Skal være en af: generel, målrettet, individorienteret' },
        { sheet: 'Indsatser', row, column: 'ejerenhed', message: '"Ukendt enhed" findes ikke' },
        { sheet: 'Indsatser', row, column: 'periode start', message: 'Skal være en dato (åååå-mm-dd eller d.m.åååå)' },
      ]),
    );
    expect(await list(leader, '?limit=1000')).toEqual(before);
  });
});

describe('age bands', () => {
  it('takes an age band up to 99 for efforts that serve adults, with 6–25 as the default, and refuses 100', async () => {
    const adults = await leader.post<TEffortDetail>('/api/efforts', await newEffort(leader, { title: 'Koordineret løsladelse', ageMin: 18, ageMax: 99 }));
    expect(adults.status, JSON.stringify(adults.body)).toBe(201);
    expect([adults.body.ageMin, adults.body.ageMax]).toEqual([18, 99]);
    const defaulted = await leader.post<TEffortDetail>('/api/efforts', await newEffort(leader, { title: 'Uden aldersgrænser' }));
    expect([defaulted.body.ageMin, defaulted.body.ageMax]).toEqual([6, 25]);
    const tooOld = await leader.post<{ errors: { field: string }[] }>('/api/efforts', await newEffort(leader, { title: 'For gammel', ageMin: 18, ageMax: 100 }));
    expect(tooOld.status).toBe(422);
    expect(tooOld.body.errors.map((e) => e.field)).toEqual(['ageMax']);
    for (const created of [adults.body, defaulted.body]) expect((await leader.post(`/api/efforts/${created.id}/status`, { status: 'ended', reason: 'Prøve' })).status).toBe(200);
  });
});
