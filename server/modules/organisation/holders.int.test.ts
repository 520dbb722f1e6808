import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TForum, TForumDetail, TFunction, TFunctionHolding, TOrganisation, TOrganisationMap } from '../../../contracts/organisation.ts';
import type { TPlanDetail, TPlanSummary } from '../../../contracts/plans.ts';
import { DISTRICT_MUNICIPALITIES } from '../../../seeds/police-district.ts';
import { createMunicipality, createPoliceDistrict, createUser } from '../../../seeds/factories.ts';
import { startOfDanishDay } from '../../platform/danish-time.ts';
import { type ApiClient, type TestServer, startTestServer } from '../../../test/support/test-server.ts';

let server: TestServer;
let admin: ApiClient;
let leader: ApiClient;

beforeAll(async () => {
  server = await startTestServer();
  [admin, leader] = await Promise.all(['administrator@trekant.test', 'leder@trekant.test'].map((e) => server.loginAs(e)));
});
afterAll(() => server?.close());

const PURPOSE = '?purpose=user_administration';
const userId = async (email: string) => (await server.database.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
const functionNamed = async (client: ApiClient, title: string, organisation: string) => {
  const map = (await client.get<TOrganisationMap>('/api/organisation-map')).body;
  const org = map.organisations.find((o) => o.name === organisation)!;
  return map.functions.find((f) => f.title === title && f.organisationId === org.id) as TFunction;
};
const forumNames = (forums: TForum[]) => forums.map((f) => f.name).sort();
const ishojScope = async () => {
  const m = await server.database.db.selectFrom('municipalities').select(['id', 'police_district_id']).where('code', '=', 183).executeTakeFirstOrThrow();
  return { municipalityId: m.id, policeDistrictId: m.police_district_id };
};

describe('users hold functions', () => {
  it('gives the demo leader the forums "Leder, TKF" sits in', async () => {
    expect(forumNames((await leader.get<TForum[]>('/api/forums/mine')).body)).toEqual(['Chefforum', 'Koordinationsgruppen', 'Lokalråd']);
    const holdings = (await admin.get<TFunctionHolding[]>(`/api/admin/users/${await userId('leder@trekant.test')}/functions${PURPOSE}`)).body;
    expect(holdings.map((h) => [h.functionTitle, h.organisationName, h.validFrom, h.validTo, h.current])).toEqual([['Leder', 'Tryghed og Kriminalitetsforebyggelse', '2023-03-27', null, true]]);
  });

  it('links a user to a function and ends the link, dated, audited and readable as of a date', async () => {
    const analyst = await userId('analytiker@trekant.test');
    const url = `/api/admin/users/${analyst}/functions`;
    const reactive = await functionNamed(admin, 'Konsulent for reaktiv kriminalitetsforebyggelse', 'Tryghed og Kriminalitetsforebyggelse');
    const analystClient = await server.loginAs('analytiker@trekant.test');
    expect((await analystClient.get<TForum[]>('/api/forums/mine')).body).toEqual([]);

    const linked = await admin.post<TFunctionHolding[]>(url, { functionId: reactive.id, validFrom: '2026-01-05' });
    expect(linked.status).toBe(201);
    expect(linked.body.map((h) => [h.functionTitle, h.validFrom, h.validTo])).toEqual([['Konsulent for reaktiv kriminalitetsforebyggelse', '2026-01-05', null]]);
    expect(forumNames((await analystClient.get<TForum[]>('/api/forums/mine')).body)).toEqual(['Koordinationsgruppen', 'SSP-NU o18']);

    // The same function again while the link holds is refused, naming the field.
    const twice = await admin.post<{ errors: { field: string }[] }>(url, { functionId: reactive.id, validFrom: '2026-03-01' });
    expect(twice.status).toBe(409);
    expect(twice.body.errors[0].field).toBe('functionId');
    const unknown = await admin.post<{ errors: { field: string }[] }>(url, { functionId: '00000000-0000-4000-8000-000000000000' });
    expect([unknown.status, unknown.body.errors[0].field]).toEqual([422, 'functionId']);

    const holdingId = linked.body[0].id;
    const early = await admin.post<{ errors: { field: string }[] }>(`${url}/${holdingId}/end`, { validTo: '2026-01-01' });
    expect([early.status, early.body.errors[0].field]).toEqual([422, 'validTo']);
    const ended = await admin.post<TFunctionHolding[]>(`${url}/${holdingId}/end`, { validTo: '2026-02-28' });
    expect(ended.status).toBe(200);
    expect(ended.body.map((h) => [h.validFrom, h.validTo, h.current])).toEqual([['2026-01-05', '2026-02-28', false]]);
    expect((await admin.post(`${url}/${holdingId}/end`, { validTo: '2026-03-31' })).status).toBe(409);
    expect((await analystClient.get<TForum[]>('/api/forums/mine')).body).toEqual([]);

    // "Which functions does the analyst hold on date D": the last day held counts, the next does not.
    const scope = await ishojScope();
    const held = async (day: string) => (await server.services.organisation.functionsHeldBy(scope, analyst, new Date(startOfDanishDay(day, 1).getTime() - 1))).map((f) => f.id);
    expect(await held('2026-01-04')).toEqual([]);
    expect(await held('2026-02-28')).toEqual([reactive.id]);
    expect(await held('2026-03-01')).toEqual([]);
    // Once ended, the same function may be linked again after the end.
    expect((await admin.post(url, { functionId: reactive.id, validFrom: '2026-03-01' })).status).toBe(201);

    const audit = await server.database.db.selectFrom('audit_entries').select(['action', 'subject_id', 'entity_type']).where('action', 'like', 'function_holder.%').where('subject_id', '=', analyst).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['function_holder.linked', 'function_holder.read', 'function_holder.ended', 'function_holder.read', 'function_holder.linked', 'function_holder.read']);
  });

  it('lets only user administrators change links, of users and functions of their own municipality', async () => {
    const partner = await userId('partner@trekant.test');
    const officer = await functionNamed(admin, 'Civilforebygger', 'Vestegnens Politi');
    // The leader reads users (and their functions) but does not administer them.
    expect((await leader.get(`/api/admin/users/${partner}/functions${PURPOSE}`)).status).toBe(200);
    expect((await leader.post(`/api/admin/users/${partner}/functions`, { functionId: officer.id })).status).toBe(403);
    expect((await admin.get(`/api/admin/users/${partner}/functions`)).status).toBe(422);
    expect((await (await server.loginAs('konsulent@trekant.test')).get(`/api/admin/users/${partner}/functions${PURPOSE}`)).status).toBe(403);

    const district = await createPoliceDistrict(server.database.db, 'Midt- og Vestsjællands Politi');
    const elsewhere = await createMunicipality(server.database.db, { code: 329, name: 'Ringsted', policeDistrictId: district });
    const stranger = await createUser(server.database.db, { email: 'fremmed@ringsted.test', name: 'Fremmed', password: 'Fremmed-2026-kode', roles: ['consultant'], municipalityId: elsewhere });
    expect((await admin.get(`/api/admin/users/${stranger}/functions${PURPOSE}`)).status).toBe(404);
    expect((await admin.post(`/api/admin/users/${stranger}/functions`, { functionId: officer.id })).status).toBe(404);
    const partnerHolding = (await admin.get<TFunctionHolding[]>(`/api/admin/users/${partner}/functions${PURPOSE}`)).body[0];
    expect((await admin.post(`/api/admin/users/${stranger}/functions/${partnerHolding.id}/end`, { validTo: '2026-12-31' })).status).toBe(404);
    expect((await admin.post(`/api/admin/users/${await userId('leder@trekant.test')}/functions/${partnerHolding.id}/end`, { validTo: '2026-12-31' })).status).toBe(404);
  });

  it('decides who votes on the plan, and removing a function ends its links', async () => {
    const plans = (await leader.get<TPlanSummary[]>('/api/plans')).body;
    const planUrl = `/api/plans/${plans[0].id}`;
    const voters = async () => (await leader.get<TPlanDetail>(planUrl)).body.approvers.map((a) => a.name);
    expect(await voters()).toEqual(['Centerchef, CBF', 'Centerchef, CKF', 'Leder, Tryghed og Kriminalitetsforebyggelse']);

    const chief = await userId('centerchef@trekant.test');
    const [holding] = (await admin.get<TFunctionHolding[]>(`/api/admin/users/${chief}/functions${PURPOSE}`)).body;
    await admin.post(`/api/admin/users/${chief}/functions/${holding.id}/end`, { validTo: '2024-12-31' });
    expect(await voters()).toEqual(['Centerchef, CBF', 'Leder, Tryghed og Kriminalitetsforebyggelse']);

    // The function ends: its holder no longer holds it, and the history keeps the link.
    const cbfChief = await functionNamed(leader, 'Centerchef', 'Center for Børn og Familier');
    expect((await leader.delete(`/api/functions/${cbfChief.id}`)).status).toBe(200);
    expect(await voters()).toEqual(['Leder, Tryghed og Kriminalitetsforebyggelse']);
    const links = (await admin.get<TFunctionHolding[]>(`/api/admin/users/${await userId('styregruppe@trekant.test')}/functions${PURPOSE}`)).body;
    expect(links.map((h) => [h.functionTitle, h.current, h.validTo !== null])).toEqual([['Centerchef', false, true]]);
  });
});

