import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TEconomy, TEffortDetail, TEffortList, TPeerComparison, TTriangle } from '../../../contracts/efforts.ts';
import type { TForumDetail, TFunction, TOrganisation } from '../../../contracts/organisation.ts';
import type { TProblem } from '../../../contracts/common.ts';
import { danishToday } from '../../platform/danish-time.ts';
import { type ApiClient, type TestServer, startTestServer } from '../../../test/support/test-server.ts';

let server: TestServer;
let leader: ApiClient;
let analyst: ApiClient;
const YEAR = Number(danishToday().slice(0, 4));
const LAST = YEAR - 1;
const END_OF_LAST = `${LAST}-12-31`;

beforeAll(async () => {
  server = await startTestServer();
  [leader, analyst] = await Promise.all(['leder@trekant.test', 'analytiker@trekant.test'].map((e) => server.loginAs(e)));
});
afterAll(() => server?.close());

const get = async <T>(client: ApiClient, path: string) => {
  const response = await client.get<T>(path);
  expect(response.status, `${path}: ${response.text}`).toBe(200);
  return response.body;
};
const unitNamed = async (name: string) => (await get<TOrganisation[]>(leader, '/api/organisations')).find((o) => o.name === name)!;
const functionTitled = async (title: string) => (await get<TFunction[]>(leader, '/api/functions')).find((f) => f.title === title)!;
const inBand = (t: TTriangle, level: string, id: string) => t.bands.find((b) => b.level === level)!.efforts.some((e) => e.id === id);

