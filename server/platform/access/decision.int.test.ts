import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TEffortDetail, TEffortList } from '../../../contracts/efforts.ts';
import type { TForum } from '../../../contracts/organisation.ts';
import type { TPlanDetail, TPlanSummary } from '../../../contracts/plans.ts';
import { ROLES, ROLE_PERMISSIONS, type TPermission, type TRole } from '../../../contracts/roles.ts';
import { createMunicipality, createPoliceDistrict, createUser } from '../../../seeds/factories.ts';
import { DEMO_USERS } from '../../../seeds/reference.ts';
import { type ApiClient, type TestServer, startTestServer } from '../../../test/support/test-server.ts';

/**
 * The access decision as the API shows it: every record route × every role × the actor's
 * relation to the record (member, non-member, another municipality of the same police district,
 * another district, no session).
 * Expectations are written from the roles' permissions and the relations the seed sets up,
 * not from the rules, so a rule or a route that disagrees fails here.
 */

let server: TestServer;
let anonymous: ApiClient;
/** One Ishøj user per role (the first demo user of each). */
const clients = new Map<TRole, ApiClient>();
/** An Ishøj steering member who holds no function: may approve, but sits in no forum. */
let seatlessSteeringMember: ApiClient;
/** Records of another municipality by the path segment that names their kind: in another police district, and in Ishøj's own. */
const elsewhere = new Map<string, string>();
const neighbour = new Map<string, string>();
/** Forums the police districts share: another district's, and Ishøj's own district's (made by a neighbour). */
const districtForums = { other: '', own: '' };
/** A meeting of each of those forums, planned by the neighbour that made it. */
const districtMeetings = { other: '', own: '' };

const grants = (role: TRole, permissions: readonly TPermission[]) => permissions.some((p) => ROLE_PERMISSIONS[role].includes(p));
const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  server = await startTestServer();
  anonymous = server.client();
  for (const role of ROLES) clients.set(role, await server.loginAs(DEMO_USERS.find((u) => u.role === role)!.email));
  const ishoj = await server.database.db.selectFrom('municipalities').select('id').where('code', '=', 183).executeTakeFirstOrThrow();
  await createUser(server.database.db, { email: 'uden-plads@trekant.test', name: 'Uden plads', password: 'no-seat-password', roles: ['steering_member'], municipalityId: ishoj.id });
  seatlessSteeringMember = await server.loginAs('uden-plads@trekant.test', 'no-seat-password');

  const district = await createPoliceDistrict(server.database.db, 'Fjern politikreds');
  const ishojDistrict = (await server.database.db.selectFrom('municipalities').select('police_district_id').where('code', '=', 183).executeTakeFirstOrThrow()).police_district_id!;
  ({ forum: districtForums.other, meeting: districtMeetings.other } = await recordsOf({ code: 905, name: 'Fjernby', district }, elsewhere));
  ({ forum: districtForums.own, meeting: districtMeetings.own } = await recordsOf({ code: 906, name: 'Naboby', district: ishojDistrict }, neighbour));
});

