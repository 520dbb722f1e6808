import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TBoard, TCadenceRow, TMeetingDetail, TMeetingSummary, TMinutes, TMinutesContentInput } from '../../../contracts/meetings.ts';
import type { TForum } from '../../../contracts/organisation.ts';
import { createMunicipality, createPoliceDistrict, createUser } from '../../../seeds/factories.ts';
import { type ApiClient, type TestServer, startTestServer } from '../../../test/support/test-server.ts';

let server: TestServer;
let leader: ApiClient;
let consultant: ApiClient;
let centreChief: ApiClient;
let streetWorker: ApiClient;
let partner: ApiClient;
/** A leader of another municipality in Ishøj's police district, and one of another district. */
let neighbour: ApiClient;
let faraway: ApiClient;
let forums: TForum[];
let meeting: TMeetingDetail;
const userIds = new Map<string, string>();
const PURPOSE = 'ssp_cooperation';

const forum = (name: string) => forums.find((f) => f.name === name)!;
const item = (m: TMeetingDetail, confidentiality: string) => m.agenda.find((i) => i.confidentiality === confidentiality)!;

beforeAll(async () => {
  server = await startTestServer();
  [leader, consultant, centreChief, streetWorker, partner] = await Promise.all(
    ['leder@trekant.test', 'konsulent@trekant.test', 'centerchef@trekant.test', 'gadeplan@trekant.test', 'partner@trekant.test'].map((e) => server.loginAs(e)),
  );
  const db = server.database.db;
  for (const u of await db.selectFrom('users').select(['id', 'email']).execute()) userIds.set(u.email, u.id);
  const ishoj = await db.selectFrom('municipalities').select('police_district_id').where('code', '=', 183).executeTakeFirstOrThrow();
  const naboby = await createMunicipality(db, { code: 908, name: 'Naboby', policeDistrictId: ishoj.police_district_id, inhabitants: 30_000 });
  await createUser(db, { email: 'leder@908.test', name: 'Nabo', password: 'neighbour-password', roles: ['leader'], municipalityId: naboby });
  neighbour = await server.loginAs('leder@908.test', 'neighbour-password');
  const district = await createPoliceDistrict(db, 'Fjern politikreds');
  const fjernby = await createMunicipality(db, { code: 909, name: 'Fjernby', policeDistrictId: district, inhabitants: 30_000 });
  await createUser(db, { email: 'leder@909.test', name: 'Fjern', password: 'faraway-password', roles: ['leader'], municipalityId: fjernby });
  faraway = await server.loginAs('leder@909.test', 'faraway-password');
  forums = (await leader.get<TForum[]>('/api/forums')).body;
});
afterAll(() => server?.close());