describe('efforts in valid time', () => {
  it('keeps the triangle, the economy, the list and the effort as of last year when level, owner and status change today', async () => {
    const [prevention, streetUnit] = await Promise.all([unitNamed('Tryghed og Kriminalitetsforebyggelse'), unitNamed('Gadeplan')]);
    const input = { title: 'Lektiecafé i Strandparken', level: 'general', ownerOrganisationId: prevention.id, periodStart: `${LAST}-01-01`, status: 'active', ageMin: 10, ageMax: 16 };
    const created = await leader.post<TEffortDetail>('/api/efforts', input);
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect((await leader.put(`/api/efforts/${id}/economy/${LAST}`, { lines: [{ kind: 'activities', budget: 80_000, actual: 75_000 }], hours: [] })).status).toBe(200);

    const asOfLast = `year=${LAST}&asOf=${END_OF_LAST}`;
    const paths = [`/api/triangle?${asOfLast}`, `/api/economy?${asOfLast}`, `/api/efforts?asOf=${END_OF_LAST}&limit=1000`];
    const before = await Promise.all(paths.map((p) => get<unknown>(analyst, p)));
    const [triangleThen, economyThen] = before as [TTriangle, TEconomy];
    const effortThen = await get<TEffortDetail>(analyst, `/api/efforts/${id}?asOf=${END_OF_LAST}`);
    expect(inBand(triangleThen, 'general', id)).toBe(true);
    expect(economyThen.efforts.find((e) => e.id === id)).toMatchObject({ level: 'general', unitName: prevention.name, budget: 80_000 });
    expect(economyThen.units.find((u) => u.id === prevention.id)!.budget).toBeGreaterThanOrEqual(80_000);
    const versioned = ({ level, status, owner, responsibleFunction, ageMin, ageMax, riskProfile, districts }: TEffortDetail) => ({ level, status, owner, responsibleFunction, ageMin, ageMax, riskProfile, districts });
    expect(versioned(effortThen)).toMatchObject({ level: 'general', status: 'active', owner: { id: prevention.id, name: prevention.name }, ageMin: 10 });

    // Today: another level and owner, a narrower target group, then paused.
    expect((await leader.put(`/api/efforts/${id}`, { ...input, status: undefined, level: 'individual', ownerOrganisationId: streetUnit.id, ageMin: 14, ageMax: 16 })).status).toBe(200);
    expect((await leader.post(`/api/efforts/${id}/status`, { status: 'paused', reason: 'Lokalet er lukket for ombygning' })).status).toBe(200);

    // As of last year nothing moved: the same answers, recomputed after the change.
    expect(await Promise.all(paths.map((p) => get<unknown>(analyst, p)))).toEqual(before);
    expect(versioned(await get<TEffortDetail>(analyst, `/api/efforts/${id}?asOf=${END_OF_LAST}`))).toEqual(versioned(effortThen));
    // Now the same year reads today's versions: paused (not in the active triangle), individual, the street unit's money.
    const triangleNow = await get<TTriangle>(analyst, `/api/triangle?year=${LAST}`);
    expect(triangleNow.bands.some((b) => b.efforts.some((e) => e.id === id))).toBe(false);
    expect(inBand(await get<TTriangle>(analyst, `/api/triangle?year=${LAST}&status=paused`), 'individual', id)).toBe(true);
    const economyNow = await get<TEconomy>(analyst, `/api/economy?year=${LAST}`);
    expect(economyNow.efforts.find((e) => e.id === id)).toMatchObject({ level: 'individual', unitName: streetUnit.name });
    expect(await get<TEffortDetail>(analyst, `/api/efforts/${id}`)).toMatchObject({ level: 'individual', status: 'paused', owner: { id: streetUnit.id }, ageMin: 14 });
    // A datetime names an instant: just now the effort is as it is; a date far ahead reads the present too.
    expect(await get<TEffortDetail>(analyst, `/api/efforts/${id}?asOf=${encodeURIComponent(new Date().toISOString())}`)).toMatchObject({ level: 'individual', status: 'paused' });
    expect(await get<TEffortDetail>(analyst, `/api/efforts/${id}?asOf=2999-12-31`)).toMatchObject({ level: 'individual', status: 'paused' });
  });

  it('keeps a status change dated back: paused from a day last year, active before it', async () => {
    const unit = await unitNamed('Tryghed og Kriminalitetsforebyggelse');
    const id = (await leader.post<TEffortDetail>('/api/efforts', { title: 'Nattevandring på Strandvejen', level: 'targeted', ownerOrganisationId: unit.id, periodStart: `${LAST}-01-01`, status: 'active' })).body.id;
    expect((await leader.post(`/api/efforts/${id}/status`, { status: 'paused', reason: 'Ingen frivillige i efteråret', effectiveOn: `${LAST}-09-01` })).status).toBe(200);
    expect((await get<TEffortDetail>(analyst, `/api/efforts/${id}?asOf=${LAST}-08-31`)).status).toBe('active');
    expect((await get<TEffortDetail>(analyst, `/api/efforts/${id}?asOf=${LAST}-09-01`)).status).toBe('paused');
  });

  it('reads nothing before anything existed, and refuses a malformed asOf at the field', async () => {
    expect((await get<TEffortList>(analyst, '/api/efforts?asOf=1900-01-01')).total).toBe(0);
    const triangle = await get<TTriangle>(analyst, `/api/triangle?asOf=1900-01-01&year=${LAST}`);
    expect(triangle.bands.map((b) => [b.count, b.budget])).toEqual([[0, 0], [0, 0], [0, 0]]);
    expect((await get<TEconomy>(analyst, `/api/economy?asOf=1900-01-01T00:00:00Z&year=${LAST}`)).total).toEqual({ budget: 0, actual: 0, hours: 0 });
    const peers = await get<TPeerComparison>(analyst, '/api/peer-comparison?asOf=1900-01-01');
    expect(peers.municipalities.every((m) => Object.values(m.fte).every((n) => n === 0))).toBe(true);
    const any = (await get<TEffortList>(analyst, '/api/efforts?limit=1')).items[0];
    expect((await analyst.get(`/api/efforts/${any.id}?asOf=1900-01-01`)).status).toBe(404);
    for (const asOf of ['2025-13-01', '1899-12-31', 'i-går', '2025-01-01T25:00:00Z', '99999-01-01']) {
      for (const path of [`/api/efforts?asOf=${asOf}`, `/api/triangle?asOf=${asOf}`, `/api/economy?asOf=${asOf}`, `/api/peer-comparison?asOf=${asOf}`, `/api/efforts/${any.id}?asOf=${asOf}`]) {
        const response = await analyst.get<TProblem>(path);
        expect(response.status, path).toBe(422);
        expect(response.headers.get('content-type')).toContain('application/problem+json');
        expect(response.body.errors?.map((e) => e.field)).toContain('asOf');
      }
    }
  });

  it('compares peers by the functions as they were: a level changed today leaves last year’s comparison', async () => {
    const asOf = `/api/peer-comparison?asOf=${END_OF_LAST}`;
    const then = await get<TPeerComparison>(analyst, asOf);
    const coordinator = await functionTitled('Gadeplansmedarbejder');
    const { id, title, organisationId, headcount, hoursMin, hoursMax, fte, inScope, funding } = coordinator;
    const moved = coordinator.triangleLevel === 'general' ? 'individual' : 'general';
    expect((await leader.put(`/api/functions/${id}`, { title, organisationId, headcount, hoursMin, hoursMax, fte, inScope, funding, triangleLevel: moved })).status).toBe(200);
    expect(await get<TPeerComparison>(analyst, asOf)).toEqual(then);
    expect((await get<TPeerComparison>(analyst, '/api/peer-comparison')).municipalities[0].fte).not.toEqual(then.municipalities[0].fte);
  });
});

