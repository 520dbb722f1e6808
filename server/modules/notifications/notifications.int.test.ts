import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TEffortDetail } from '../../../contracts/efforts.ts';
import type { TForYou, TNotificationList } from '../../../contracts/notifications.ts';
import type { TOrganisationMap } from '../../../contracts/organisation.ts';
import type { TOutboxMessage, TPlanDetail, TPlanSummary } from '../../../contracts/plans.ts';
import { danishToday } from '../../platform/danish-time.ts';
import { type ApiClient, type TestServer, startTestServer } from '../../../test/support/test-server.ts';

let server: TestServer;
let leader: ApiClient;
let consultant: ApiClient;
let steering: ApiClient;
let centreChief: ApiClient;
let admin: ApiClient;
const YEAR = Number(danishToday().slice(0, 4));

beforeAll(async () => {
  server = await startTestServer();
  [leader, consultant, steering, centreChief, admin] = await Promise.all(
    ['leder@trekant.test', 'konsulent@trekant.test', 'styregruppe@trekant.test', 'centerchef@trekant.test', 'administrator@trekant.test'].map((e) => server.loginAs(e)),
  );
});
afterAll(() => server?.close());

const notifications = async (client: ApiClient) => (await client.get<TNotificationList>('/api/notifications')).body;
const forYou = async (client: ApiClient) => (await client.get<TForYou>('/api/for-you')).body;

