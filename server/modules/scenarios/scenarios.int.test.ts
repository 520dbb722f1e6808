import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TEffortList } from '../../../contracts/efforts.ts';
import type { TForum, TForumDetail, TFunction } from '../../../contracts/organisation.ts';
import { TEMPLATE_KEYS, type TScenarioComparison, type TScenarioDetail, type TScenarioSummary, type TScenarioUpdate } from '../../../contracts/scenarios.ts';
import { createMunicipality, createUser } from '../../../seeds/factories.ts';
import { danishToday } from '../../platform/danish-time.ts';
import { type ApiClient, type TestServer, startTestServer } from '../../../test/support/test-server.ts';

let server: TestServer;
let leader: ApiClient;
let consultant: ApiClient;
let analyst: ApiClient;
let steering: ApiClient;
let streetWorker: ApiClient;
let outsider: ApiClient;
/** Leader's draft from Ishøj's map today, shared along the way. */
let fromToday: TScenarioDetail;
const TODAY = danishToday();

beforeAll(async () => {
  server = await startTestServer();
  [leader, consultant, analyst, steering, streetWorker] = await Promise.all(
    ['leder@trekant.test', 'konsulent@trekant.test', 'analytiker@trekant.test', 'styregruppe@trekant.test', 'gadeplan@trekant.test'].map((e) => server.loginAs(e)),
  );
  // A leader of another municipality in the same police district.
  const ishoj = await server.database.db.selectFrom('municipalities').select('police_district_id').where('code', '=', 183).executeTakeFirstOrThrow();
  const neighbour = await createMunicipality(server.database.db, { code: 907, name: 'Naboby', policeDistrictId: ishoj.police_district_id, inhabitants: 30_000 });
  await createUser(server.database.db, { email: 'leder@907.test', name: 'Nabo', password: 'neighbour-password', roles: ['leader'], municipalityId: neighbour });
  outsider = await server.loginAs('leder@907.test', 'neighbour-password');
  const created = await leader.post<TScenarioDetail>('/api/scenarios', { title: 'Tre søjler', from: { kind: 'today', asOf: TODAY } });
  expect(created.status).toBe(201);
  fromToday = created.body;
});
afterAll(() => server?.close());

const save = (client: ApiClient, scenario: TScenarioDetail, change: Partial<TScenarioUpdate> = {}) =>
  client.put<TScenarioDetail>(`/api/scenarios/${scenario.id}`, { revision: scenario.revision, title: scenario.title, description: scenario.description, document: scenario.document, assessment: scenario.assessment, ...change });