/** A municipality with one record of each kind, made by its own administrator; answers the district forum it made and a meeting of it. */
async function recordsOf(municipality: { code: number; name: string; district: string }, records: Map<string, string>): Promise<{ forum: string; meeting: string }> {
  const id = await createMunicipality(server.database.db, { code: municipality.code, name: municipality.name, policeDistrictId: municipality.district, inhabitants: 10_000 });
  const email = `admin@${municipality.code}.test`;
  const adminId = await createUser(server.database.db, { email, name: 'Admin', password: 'elsewhere-password', roles: ['administrator', 'leader'], municipalityId: id });
  const admin = await server.loginAs(email, 'elsewhere-password');
  const created = async (path: string, body: unknown) => {
    const response = await admin.post<{ id: string }>(path, body);
    expect(response.status, path).toBe(201);
    return response.body.id;
  };
  const unit = await created('/api/organisations', { kind: 'unit', name: `${municipality.name} Forebyggelse` });
  records.set('organisations', unit);
  records.set('functions', await created('/api/functions', { title: 'Fjern konsulent', organisationId: unit }));
  records.set('pools', await created('/api/pools', { name: 'Fjern pulje', organisationId: unit }));
  records.set('forums', await created('/api/forums', { name: `${municipality.name}råd`, level: 'strategic' }));
  records.set('efforts', await created('/api/efforts', { title: 'Fjern indsats', level: 'general', ownerOrganisationId: unit, periodStart: '2026-01-01', status: 'active' }));
  records.set('plans', await created('/api/plans', { year: 2026 }));
  records.set('scenarios', await created('/api/scenarios', { title: 'Fjernt scenarie', from: { kind: 'template', key: 'professional' } }));
  records.set('meetings', await created('/api/meetings', { forumId: records.get('forums'), title: 'Fjernt møde', startsAt: '2026-06-01T10:00:00+02:00' }));
  records.set('admin/users', adminId);
  const forum = await created('/api/forums', { name: `Kredsforum fra ${municipality.name}`, level: 'strategic', scope: 'police_district' });
  return { forum, meeting: await created('/api/meetings', { forumId: forum, title: `Kredsmøde fra ${municipality.name}`, startsAt: '2026-06-02T10:00:00+02:00' }) };
}
afterAll(() => server?.close());

/** Routes whose records are not a municipality's map, effort, plan or user: the actor's own things, or settings lists. */
// Records that are no municipality's own: the user's, the national lists, the memo's peers (shared reference data), public pages.
const NOT_TENANT_RECORDS = ['/api/me/', '/api/notifications/', '/api/legal-bases/', '/api/read-purposes/', '/api/peers/', '/offentlig/'];
const kindOf = (url: string) => [...elsewhere.keys()].find((kind) => url.startsWith(`/api/${kind}/:id`));
const QUERIES: Record<string, string> = { 'admin/users': '?purpose=user_administration' };
const indicator = { name: 'Matrix', unit: 'antal', baseline: 0, target: 1, periodStart: '2026-01-01', periodEnd: '2026-12-31' };
const EMPTY_SCENARIO = {
  inhabitants: 1,
  placement: { kind: 'other', text: '', layersToTopManagement: 0, centres: [] },
  pillars: [],
  units: [],
  functions: [],
  forums: [],
  efforts: [],
  assumptions: {},
};
/**
 * A body each change accepts (routes without one take `{}`), its references the actor's own
 * (`ownUnit`), so that what answers is the lookup of the other municipality's record.
 */
const validBodies = (ownUnit: string): Record<string, unknown> => ({
  '/api/admin/users/:id/functions': { functionId: NO_SUCH_ID },
  '/api/admin/users/:id/functions/:holdingId/end': { validTo: '2026-12-31' },
  '/api/efforts/:id': { title: 'Matrix', level: 'general', ownerOrganisationId: ownUnit, periodStart: '2026-01-01' },
  '/api/efforts/:id/economy/:year': { lines: [], hours: [] },
  '/api/efforts/:id/goals': { title: 'Matrix' },
  '/api/efforts/:id/goals/:goalId': { title: 'Matrix' },
  '/api/efforts/:id/goals/:goalId/indicators': indicator,
  '/api/efforts/:id/indicators/:indicatorId': indicator,
  '/api/efforts/:id/indicators/:indicatorId/measurements': { measuredOn: '2026-01-01', value: 1 },
  '/api/efforts/:id/status': { status: 'paused', reason: 'Matrix' },
  '/api/forums/:id': { name: 'Matrix', level: 'strategic' },
  '/api/forums/:id/members': { functionId: NO_SUCH_ID },
  '/api/forums/:id/members/:memberId': { role: 'member' },
  '/api/functions/:id': { title: 'Matrix', organisationId: NO_SUCH_ID },
  '/api/organisations/:id': { kind: 'unit', name: 'Matrix' },
  '/api/plans/:id/decisions': { decision: 'comment', comment: 'Matrix' },
  '/api/plans/:id/sections': { basis: '', purpose: '', targetGroup: '', strategy: '', goals: '' },
  '/api/plans/:id/settings': { approvingForumId: NO_SUCH_ID, approvalRule: 'all' },
  '/api/pools/:id': { name: 'Matrix', organisationId: NO_SUCH_ID },
  '/api/scenarios/:id': { revision: 1, title: 'Matrix', description: '', document: EMPTY_SCENARIO, assessment: { criteria: {} } },
  '/api/scenarios/:id/share': { sharing: 'working_group' },
  '/api/scenarios/:id/adopt': { revision: 1, effectiveFrom: '2026-01-01' },
  '/api/meetings/:id': { revision: 1, title: 'Matrix', startsAt: '2026-01-01T10:00:00+01:00' },
  '/api/meetings/:id/agenda': { revision: 1, items: [] },
  '/api/meetings/:id/minutes': { revision: 0, content: { attendance: [], items: [], actionItems: [] } },
  '/api/meetings/:id/minutes/circulate': { revision: 1 },
  '/api/meetings/:id/action-items/:actionItemId/status': { revision: 1, status: 'done' },
});