describe('planning a meeting of the Lokalråd', () => {
  it('invites the holders of the functions sitting in the forum, with their seats', async () => {
    const created = await leader.post<TMeetingDetail>('/api/meetings', { forumId: forum('Lokalråd').id, title: 'Lokalrådsmøde december', startsAt: '2026-12-15T09:00:00+01:00', endsAt: '2026-12-15T11:00:00+01:00', place: 'Rådhuset, mødelokale 1' });
    expect(created.status).toBe(201);
    meeting = created.body;
    expect(meeting).toMatchObject({ forum: { name: 'Lokalråd', level: 'strategic' }, scope: 'municipality', revision: 1, minutes: null, abilities: { organise: true, readClosed: true } });
    const invited = meeting.invitations.map((i) => [i.name, i.role]);
    // The demo users holding the Lokalråd's functions (seeds/reference.ts); the street worker and the partner hold none of them.
    expect(invited).toEqual(
      expect.arrayContaining([
        ['Leder, Tryghed og Kriminalitetsforebyggelse', 'member'],
        ['Proaktiv kriminalpræventiv konsulent', 'member'],
        ['Centerchef, CBF', 'member'],
        ['Centerchef, CKF', 'member'],
      ]),
    );
    expect(invited.map(([name]) => name)).not.toContain('Gadeplansmedarbejder');
    const audit = await server.database.db.selectFrom('audit_entries').select(['after']).where('action', '=', 'meeting.created').where('entity_id', '=', meeting.id).executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ forumId: forum('Lokalråd').id, invited: meeting.invitations.length });
  });

  it('lets only organisers plan, and refuses a forum the user cannot see or a meeting ending before it starts', async () => {
    const body = { forumId: forum('Lokalråd').id, title: 'Ekstra møde', startsAt: '2026-12-20T09:00:00+01:00' };
    expect((await streetWorker.post('/api/meetings', body)).status).toBe(403);
    const hidden = await partner.post<{ errors: { field: string }[] }>('/api/meetings', body);
    expect([hidden.status, hidden.body.errors[0].field]).toEqual([422, 'forumId']);
    const backwards = await leader.post<{ errors: { field: string }[] }>('/api/meetings', { ...body, endsAt: '2026-12-20T08:00:00+01:00' });
    expect([backwards.status, backwards.body.errors[0].field]).toEqual([422, 'endsAt']);
    const yearZero = await leader.post<{ errors: { field: string }[] }>('/api/meetings', { ...body, startsAt: '0000-01-01T00:00:00Z' });
    expect([yearZero.status, yearZero.body.errors[0].field]).toEqual([422, 'startsAt']);
  });

  it('takes an agenda of an open, a closed and a case item from the revision read', async () => {
    const items = [
      { kind: 'decision', confidentiality: 'open', title: 'Tryghedsmåling 2026', background: 'Resultaterne fra årets måling.', presenter: 'Leder TKF' },
      { kind: 'discussion', confidentiality: 'closed', title: 'Uro i Vejleåparken', background: 'Politiets vurdering af situationen.', presenter: 'Vicepolitikommissær' },
      { kind: 'information', confidentiality: 'case', caseRef: '2026-014' },
    ];
    const stale = await leader.put(`/api/meetings/${meeting.id}/agenda`, { revision: 0, items });
    expect(stale.status).toBe(409);
    const caseWithContent = await leader.put<{ errors: { field: string }[] }>(`/api/meetings/${meeting.id}/agenda`, { revision: 1, items: [{ ...items[2], title: 'Navn på en ung' }] });
    expect([caseWithContent.status, caseWithContent.body.errors[0].field]).toEqual([422, 'items[0].title']);
    expect((await streetWorker.put(`/api/meetings/${meeting.id}/agenda`, { revision: 1, items })).status).toBe(403);

    const saved = await leader.put<TMeetingDetail>(`/api/meetings/${meeting.id}/agenda`, { revision: 1, items });
    expect(saved.status).toBe(200);
    meeting = saved.body;
    expect(meeting.revision).toBe(2);
    // Without a purpose even an organiser gets the closed item withheld; the case item is only its pseudonym.
    expect(meeting.agenda.map((i) => [i.position, i.confidentiality, i.title, i.withheld])).toEqual([
      [1, 'open', 'Tryghedsmåling 2026', false],
      [2, 'closed', null, true],
      [3, 'case', null, false],
    ]);
    expect(item(meeting, 'case').caseRef).toBe('2026-014');
  });
});

describe('closed items', () => {
  it('shows a non-member the open items only, and a partner outside the forum nothing', async () => {
    const seen = await streetWorker.get<TMeetingDetail>(`/api/meetings/${meeting.id}?purpose=${PURPOSE}`);
    expect(seen.status).toBe(200);
    expect(seen.body.agenda.map((i) => i.confidentiality)).toEqual(['open', 'case']);
    expect(seen.body.closedItemsNotShown).toBe(1);
    expect(seen.body.abilities).toEqual({ organise: false, readClosed: false });
    expect((await partner.get(`/api/meetings/${meeting.id}`)).status).toBe(404);
    expect((await partner.get<TMeetingSummary[]>('/api/meetings')).body.map((m) => m.id)).not.toContain(meeting.id);
  });

  it('opens a closed item to a member who states a purpose, and logs the read', async () => {
    const closedId = item(meeting, 'closed').id;
    const unknown = await centreChief.get<{ errors: { field: string }[] }>(`/api/meetings/${meeting.id}?purpose=no_such_purpose`);
    expect([unknown.status, unknown.body.errors[0].field]).toEqual([422, 'purpose']);
    const opened = await centreChief.get<TMeetingDetail>(`/api/meetings/${meeting.id}?purpose=${PURPOSE}`);
    expect(item(opened.body, 'closed')).toMatchObject({ title: 'Uro i Vejleåparken', background: 'Politiets vurdering af situationen.', withheld: false });
    const logged = await server.database.db
      .selectFrom('audit_entries')
      .select(['actor_user_id', 'purpose'])
      .where('action', '=', 'meeting.closed_item_read')
      .where('entity_id', '=', closedId)
      .execute();
    expect(logged).toEqual([{ actor_user_id: userIds.get('centerchef@trekant.test'), purpose: PURPOSE }]);
  });
});