describe('a scenario from today', () => {
  it("copies Ishøj's live functions, forums and efforts with their figures", async () => {
    const doc = fromToday.document;
    expect(fromToday).toMatchObject({ origin: 'today', asOf: TODAY, sharing: 'private', status: 'draft', revision: 1, author: { name: 'Leder, Tryghed og Kriminalitetsforebyggelse' } });
    expect(doc.inhabitants).toBe(23_500);
    const functions = (await leader.get<TFunction[]>('/api/functions')).body;
    const live = (title: string) => functions.find((f) => f.title === title)!;
    const copy = (id: string) => doc.functions.find((f) => f.sourceId === id)!;
    // The proactive consultant: 1 FTE on the general level, so in that level's pillar.
    expect(copy(live('Konsulent for proaktiv kriminalitetsforebyggelse').id)).toMatchObject({ fte: 1, level: 'general', pillarKey: 'general', party: 'municipality' });
    // Gadeplan: 4 street workers on 27–37 hours: 4 × 32 / 37 = 3.46 FTE.
    expect(copy(live('Gadeplansmedarbejder').id)).toMatchObject({ headcount: 4, hoursPerWeek: 32, fte: 3.46, level: 'targeted' });
    expect(copy(live('Lokalbetjent').id)).toMatchObject({ party: 'police', unitKey: null, fte: 0 });

    const forums = (await leader.get<TForum[]>('/api/forums')).body;
    const network = forums.find((f) => f.name === 'SSP-netværk')!;
    const members = (await leader.get<TForumDetail>(`/api/forums/${network.id}`)).body.members;
    const copied = doc.forums.find((f) => f.sourceId === network.id)!;
    expect(copied.members).toHaveLength(members.length);
    expect(doc.forums.find((f) => f.key === copied.reportsTo)?.name).toBe('Koordinationsgruppen');

    const efforts = (await leader.get<TEffortList>('/api/efforts?limit=1000')).body.items.filter((e) => e.status !== 'ended');
    expect(doc.efforts.map((e) => e.sourceId).sort()).toEqual(efforts.map((e) => e.id).sort());
    expect(doc.efforts.find((e) => e.title.startsWith('Gadeplan'))?.programmes).toEqual(['gadeplan']);
    // Two centres (CBF and CKF) carry the work today: the council asked for one.
    expect(doc.placement.centres.sort()).toEqual(['Center for Børn og Familier', 'Center for Kultur og Fritid']);
    expect(fromToday.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['several_centres', 'no_analyst', 'function_in_many_forums']));
    expect(doc.assumptions.pillars).toBeDefined();
  });

  it('is audited', async () => {
    const rows = await server.database.db.selectFrom('audit_entries').select(['action', 'actor_user_id']).where('entity_id', '=', fromToday.id).execute();
    expect(rows.map((r) => r.action)).toContain('scenario.created');
  });
});

describe('templates', () => {
  it.each(TEMPLATE_KEYS)('%s builds a draft sized to Ishøj', async (key) => {
    const created = await consultant.post<TScenarioDetail>('/api/scenarios', { title: `Skabelon ${key}`, from: { kind: 'template', key } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ origin: key, sharing: 'private', document: { inhabitants: 23_500 } });
    expect(created.body.document.assumptions.inhabitants).toContain('23.500');
  });

  it('are listed with their names', async () => {
    const templates = (await analyst.get<{ key: string; name: string }[]>('/api/scenarios/templates')).body;
    expect(templates.map((t) => t.key)).toEqual([...TEMPLATE_KEYS]);
  });
});

describe('editing', () => {
  it('saves a change under the revision it was read at, and refuses a stale one with 409', async () => {
    const draft = (await leader.post<TScenarioDetail>('/api/scenarios', { title: 'Redigeres', from: { kind: 'template', key: 'professional' } })).body;
    const analystFn = draft.document.functions.find((f) => f.key === 'analytiker')!;
    const saved = await save(leader, draft, {
      document: { ...draft.document, functions: draft.document.functions.map((f) => (f === analystFn ? { ...f, hoursPerWeek: 30, fte: 0.8 } : f)) },
      assessment: { criteria: { anchoring: { weight: 5, rationale: 'Én enhed under direktionen' } } },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.revision).toBe(2);
    expect(saved.body.document.functions.find((f) => f.key === 'analytiker')).toMatchObject({ hoursPerWeek: 30, fte: 0.8 });
    expect(saved.body.assessment.criteria.anchoring).toEqual({ weight: 5, rationale: 'Én enhed under direktionen' });

    const stale = await save(leader, draft, { title: 'Fra en gammel udgave' });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ type: '/problems/scenario-revision' });
    expect((await leader.get<TScenarioDetail>(`/api/scenarios/${draft.id}`)).body.title).toBe('Redigeres');
  });

  it('keeps a discarded draft readable but closed to changes', async () => {
    const draft = (await consultant.post<TScenarioDetail>('/api/scenarios', { title: 'Kasseres', from: { kind: 'template', key: 'viborg' } })).body;
    const discarded = await consultant.post<TScenarioDetail>(`/api/scenarios/${draft.id}/discard`);
    expect(discarded.body).toMatchObject({ status: 'discarded', abilities: { edit: false, share: false, discard: false } });
    const late = await save(consultant, discarded.body);
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ type: '/problems/scenario-status' });
  });

  it('refuses a document whose keys point at nothing, naming the field', async () => {
    const doc = fromToday.document;
    const broken = { ...doc, forums: doc.forums.map((f, i) => (i === 0 ? { ...f, members: [{ functionKey: 'findes-ikke', role: 'member' as const }] } : f)) };
    const refused = await save(leader, fromToday, { document: broken });
    expect(refused.status).toBe(422);
    expect((refused.body as unknown as { errors: unknown[] }).errors).toEqual([{ field: 'document.forums[0].members[0].functionKey', message: 'Nøglen peger ikke på noget i dokumentet' }]);
  });

  it('refuses a weight outside 0–5 and too many functions', async () => {
    const heavy = await save(leader, fromToday, { assessment: { criteria: { cost: { weight: 6, rationale: '' } } } });
    expect(heavy.status).toBe(422);
    expect((heavy.body as unknown as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual(['assessment.criteria.cost.weight']);
    const fn = fromToday.document.functions[0];
    const many = Array.from({ length: 1_001 }, (_, i) => ({ ...fn, key: `k${i}` }));
    const tooMany = await save(leader, fromToday, { document: { ...fromToday.document, functions: many, forums: [] } });
    expect(tooMany.status).toBe(422);
    expect((tooMany.body as unknown as { errors: { field: string }[] }).errors.map((e) => e.field)).toContain('document.functions');
  });
});