describe('notifications', () => {
  it('tell the voters in the app when a plan is submitted, beside the e-mail, and only them', async () => {
    const plan = (await consultant.post<TPlanDetail>('/api/plans', { year: YEAR + 1 })).body;
    expect((await consultant.post(`/api/plans/${plan.id}/submit`)).status).toBe(200);
    const mailed = (await admin.get<TOutboxMessage[]>('/api/outbox')).body.filter((m) => m.subject.startsWith(`Handlingsplan ${YEAR + 1}`)).map((m) => m.to);

    for (const [client, email] of [[steering, 'styregruppe@trekant.test'], [centreChief, 'centerchef@trekant.test'], [leader, 'leder@trekant.test']] as const) {
      const mine = await notifications(client);
      expect(mine.unread).toBe(1);
      expect(mine.items.map((n) => [n.kind, n.entityId, n.data.year, n.data.version, n.data.by, n.readAt])).toEqual([['plan_submitted', plan.id, YEAR + 1, 1, 'Proaktiv kriminalpræventiv konsulent', null]]);
      expect(mailed).toContain(email);
      expect((await forYou(client)).awaitingApproval).toEqual([{ planId: plan.id, year: YEAR + 1, version: 1 }]);
    }
    // The consultant sent it and holds a seat without the right to approve: nothing for them.
    expect(await notifications(consultant)).toEqual({ unread: 0, items: [] });
    expect((await forYou(consultant)).awaitingApproval).toEqual([]);

    // Approving takes the plan off the voter's list; the others still see it.
    await steering.post(`/api/plans/${plan.id}/decisions`, { decision: 'approve' });
    expect((await forYou(steering)).awaitingApproval).toEqual([]);
    expect((await forYou(centreChief)).awaitingApproval).toHaveLength(1);
  });

  it('are marked read by their own user only; another user’s is not found', async () => {
    const [note] = (await notifications(steering)).items;
    expect((await centreChief.post(`/api/notifications/${note.id}/read`)).status).toBe(404);
    expect((await notifications(steering)).unread).toBe(1);
    const read = await steering.post<{ unread: number }>(`/api/notifications/${note.id}/read`);
    expect([read.status, read.body.unread]).toEqual([200, 0]);
    expect((await notifications(steering)).items[0].readAt).not.toBeNull();
    expect((await steering.get<{ unread: number }>('/api/notifications/unread')).body.unread).toBe(0);
    // Reading again changes nothing and writes no second audit row.
    await steering.post(`/api/notifications/${note.id}/read`);
    expect((await centreChief.post<{ unread: number }>('/api/notifications/read')).body.unread).toBe(0);
    const audit = await server.database.db.selectFrom('audit_log').select(['action', 'entity_id']).where('action', '=', 'notification.read').orderBy('id').execute();
    expect(audit).toEqual([
      { action: 'notification.read', entity_id: note.id },
      { action: 'notification.read', entity_id: null },
    ]);
    expect((await steering.get('/api/notifications?limit=0')).status).toBe(422);
    expect((await steering.post('/api/notifications/not-an-id/read')).status).toBe(422);
    expect((await fetch(`${server.url}/api/notifications`)).status).toBe(401);
  });

  it('remind the plan’s writers of the yearly revision, and the front page lists the plan as due', async () => {
    const current = (await leader.get<TPlanSummary[]>('/api/plans')).body.find((p) => p.year === YEAR)!;
    expect((await forYou(leader)).revisionDue).toEqual([]);
    const approvedAt = new Date(Date.now() - 340 * 24 * 3600 * 1000);
    await server.database.db.updateTable('action_plan_versions').set({ approved_at: approvedAt }).where('plan_id', '=', current.id).execute();
    expect(await server.services.plans.remindRevisions()).toBe(1);
    for (const client of [leader, consultant]) {
      expect((await notifications(client)).items.filter((n) => n.kind === 'plan_revision_due').map((n) => n.entityId)).toEqual([current.id]);
    }
    expect((await notifications(steering)).items.some((n) => n.kind === 'plan_revision_due')).toBe(false);
    const due = (await forYou(consultant)).revisionDue;
    expect(due).toEqual([{ planId: current.id, year: YEAR, version: 1, dueSince: danishToday(new Date(approvedAt.getTime() + 335 * 24 * 3600 * 1000)) }]);
    // Steering members do not write the plan: it is not on their list.
    expect((await forYou(steering)).revisionDue).toEqual([]);
  });

  it('list red indicators of the efforts the user is responsible for or whose unit they work in', async () => {
    const map = (await leader.get<TOrganisationMap>('/api/organisation-map')).body;
    const gadeplan = map.organisations.find((o) => o.name === 'Gadeplan')!;
    const tkf = map.organisations.find((o) => o.name === 'Tryghed og Kriminalitetsforebyggelse')!;
    const reactive = map.functions.find((f) => f.title === 'Konsulent for reaktiv kriminalitetsforebyggelse')!;
    const before = await forYou(leader);
    // An effort of Gadeplan for which the TKF leader's function is not responsible: not the leader's.
    const make = async (title: string, owner: string, responsibleFunctionId: string | null) => {
      const effort = (await leader.post<TEffortDetail>('/api/efforts', { title, level: 'targeted', ownerOrganisationId: owner, responsibleFunctionId, periodStart: `${YEAR - 1}-01-01`, status: 'active' })).body;
      const goal = (await leader.post<TEffortDetail>(`/api/efforts/${effort.id}/goals`, { title: 'Flere i gang' })).body.goals[0];
      const withIndicator = (await leader.post<TEffortDetail>(`/api/efforts/${effort.id}/goals/${goal.id}/indicators`, { name: 'Unge i gang', unit: 'unge', baseline: 0, target: 100, periodStart: `${YEAR - 1}-01-01`, periodEnd: `${YEAR + 1}-12-31` })).body;
      const indicator = withIndicator.goals[0].indicators[0];
      await leader.post(`/api/efforts/${effort.id}/indicators/${indicator.id}/measurements`, { measuredOn: danishToday(), value: 1 });
      return effort.id;
    };
    const elsewhere = await make('Gadeplans aftenvagt', gadeplan.id, null);
    const owned = await make('TKF-forløb', tkf.id, reactive.id);
    const red = (await forYou(leader)).redIndicators;
    expect(red.filter((r) => !before.redIndicators.some((b) => b.effortId === r.effortId))).toEqual([{ effortId: owned, effortTitle: 'TKF-forløb', indicatorName: 'Unge i gang', relation: 'owner' }]);
    // The street worker works in Gadeplan; the consultant holds another function than the reactive one.
    expect((await forYou(await server.loginAs('gadeplan@trekant.test'))).redIndicators.map((r) => r.effortId)).toContain(elsewhere);
    expect((await forYou(consultant)).redIndicators.map((r) => r.effortId)).toContain(owned);
    expect((await forYou(await server.loginAs('analytiker@trekant.test'))).redIndicators).toEqual([]);
  });
});