describe('minutes, approval, correction and the board', () => {
  let minutes: TMinutes;
  const content = (): TMinutesContentInput => {
    const open = item(meeting, 'open').id;
    const closed = item(meeting, 'closed').id;
    const leaderSeat = meeting.invitations.find((i) => i.userId === userIds.get('leder@trekant.test'))!;
    return {
      attendance: [
        { userId: userIds.get('leder@trekant.test')!, attendance: 'present' },
        { userId: userIds.get('konsulent@trekant.test')!, attendance: 'present' },
        { userId: userIds.get('styregruppe@trekant.test')!, attendance: 'absent' },
        { userId: userIds.get('centerchef@trekant.test')!, attendance: 'substitute', substituteName: 'Souschef, CKF' },
      ],
      items: [
        { agendaItemId: open, notes: 'Målingen viser større tryghed i bydelene.', decisions: ['Lokalrådet tager resultaterne til efterretning og beder TKF følge op.'] },
        { agendaItemId: closed, notes: 'Politiet orienterede om situationen.' },
      ],
      actionItems: [
        { agendaItemId: open, what: 'Fremlæg en plan for opfølgning', ownerFunctionId: leaderSeat.functionId, dueOn: '2020-01-15', level: 'coordinating' },
        { agendaItemId: open, what: 'Formidl resultaterne til skolerne', ownerUserId: userIds.get('konsulent@trekant.test')!, dueOn: '2099-03-01', level: 'executing' },
        { agendaItemId: closed, what: 'Aftal fælles gadeplansindsats', ownerUserId: userIds.get('leder@trekant.test')!, dueOn: '2099-01-10', level: 'executing' },
      ],
    };
  };

  it('records attendance, notes, a decision and action items, checked against the meeting', async () => {
    const wrong = content();
    wrong.attendance[0].userId = userIds.get('gadeplan@trekant.test')!;
    const refused = await leader.put<{ errors: { field: string }[] }>(`/api/meetings/${meeting.id}/minutes`, { revision: 0, content: wrong });
    expect([refused.status, refused.body.errors[0].field]).toEqual([422, 'content.attendance[0].userId']);
    const saved = await leader.put<TMinutes>(`/api/meetings/${meeting.id}/minutes`, { revision: 0, content: content() });
    expect(saved.status).toBe(200);
    minutes = saved.body;
    expect(minutes).toMatchObject({ version: 1, status: 'draft', revision: 1, abilities: { edit: true, circulate: true, approve: false } });
    expect(minutes.participants.map((p) => p.name).sort()).toEqual(['Leder, Tryghed og Kriminalitetsforebyggelse', 'Proaktiv kriminalpræventiv konsulent']);
    // Without a purpose, what was said on the closed item is left out, here too.
    expect(minutes.withheldItemIds).toEqual([item(meeting, 'closed').id]);
    expect(minutes.content.actionItems).toHaveLength(2);
    // The agenda stays as the minutes refer to it.
    expect((await leader.put(`/api/meetings/${meeting.id}/agenda`, { revision: 2, items: [] })).status).toBe(409);
  });

  it('circulates them, takes one approval from each participant and locks them with the last', async () => {
    const circulated = await leader.post<TMinutes>(`/api/meetings/${meeting.id}/minutes/circulate`, { revision: minutes.revision });
    expect(circulated.body.status).toBe('circulated');
    expect((await leader.put(`/api/meetings/${meeting.id}/minutes`, { revision: circulated.body.revision, content: content() })).status).toBe(409);
    // Absent, represented by a substitute, or not invited: none of them approves.
    expect((await centreChief.post(`/api/meetings/${meeting.id}/minutes/approve`)).status).toBe(403);
    expect((await streetWorker.post(`/api/meetings/${meeting.id}/minutes/approve`)).status).toBe(403);
    const first = await consultant.post<TMinutes>(`/api/meetings/${meeting.id}/minutes/approve`);
    expect(first.body).toMatchObject({ status: 'circulated', abilities: { approve: false } });
    expect((await consultant.post(`/api/meetings/${meeting.id}/minutes/approve`)).status).toBe(409);
    const last = await leader.post<TMinutes>(`/api/meetings/${meeting.id}/minutes/approve`);
    expect(last.body.status).toBe('approved');
    expect(last.body.lockedAt).not.toBeNull();
    expect(last.body.approvals).toHaveLength(2);
    const locked = await server.database.db.selectFrom('audit_entries').select('after').where('action', '=', 'meeting.minutes_locked').where('entity_id', '=', meeting.id).executeTakeFirstOrThrow();
    expect(locked.after).toMatchObject({ version: 1, actionItems: { started: 3, corrected: 0, cancelled: 0 } });
  });

  it('lists the open action items overdue first, confidential ones only to those who may open their item, and filters', async () => {
    const board = (await leader.get<TBoard>('/api/action-items')).body;
    expect(board.items.map((i) => [i.what, i.overdue, i.confidential])).toEqual([
      ['Fremlæg en plan for opfølgning', true, false],
      ['Aftal fælles gadeplansindsats', false, true],
      ['Formidl resultaterne til skolerne', false, false],
    ]);
    expect(board.items[0].owner.name).toBe('Leder');
    expect(board.items[2].owner.name).toBe('Proaktiv kriminalpræventiv konsulent');
    const street = (await streetWorker.get<TBoard>('/api/action-items')).body.items.map((i) => i.what);
    expect(street).toEqual(['Fremlæg en plan for opfølgning', 'Formidl resultaterne til skolerne']);
    expect((await partner.get<TBoard>('/api/action-items')).body.items).toEqual([]);
    const filtered = async (query: string) => (await leader.get<TBoard>(`/api/action-items?${query}`)).body.items.map((i) => i.what);
    expect(await filtered('level=executing')).toEqual(['Aftal fælles gadeplansindsats', 'Formidl resultaterne til skolerne']);
    expect(await filtered(`ownerUserId=${userIds.get('konsulent@trekant.test')}`)).toEqual(['Formidl resultaterne til skolerne']);
    expect(await filtered(`forumId=${forum('Lokalråd').id}&dueBy=2099-01-31`)).toEqual(['Fremlæg en plan for opfølgning', 'Aftal fælles gadeplansindsats']);
    const page = (await leader.get<TBoard>('/api/action-items?limit=2')).body;
    expect([page.items.length, page.hasMore]).toEqual([2, true]);
    expect((await leader.get('/api/action-items?limit=101')).status).toBe(422);
  });

  it('corrects approved minutes as version 2, keeping version 1, and carries the correction to the board', async () => {
    expect((await consultant.post(`/api/meetings/${meeting.id}/minutes/correct`)).status).toBe(403);
    const draft = await leader.post<TMinutes>(`/api/meetings/${meeting.id}/minutes/correct`);
    expect(draft.body).toMatchObject({ version: 2, status: 'draft' });
    const opened = (await leader.get<TMinutes>(`/api/meetings/${meeting.id}/minutes?purpose=${PURPOSE}`)).body;
    expect(opened.content.actionItems).toHaveLength(3);
    const [plan, schools] = opened.content.actionItems;
    const corrected = { ...opened.content, actionItems: [{ ...schools, what: 'Formidl resultaterne til skoler og klubber' }, opened.content.actionItems[2]] };
    const saved = await leader.put<TMinutes>(`/api/meetings/${meeting.id}/minutes`, { revision: draft.body.revision, content: corrected });
    expect(saved.status).toBe(200);
    await leader.post(`/api/meetings/${meeting.id}/minutes/circulate`, { revision: saved.body.revision });
    await consultant.post(`/api/meetings/${meeting.id}/minutes/approve`);
    const approved = await leader.post<TMinutes>(`/api/meetings/${meeting.id}/minutes/approve`);
    expect(approved.body.versions.map((v) => [v.version, v.status])).toEqual([
      [1, 'approved'],
      [2, 'approved'],
    ]);
    const first = (await leader.get<TMinutes>(`/api/meetings/${meeting.id}/minutes?version=1`)).body;
    expect(first.content.actionItems.map((a) => a.what)).toEqual(['Fremlæg en plan for opfølgning', 'Formidl resultaterne til skolerne']);
    const board = (await leader.get<TBoard>('/api/action-items')).body.items;
    expect(board.map((i) => i.what)).toEqual(['Aftal fælles gadeplansindsats', 'Formidl resultaterne til skoler og klubber']);
    expect(board.find((i) => i.id === plan.id)).toBeUndefined();
  });

  it('lets an action item’s owner move it on from the revision read, and no one else but organisers', async () => {
    const schools = (await consultant.get<TBoard>('/api/action-items')).body.items.find((i) => i.what.startsWith('Formidl'))!;
    const path = `/api/meetings/${meeting.id}/action-items/${schools.id}/status`;
    expect((await streetWorker.post(path, { revision: schools.revision, status: 'done' })).status).toBe(403);
    expect((await consultant.post(path, { revision: schools.revision - 1, status: 'done' })).status).toBe(409);
    const done = await consultant.post<{ status: string }>(path, { revision: schools.revision, status: 'done' });
    expect([done.status, done.body.status]).toEqual([200, 'done']);
    expect((await leader.get<TBoard>('/api/action-items')).body.items.map((i) => i.id)).not.toContain(schools.id);
  });
});