describe('privacy and sharing', () => {
  it('keeps a private draft from everyone but its author: 404', async () => {
    for (const other of [consultant, analyst, steering, outsider]) expect((await other.get(`/api/scenarios/${fromToday.id}`)).status).toBe(404);
    expect((await consultant.get<TScenarioSummary[]>('/api/scenarios')).body.map((s) => s.id)).not.toContain(fromToday.id);
    expect((await save(consultant, fromToday)).status).toBe(404);
    // A street worker's role has no scenarios at all.
    expect((await streetWorker.get('/api/scenarios')).status).toBe(403);
  });

  it('shows it to the working group once shared, then to the steering group, never narrower', async () => {
    expect((await consultant.post(`/api/scenarios/${fromToday.id}/share`, { sharing: 'working_group' })).status).toBe(404);
    const shared = await leader.post<TScenarioDetail>(`/api/scenarios/${fromToday.id}/share`, { sharing: 'working_group' });
    expect(shared.status).toBe(200);
    expect(shared.body).toMatchObject({ sharing: 'working_group', revision: 2, abilities: { edit: true, share: true, discard: true } });
    fromToday = shared.body;

    const seen = await consultant.get<TScenarioDetail>(`/api/scenarios/${fromToday.id}`);
    expect(seen.status).toBe(200);
    // The working group edits it; only the author shares or discards it.
    expect(seen.body.abilities).toEqual({ edit: true, share: false, discard: false, adopt: false });
    expect((await consultant.post(`/api/scenarios/${fromToday.id}/share`, { sharing: 'steering' })).status).toBe(403);
    expect((await analyst.get<TScenarioDetail>(`/api/scenarios/${fromToday.id}`)).body.abilities).toEqual({ edit: false, share: false, discard: false, adopt: false });
    expect((await steering.get(`/api/scenarios/${fromToday.id}`)).status).toBe(404);
    expect((await outsider.get(`/api/scenarios/${fromToday.id}`)).status).toBe(404);

    const narrower = await leader.post(`/api/scenarios/${fromToday.id}/share`, { sharing: 'working_group' });
    expect(narrower.status).toBe(422);
    expect((narrower.body as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual(['sharing']);

    // Before the steering group, the leader (who edits the map) may adopt it; the consultant may not.
    expect(fromToday.abilities.adopt).toBe(false);
    fromToday = (await leader.post<TScenarioDetail>(`/api/scenarios/${fromToday.id}/share`, { sharing: 'steering' })).body;
    expect(fromToday.abilities.adopt).toBe(true);
    expect((await consultant.get<TScenarioDetail>(`/api/scenarios/${fromToday.id}`)).body.abilities.adopt).toBe(false);
    expect((await steering.get<TScenarioSummary[]>('/api/scenarios')).body.map((s) => s.id)).toEqual([fromToday.id]);
    const audit = await server.database.db.selectFrom('audit_entries').select(['action', 'after']).where('entity_id', '=', fromToday.id).where('action', '=', 'scenario.shared').orderBy('id').execute();
    expect(audit.map((a) => a.after)).toEqual([{ sharing: 'working_group' }, { sharing: 'steering' }]);
  });

  it("keeps another municipality's scenarios apart, in the list too", async () => {
    const theirs = await outsider.post<TScenarioDetail>('/api/scenarios', { title: 'Naboens', from: { kind: 'template', key: 'integrated' } });
    expect(theirs.status).toBe(201);
    // Sized to the neighbour's own inhabitants.
    expect(theirs.body.document.inhabitants).toBe(30_000);
    await outsider.post(`/api/scenarios/${theirs.body.id}/share`, { sharing: 'steering' });
    expect((await leader.get(`/api/scenarios/${theirs.body.id}`)).status).toBe(404);
    expect((await leader.get<TScenarioSummary[]>('/api/scenarios')).body.map((s) => s.id)).not.toContain(theirs.body.id);
    expect((await leader.get(`/api/scenarios/compare?ids=${fromToday.id},${theirs.body.id}`)).status).toBe(404);
  });
});

describe('compare', () => {
  const make = async (key: string) => (await leader.post<TScenarioDetail>('/api/scenarios', { title: key, from: { kind: 'template', key } })).body.id;

  it('sets two to four scenarios beside today, and refuses five', async () => {
    const ids = [fromToday.id, await make('albertslund'), await make('integrated'), await make('viborg')];
    const two = await leader.get<TScenarioComparison>(`/api/scenarios/compare?ids=${ids.slice(0, 2).join(',')}&withToday=true`);
    expect(two.status).toBe(200);
    const [today, copy, albertslund] = two.body.scenarios;
    expect([today.id, copy.id, albertslund.id]).toEqual([null, ids[0], ids[1]]);
    // A copy of today costs what today costs and changes nothing.
    expect(copy.costAgainstToday).toBe(0);
    expect(copy.changesFromToday.functionsMoved).toEqual([]);
    expect(copy.total).toEqual(today.total);
    // Ishøj's Lokalråd is reached from SSP-netværk through the Koordinationsgruppen: three forums.
    expect(today.pathToLokalraad.perForum.find((p) => p.name === 'SSP-netværk')?.forums).toBe(3);
    // Albertslund at Ishøj's size: 1 + 2.6 + 6.0 + 0.9 = 10.5 FTE.
    expect(albertslund.total.fte).toBe(10.5);

    const four = await leader.get<TScenarioComparison>(`/api/scenarios/compare?ids=${ids.join(',')}`);
    expect(four.body.scenarios.map((s) => s.id)).toEqual(ids);
    const five = await leader.get(`/api/scenarios/compare?ids=${[...ids, await make('professional')].join(',')}`);
    expect(five.status).toBe(422);
    expect((five.body as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual(['ids']);
    expect((await leader.get(`/api/scenarios/compare?ids=${ids[0]},${ids[0]}`)).status).toBe(422);
  });

  it("answers 404 when one of them is another user's private draft", async () => {
    const mine = await make('albertslund');
    const theirs = (await consultant.post<TScenarioDetail>('/api/scenarios', { title: 'Privat', from: { kind: 'template', key: 'viborg' } })).body.id;
    expect((await leader.get(`/api/scenarios/compare?ids=${mine},${theirs}`)).status).toBe(404);
  });
});