describe('removing what efforts point at', () => {
  it('answers 409 naming the efforts until they are moved; an ended effort does not hold anything back', async () => {
    const home = await unitNamed('Tryghed og Kriminalitetsforebyggelse');
    const unit = (await leader.post<TOrganisation>('/api/organisations', { kind: 'unit', name: 'Midlertidigt projektteam', parentId: home.id })).body;
    const fn = (await leader.post<TFunction>('/api/functions', { title: 'Projektkoordinator', organisationId: home.id })).body;
    const forum = (await leader.post<TForumDetail>('/api/forums', { name: 'Projektgruppe for Strandparken', level: 'executing' })).body;
    const input = { title: 'Sommerjob til unge', level: 'targeted', ownerOrganisationId: unit.id, responsibleFunctionId: fn.id, forumIds: [forum.id], periodStart: `${YEAR}-01-01`, status: 'active' };
    const effort = (await leader.post<TEffortDetail>('/api/efforts', input)).body;
    const partnerOnly = (await leader.post<TEffortDetail>('/api/efforts', { ...input, title: 'Fritidsjob med partner', ownerOrganisationId: home.id, partnerOrganisationIds: [unit.id], responsibleFunctionId: null, forumIds: [] })).body;
    const ended = (await leader.post<TEffortDetail>('/api/efforts', { ...input, title: 'Afsluttet forløb' })).body;
    expect((await leader.post(`/api/efforts/${ended.id}/status`, { status: 'ended', reason: 'Forløbet er slut' })).status).toBe(200);

    const removals = [`/api/organisations/${unit.id}`, `/api/functions/${fn.id}`, `/api/forums/${forum.id}`];
    const expected = [
      [effort, partnerOnly].sort((a, b) => a.title.localeCompare(b.title, 'da')).map((e) => ({ id: e.id, title: e.title })),
      [{ id: effort.id, title: effort.title }],
      [{ id: effort.id, title: effort.title }],
    ];
    for (const [i, path] of removals.entries()) {
      const refused = await leader.delete<TProblem & { efforts: { id: string; title: string }[]; effortsElsewhere: number }>(path);
      expect(refused.status, path).toBe(409);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(refused.body).toMatchObject({ type: '/problems/referenced-by-efforts', title: 'Indsatser peger stadig på det, der skal fjernes', efforts: expected[i], effortsElsewhere: 0 });
      expect(refused.body.detail).toContain(effort.title);
    }
    // In the user's saved language.
    expect((await leader.patch('/api/me', { locale: 'en' })).status).toBe(200);
    const english = await leader.delete<TProblem>(removals[1]);
    expect((await leader.patch('/api/me', { locale: 'da' })).status).toBe(200);
    expect(english.body.title).toBe('Efforts still refer to what is to be removed');
    expect(english.body.detail).toBe(`Move these efforts to another unit, function or forum first: ${effort.title}.`);
    // Still there: nothing was removed.
    expect((await get<TOrganisation[]>(leader, '/api/organisations')).some((o) => o.id === unit.id)).toBe(true);

    const beforeMove = new Date().toISOString();
    // Moved: owner and partner elsewhere, no function, no forum. Then each goes.
    expect((await leader.put(`/api/efforts/${effort.id}`, { ...input, status: undefined, ownerOrganisationId: home.id, responsibleFunctionId: null, forumIds: [] })).status).toBe(200);
    expect((await leader.put(`/api/efforts/${partnerOnly.id}`, { ...input, title: partnerOnly.title, status: undefined, ownerOrganisationId: home.id, partnerOrganisationIds: [], responsibleFunctionId: null, forumIds: [] })).status).toBe(200);
    for (const path of removals) expect((await leader.delete(path)).status, path).toBe(200);
    // As of before the move the effort still names the removed unit and function, from the map as it was then.
    const then = await get<TEffortDetail>(analyst, `/api/efforts/${effort.id}?asOf=${encodeURIComponent(beforeMove)}`);
    expect(then).toMatchObject({ owner: { id: unit.id, name: unit.name }, responsibleFunction: { id: fn.id, title: fn.title } });
    expect((await get<TEffortDetail>(analyst, `/api/efforts/${effort.id}`)).owner).toEqual({ id: home.id, name: home.name });
  });
});