function pathFor(url: string, id: string): string {
  const path = url
    .replace(':id', id)
    .replace(':version', '1')
    .replace(':year', '2026')
    .replace(/:[a-zA-Z]+Id\b/g, NO_SUCH_ID);
  const query = url.endsWith('/diff') ? '?from=1&to=1' : (QUERIES[kindOf(url)!] ?? '');
  return path + query;
}

describe('another municipality’s records: every record route × every role', () => {
  it('covers every route with a record id', () => {
    const uncovered = server.routes.filter((r) => r.url.includes('/:') && !kindOf(r.url) && !NOT_TENANT_RECORDS.some((p) => r.url.startsWith(p)));
    expect(uncovered.map((r) => `${r.method} ${r.url}`)).toEqual([]);
  });

  it.each([
    ['in another police district', elsewhere],
    ['in the same police district', neighbour],
  ])('answers 404 to every role the route admits, 403 to the rest and 401 without a session, %s: nothing leaks', async (_where, records) => {
    const routes = server.routes.filter((r) => kindOf(r.url) && r.method !== 'HEAD');
    expect(routes.length).toBeGreaterThan(40);
    const bodies = validBodies((await clients.get('leader')!.get<{ id: string }[]>('/api/organisations')).body[0].id);
    for (const route of routes) {
      if (route.policy.kind !== 'permission') throw new Error(`${route.url} is not guarded by a permission`);
      const path = pathFor(route.url, records.get(kindOf(route.url)!)!);
      const options = route.method === 'GET' ? {} : { json: bodies[route.url] ?? {} };
      expect((await anonymous.request(route.method, path, options)).status, `anonymous ${route.method} ${path}`).toBe(401);
      for (const [role, client] of clients) {
        const response = await client.request(route.method, path, options);
        const label = `${role} ${route.method} ${route.url} → ${response.status}`;
        expect(response.status, label).toBe(grants(role, route.policy.permissions) ? 404 : 403);
      }
    }
  });
});