describe('other municipalities and the police district', () => {
  it('answers 404 to another municipality, in the district or outside it, and lists nothing of Ishøj’s', async () => {
    for (const outsider of [neighbour, faraway]) {
      expect((await outsider.get(`/api/meetings/${meeting.id}`)).status).toBe(404);
      expect((await outsider.get(`/api/meetings/${meeting.id}/minutes`)).status).toBe(404);
      expect((await outsider.get<TMeetingSummary[]>('/api/meetings')).body.map((m) => m.id)).not.toContain(meeting.id);
      expect((await outsider.get<TBoard>('/api/action-items')).body.items).toEqual([]);
    }
  });

  it('shows a meeting of a district forum to every municipality of the district, and to no other', async () => {
    const chefforum = forum('Chefforum');
    expect(chefforum.scope).toBe('police_district');
    const created = await leader.post<TMeetingDetail>('/api/meetings', { forumId: chefforum.id, title: 'Chefforum, vintermøde', startsAt: '2026-12-17T13:00:00+01:00' });
    expect(created.status).toBe(201);
    expect(created.body.scope).toBe('police_district');
    // The district's other municipalities' crime-prevention leaders sit in the Chefforum; only Ishøj's has a user here.
    expect(created.body.invitations.map((i) => i.name)).toContain('Leder, Tryghed og Kriminalitetsforebyggelse');
    const seen = await neighbour.get<TMeetingDetail>(`/api/meetings/${created.body.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ title: 'Chefforum, vintermøde', forum: { name: 'Chefforum' } });
    expect((await neighbour.get<TMeetingSummary[]>('/api/meetings')).body.map((m) => m.id)).toEqual([created.body.id]);
    expect((await faraway.get(`/api/meetings/${created.body.id}`)).status).toBe(404);
  });

  it('flags a forum that meets less often than its rule, and proposes the year’s dates', async () => {
    const rows = (await leader.get<TCadenceRow[]>('/api/meetings/cadence?year=2026')).body;
    const row = (name: string) => rows.find((r) => r.forumName === name)!;
    expect(row('Kredsråd')).toMatchObject({ cadence: 'quarterly', requiredPerYear: 4, meetingsInYear: 0, belowRule: true });
    expect(row('Kredsråd').proposedDates).toHaveLength(4);
    expect(row('Lokalråd')).toMatchObject({ cadence: null, meetingsInYear: 1, belowRule: false });
    expect(row('Chefforum').meetingsInYear).toBe(1);
    // A partner sees the cadence of the forums they sit in only.
    expect((await partner.get<TCadenceRow[]>('/api/meetings/cadence?year=2026')).body.map((r) => r.forumName).sort()).toEqual(['SSP-NU o18', 'SSP-NU u18', 'SSP-netværk']);
  });
});