describe('forums the police district shares', () => {
  it('show every municipality of the district the members’ function and organisation, and nothing more of the map', async () => {
    const { policeDistrictId } = await ishojScope();
    // A municipality new to Vestegnens Politi (the reference data seats the mayors of all eleven it has).
    const vallensbaek = await createMunicipality(server.database.db, { code: 901, name: 'Nyby', policeDistrictId });
    await createUser(server.database.db, { email: 'leder@vallensbaek.test', name: 'Leder, Nyby', password: 'Vallensbaek-2026-kode', roles: ['leader'], municipalityId: vallensbaek });
    const neighbour = await server.loginAs('leder@vallensbaek.test', 'Vallensbaek-2026-kode');

    const kredsraad = (await neighbour.get<TForum[]>('/api/forums')).body.find((f) => f.name === 'Kredsråd')!;
    const seen = (await neighbour.get<TForumDetail>(`/api/forums/${kredsraad.id}`)).body;
    const members = (detail: TForumDetail) => detail.members.map((m) => `${m.functionTitle} (${m.organisationName})`).sort();
    const mayors = DISTRICT_MUNICIPALITIES.map((m) => (m.code === 183 ? 'Borgmester (Byrådet)' : `Borgmester (${m.name} Byråd)`));
    expect(members(seen)).toEqual([...mayors, 'Politidirektør (Vestegnens Politi)', 'Politiinspektør (Vestegnens Politi)'].sort());
    expect(seen.memberCount).toBe(seen.members.length);
    expect(seen.history.filter((h) => h.entity === 'member').every((h) => !h.summary.startsWith('—'))).toBe(true);

    // Ishøj's own map stays Ishøj's: its council and mayor are not in the neighbour's map.
    const map = (await neighbour.get<TOrganisationMap>('/api/organisation-map')).body;
    expect(map.organisations.map((o) => o.name)).not.toContain('Byrådet');
    expect(map.functions.map((f) => f.title)).not.toContain('Borgmester');
    const ishojMayor = await functionNamed(leader, 'Borgmester', 'Byrådet');
    expect((await neighbour.put(`/api/functions/${ishojMayor.id}`, { title: 'X', organisationId: ishojMayor.organisationId })).status).toBe(404);

    // The neighbour seats its own mayor; Ishøj reads that member the same way.
    const council = (await neighbour.post<TOrganisation>('/api/organisations', { kind: 'unit', name: 'Nyby Byråd' })).body;
    const mayor = (await neighbour.post<TFunction>('/api/functions', { title: 'Borgmester', organisationId: council.id })).body;
    expect((await neighbour.post(`/api/forums/${kredsraad.id}/members`, { functionId: mayor.id, role: 'member' })).status).toBe(201);
    const fromIshoj = (await leader.get<TForumDetail>(`/api/forums/${kredsraad.id}`)).body;
    expect(members(fromIshoj)).toContain('Borgmester (Nyby Byråd)');
    expect(fromIshoj.memberCount).toBe(fromIshoj.members.length);
    expect((await leader.get<TForum[]>('/api/forums')).body.find((f) => f.id === kredsraad.id)?.memberCount).toBe(mayors.length + 3);
  });
});