describe('forums: member, non-member, another municipality, no session', () => {
  const forumByName = async (name: string) => (await clients.get('consultant')!.get<TForum[]>('/api/forums')).body.find((f) => f.name === name)!;

  it('lets readers of the map see every forum of their municipality, partners only those a function they hold sits in', async () => {
    // The demo partner holds Lokalbetjent, which sits in the SSP-NU forums and not in the Lokalråd (seeds/reference.ts).
    const cases = {
      member: (await forumByName('SSP-NU u18')).id,
      nonMember: (await forumByName('Lokalråd')).id,
      ownDistrictShared: districtForums.own,
      otherMunicipality: neighbour.get('forums')!,
      otherDistrict: elsewhere.get('forums')!,
      otherDistrictShared: districtForums.other,
    };
    const outside = ['otherMunicipality', 'otherDistrict', 'otherDistrictShared'];
    for (const [relation, id] of Object.entries(cases)) {
      expect((await anonymous.get(`/api/forums/${id}`)).status, `anonymous ${relation}`).toBe(401);
      for (const [role, client] of clients) {
        const expected = outside.includes(relation) ? 404 : grants(role, ['organisation.read']) ? 200 : role === 'partner' && relation === 'member' ? 200 : 404;
        const status = (await client.get(`/api/forums/${id}`)).status;
        if (!grants(role, ['organisation.read', 'forums.read_own'])) expect(status, `${role} ${relation}`).toBe(403);
        else expect(status, `${role} ${relation}`).toBe(expected);
        if (status !== 403) {
          const listed = (await client.get<TForum[]>('/api/forums')).body.some((f) => f.id === id);
          expect(listed, `${role} lists ${relation}`).toBe(expected === 200);
        }
      }
    }
  });

  it('lists as "mine" exactly the forums a function the actor holds sits in', async () => {
    const partner = clients.get('partner')!;
    const mine = (await partner.get<TForum[]>('/api/forums/mine')).body.map((f) => f.name).sort();
    expect(mine).toEqual(['SSP-NU o18', 'SSP-NU u18', 'SSP-netværk']);
    expect((await clients.get('analyst')!.get<TForum[]>('/api/forums/mine')).body).toEqual([]);
  });
});

describe('plans: voter, non-voter, another municipality, no session', () => {
  it('lets exactly the approving forum’s voting members vote, and shows each reader that same answer as an ability', async () => {
    const leader = clients.get('leader')!;
    const plan = (await leader.get<TPlanSummary[]>('/api/plans')).body[0];
    expect((await leader.post(`/api/plans/${plan.id}/revise`)).status).toBe(200);
    expect((await leader.post(`/api/plans/${plan.id}/submit`)).status).toBe(200);
    // Who votes, as the plan itself lists it (the forum's chairs and members whose role may approve).
    const voters = new Set((await leader.get<TPlanDetail>(`/api/plans/${plan.id}`)).body.approvers.map((a) => a.userId));
    expect(voters.size).toBeGreaterThan(0);

    const comment = { decision: 'comment', comment: 'Set i matricen' };
    expect((await anonymous.post(`/api/plans/${plan.id}/decisions`, comment)).status).toBe(401);
    const actors: [string, TRole, ApiClient][] = [...[...clients].map(([role, client]) => [role, role, client] as [string, TRole, ApiClient]), ['seatless steering member', 'steering_member', seatlessSteeringMember]];
    let votersSeen = 0;
    for (const [label, role, client] of actors) {
      const me = (await client.get<{ user: { id: string } }>('/api/me')).body.user.id;
      const votes = grants(role, ['plans.approve']) && voters.has(me);
      votersSeen += votes ? 1 : 0;
      const detail = (await client.get<TPlanDetail>(`/api/plans/${plan.id}`)).body;
      expect(detail.abilities.comment, `${label} may comment`).toBe(votes);
      expect(detail.abilities.decide, `${label} may decide`).toBe(votes);
      const status = (await client.post(`/api/plans/${plan.id}/decisions`, comment)).status;
      expect(status, `${label} comments`).toBe(votes ? 200 : 403);
      const otherStatus = (await client.post(`/api/plans/${elsewhere.get('plans')}/decisions`, comment)).status;
      expect(otherStatus, `${label} comments on another municipality's plan`).toBe(grants(role, ['plans.approve']) ? 404 : 403);
    }
    expect(votersSeen).toBeGreaterThan(0);
  });
});

describe('meetings: member, non-member, district neighbour, partner, no session', () => {
  it('shows a forum’s meetings to readers and to partners who sit in it, closed items only to members and organisers, district meetings across the district', async () => {
    const leader = clients.get('leader')!;
    const forums = (await leader.get<TForum[]>('/api/forums')).body;
    // SSP-NU u18 seats the demo consultant (Proaktiv konsulent) and partner (Lokalbetjent); the Lokalråd seats the consultant, not the partner (seeds/organisation-ishoj.ts).
    const members: Record<string, TRole[]> = { 'SSP-NU u18': ['consultant', 'partner'], Lokalråd: ['leader', 'consultant', 'steering_member'] };
    const items = [
      { kind: 'information', confidentiality: 'open', title: 'Åbent punkt' },
      { kind: 'discussion', confidentiality: 'closed', title: 'Lukket punkt' },
    ];
    for (const [name, seated] of Object.entries(members)) {
      const id = (await leader.post<{ id: string }>('/api/meetings', { forumId: forums.find((f) => f.name === name)!.id, title: `Matrix ${name}`, startsAt: '2026-06-03T10:00:00+02:00' })).body.id;
      expect((await leader.put(`/api/meetings/${id}/agenda`, { revision: 1, items })).status).toBe(200);
      expect((await anonymous.get(`/api/meetings/${id}`)).status).toBe(401);
      for (const [role, client] of clients) {
        const response = await client.get<{ agenda: { title: string | null }[] }>(`/api/meetings/${id}?purpose=ssp_cooperation`);
        const sees = grants(role, ['meetings.read']) || (grants(role, ['meetings.read_own']) && seated.includes(role));
        expect(response.status, `${role} sees a meeting of ${name}`).toBe(sees ? 200 : 404);
        const listed = (await client.get<{ id: string }[]>('/api/meetings')).body.some((m) => m.id === id);
        expect(listed, `${role} lists a meeting of ${name}`).toBe(sees);
        if (!sees) continue;
        const opensClosed = seated.includes(role) || grants(role, ['meetings.organise']);
        expect(response.body.agenda.map((i) => i.title), `${role} in ${name}`).toEqual(opensClosed ? ['Åbent punkt', 'Lukket punkt'] : ['Åbent punkt']);
      }
    }
    for (const [role, client] of clients) {
      // The neighbour's district forum seats nobody of Ishøj: readers see its meeting, partners do not; another district's is nobody's here.
      expect((await client.get(`/api/meetings/${districtMeetings.own}`)).status, `${role}: own district's meeting`).toBe(grants(role, ['meetings.read']) ? 200 : 404);
      expect((await client.get(`/api/meetings/${districtMeetings.other}`)).status, `${role}: other district's meeting`).toBe(404);
    }
  });
});

describe('efforts: status by role, with the button, and no session', () => {
  it('lets exactly the editors change an effort’s status, the street worker who runs it included in the refusal, and shows each reader that same answer', async () => {
    const list = (await clients.get('consultant')!.get<TEffortList>('/api/efforts?status=active')).body.items;
    // The demo street worker holds Gadeplansmedarbejder in the unit Gadeplan, which owns this effort (seeds/reference.ts).
    const runByStreetWorker = list.find((e) => e.owner?.name === 'Gadeplan')!;
    const other = list.find((e) => e.owner?.name !== 'Gadeplan' && e.responsibleFunction?.title !== 'Gadeplansmedarbejder')!;
    expect(runByStreetWorker && other).toBeTruthy();
    const pause = { status: 'paused', reason: 'Set i matricen' };
    const resume = { status: 'active', reason: 'Set i matricen' };
    expect((await anonymous.post(`/api/efforts/${runByStreetWorker.id}/status`, pause)).status).toBe(401);
    for (const [role, client] of clients) {
      for (const [relation, effort] of [['runs it', runByStreetWorker], ['does not run it', other]] as const) {
        const may = grants(role, ['efforts.edit']);
        if (grants(role, ['efforts.read'])) expect((await client.get<TEffortDetail>(`/api/efforts/${effort.id}`)).body.abilities.changeStatus, `${role} (${relation}) sees the button`).toBe(may);
        expect((await client.post(`/api/efforts/${effort.id}/status`, pause)).status, `${role} (${relation}) pauses`).toBe(may ? 200 : 403);
        if (may) expect((await client.post(`/api/efforts/${effort.id}/status`, resume)).status, `${role} (${relation}) resumes`).toBe(200);
      }
    }
  });
});
