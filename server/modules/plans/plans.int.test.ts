import JSZip from 'jszip';
import { extractText } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TEffortDetail, TEffortList } from '../../../contracts/efforts.ts';
import type { TForum, TForumDetail, TOrganisation } from '../../../contracts/organisation.ts';
import type { TOutboxMessage, TPlanDetail, TPlanDiff, TPlanEffort, TPlanSummary, TPlanVersion } from '../../../contracts/plans.ts';
import { ISHOJ_EFFORTS } from '../../../seeds/efforts-ishoj.ts';
import { createMunicipality, createPoliceDistrict, createUser } from '../../../seeds/factories.ts';
import { danishToday } from '../../platform/danish-time.ts';
import { formatDkk } from '../../platform/danish-format.ts';
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

const currentPlan = async (client: ApiClient) => {
  const plans = (await client.get<TPlanSummary[]>('/api/plans')).body;
  const summary = plans.find((p) => p.year === YEAR)!;
  return (await client.get<TPlanDetail>(`/api/plans/${summary.id}`)).body;
};
const titles = (plan: { content: TPlanDetail['content'] }) => plan.content.efforts.flatMap((l) => l.efforts.map((e) => e.title)).sort();
const effortId = async (title: string) => (await leader.get<TEffortList>(`/api/efforts?text=${encodeURIComponent(title)}`)).body.items.find((e) => e.title === title)!.id;
const publicPage = () => fetch(`${server.url}/offentlig/183/handlingsplan`);

describe('the reference plan', () => {
  it('is Ishøj’s plan for this year, approved by the Lokalråd’s voting members with a login and published', async () => {
    const plan = await currentPlan(consultant);
    expect(plan).toMatchObject({ status: 'published', version: 1, publishedVersion: 1, outOfDate: false, approvalRule: 'all', approvingForum: { name: 'Lokalråd' } });
    // The demo users hold the functions their names say; the consultant's seat advises (no right to approve).
    expect(plan.approvers.map((a) => [a.name, a.functionTitle, a.approved])).toEqual([
      ['Centerchef, CBF', 'Centerchef', true],
      ['Centerchef, CKF', 'Centerchef', true],
      ['Leder, Tryghed og Kriminalitetsforebyggelse', 'Leder', true],
    ]);
    expect(titles(plan)).toEqual(ISHOJ_EFFORTS.map((e) => e.title).sort());
    expect(plan.content.efforts.map((l) => l.label)).toEqual(['Opbyggende', 'Forebyggende', 'Kriminalitetsforebyggende']);
    expect(plan.content.organisation.find((l) => l.level === 'executing')!.forums.map((f) => f.name)).toContain('SSP-NU u18');
  });

  it('reads without login on the public page, rendered on the server', async () => {
    const response = await publicPage();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.headers.get('set-cookie')).toBeNull();
    const html = await response.text();
    for (const effort of ISHOJ_EFFORTS) expect(html).toContain(effort.title.replace(/&/g, '&amp;'));
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('@trekant.test');
    expect((await fetch(`${server.url}/offentlig/999/handlingsplan`)).status).toBe(404);
    expect((await fetch(`${server.url}/offentlig/abc/handlingsplan`)).status).toBe(404);
  });
});

describe('the plan stays true', () => {
  it('shows "out of date" with the exact changes, and is revised, approved by the voting members and published', async () => {
    const plan = await currentPlan(leader);
    // A paused effort leaves the plan; a new one enters it.
    const ragnar = await effortId('Tilsyn med foreningen Ragnar');
    expect((await leader.post(`/api/efforts/${ragnar}/status`, { status: 'paused', reason: 'Foreningen har indstillet aktiviteterne' })).status).toBe(200);
    const unit = (await leader.get<TOrganisation[]>('/api/organisations')).body.find((o) => o.name === 'Gadeplan')!;
    const created = (await leader.post<TEffortDetail>('/api/efforts', { title: 'Tryghedsvandringer', level: 'general', ownerOrganisationId: unit.id, periodStart: `${YEAR}-06-01`, status: 'active' })).body;

    const stale = (await leader.get<TPlanDetail>(`/api/plans/${plan.id}`)).body;
    expect(stale.outOfDate).toBe(true);
    expect(stale.changesSinceApproval?.efforts.removed).toEqual([{ id: ragnar, title: 'Tilsyn med foreningen Ragnar', status: 'paused' }]);
    expect(stale.changesSinceApproval?.efforts.added).toEqual([{ id: created.id, title: 'Tryghedsvandringer' }]);
    expect(stale.abilities.revise).toBe(true);
    expect((await leader.get<TPlanSummary[]>('/api/plans')).body.find((p) => p.id === plan.id)?.outOfDate).toBe(true);

    // Revise: a new draft from the approved text, on live data.
    const draft = (await consultant.post<TPlanDetail>(`/api/plans/${plan.id}/revise`)).body;
    expect(draft).toMatchObject({ version: 2, status: 'draft', abilities: { edit: true, submit: true } });
    expect(titles(draft)).not.toContain('Tilsyn med foreningen Ragnar');
    expect(titles(draft)).toContain('Tryghedsvandringer');
    const sections = { ...draft.content.sections, strategy: '<h2>Strategi</h2><p onclick="x()">Vi <b>samarbejder</b><script>alert(1)</script> <a href="javascript:alert(1)">her</a></p>' };
    const written = (await consultant.put<TPlanDetail>(`/api/plans/${plan.id}/sections`, sections)).body;
    expect(written.content.sections.strategy).toBe('<h2>Strategi</h2><p>Vi <strong>samarbejder</strong> <a>her</a></p>');

    // Submit: content freezes, every voting member gets an e-mail.
    const submitted = (await consultant.post<TPlanDetail>(`/api/plans/${plan.id}/submit`)).body;
    expect(submitted.status).toBe('submitted');
    const outbox = (await admin.get<TOutboxMessage[]>('/api/outbox')).body;
    expect(outbox.filter((m) => m.subject === `Handlingsplan ${YEAR} (version 2) til godkendelse`).map((m) => m.to).sort()).toEqual(['centerchef@trekant.test', 'leder@trekant.test', 'styregruppe@trekant.test']);
    expect(outbox[0].body).toContain(`/handlingsplan/${plan.id}`);
    expect(outbox[0].sentAt).toBeNull();

    // Only voting members decide; an administrator outside the forum cannot, a consultant in it lacks the right.
    expect((await admin.post(`/api/plans/${plan.id}/decisions`, { decision: 'approve' })).status).toBe(403);
    expect((await consultant.post(`/api/plans/${plan.id}/decisions`, { decision: 'approve' })).status).toBe(403);
    expect((await centreChief.post(`/api/plans/${plan.id}/decisions`, { decision: 'comment' })).status).toBe(422);
    const first = (await steering.post<TPlanDetail>(`/api/plans/${plan.id}/decisions`, { decision: 'approve' })).body;
    expect(first.status).toBe('submitted');
    // Having approved, a voter may still comment, not approve again.
    expect(first.abilities).toMatchObject({ decide: false, comment: true });
    expect((await steering.post(`/api/plans/${plan.id}/decisions`, { decision: 'approve' })).status).toBe(409);
    await centreChief.post(`/api/plans/${plan.id}/decisions`, { decision: 'comment', comment: 'Husk sommerferieaktiviteterne næste år' });
    expect((await centreChief.post<TPlanDetail>(`/api/plans/${plan.id}/decisions`, { decision: 'approve' })).body.status).toBe('submitted');
    const approved = (await leader.post<TPlanDetail>(`/api/plans/${plan.id}/decisions`, { decision: 'approve' })).body;
    expect(approved.status).toBe('approved');
    expect(approved.decisions.map((d) => [d.userName, d.decision])).toEqual([
      ['Centerchef, CBF', 'approve'],
      ['Centerchef, CKF', 'comment'],
      ['Centerchef, CKF', 'approve'],
      ['Leder, Tryghed og Kriminalitetsforebyggelse', 'approve'],
    ]);
    expect((await consultant.post(`/api/plans/${plan.id}/publish`)).status).toBe(403);
    const published = (await leader.post<TPlanDetail>(`/api/plans/${plan.id}/publish`)).body;
    expect(published).toMatchObject({ status: 'published', publishedVersion: 2, outOfDate: false, changesSinceApproval: null });

    const html = await (await publicPage()).text();
    expect(html).toContain('Tryghedsvandringer');
    expect(html).not.toContain('Tilsyn med foreningen Ragnar');

    // Every approved version is kept; the diff names what changed.
    const v1 = (await leader.get<TPlanVersion>(`/api/plans/${plan.id}/versions/1`)).body;
    expect(v1.content.efforts.flatMap((l) => l.efforts.map((e) => e.title))).toContain('Tilsyn med foreningen Ragnar');
    const diff = (await leader.get<TPlanDiff>(`/api/plans/${plan.id}/diff?from=1&to=2`)).body;
    expect(diff.sections.map((c) => c.section)).toEqual(['strategy']);
    expect(diff.efforts.added.map((e) => e.title)).toEqual(['Tryghedsvandringer']);
    expect(diff.efforts.removed).toEqual([{ id: ragnar, title: 'Tilsyn med foreningen Ragnar', status: 'paused' }]);
    expect((await leader.get(`/api/plans/${plan.id}/diff?from=1&to=9`)).status).toBe(422);

    const audit = await server.database.db.selectFrom('audit_log').select('action').where('entity_id', '=', plan.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['plan.published', 'plan.revised', 'plan.sections_changed', 'plan.submitted', 'plan.decided', 'plan.decided', 'plan.decided', 'plan.approved', 'plan.decided', 'plan.published']);
  });

  it('refuses steps out of order and counts only approvals since the latest submission', async () => {
    const created = await leader.post<TPlanDetail>('/api/plans', { year: YEAR + 1 });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect((await leader.post('/api/plans', { year: YEAR + 1 })).status).toBe(409);
    expect((await leader.post(`/api/plans/${id}/publish`)).status).toBe(409);
    expect((await steering.post(`/api/plans/${id}/decisions`, { decision: 'approve' })).status).toBe(409);
    await leader.post(`/api/plans/${id}/submit`);
    await steering.post(`/api/plans/${id}/decisions`, { decision: 'approve' });
    const withdrawn = (await leader.post<TPlanDetail>(`/api/plans/${id}/withdraw`)).body;
    expect(withdrawn.status).toBe('draft');
    const again = (await leader.post<TPlanDetail>(`/api/plans/${id}/submit`)).body;
    expect(again.approvers.every((a) => !a.approved)).toBe(true);
    expect((await leader.put(`/api/plans/${id}/sections`, again.content.sections)).status).toBe(409);
  });

  it('exports a version as DOCX and PDF holding the plan', async () => {
    const plan = await currentPlan(consultant);
    const cookie = `trekant_session=${consultant.sessionCookie}`;
    const docx = await fetch(`${server.url}/api/plans/${plan.id}/versions/1/plan.docx`, { headers: { cookie } });
    expect(docx.status).toBe(200);
    const zip = await JSZip.loadAsync(Buffer.from(await docx.arrayBuffer()));
    const document = await zip.file('word/document.xml')!.async('string');
    expect(document).toContain('SSP-koordinering');
    const pdf = await fetch(`${server.url}/api/plans/${plan.id}/versions/1/plan.pdf`, { headers: { cookie } });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const { text } = await extractText(new Uint8Array(await pdf.arrayBuffer()), { mergePages: true });
    for (const effort of ISHOJ_EFFORTS) expect(text.replace(/\s+/g, ' ')).toContain(effort.title);
    expect((await fetch(`${server.url}/api/plans/${plan.id}/versions/99/plan.pdf`, { headers: { cookie } })).status).toBe(404);
  });
});

describe('reminders and access', () => {
  it('reminds leaders and consultants once when an approved plan is eleven months old', async () => {
    const plan = await currentPlan(leader);
    await server.database.db.updateTable('action_plan_versions').set({ approved_at: new Date(Date.now() - 340 * 24 * 3600 * 1000) }).where('plan_id', '=', plan.id).execute();
    expect(await server.services.plans.remindRevisions()).toBe(1);
    expect(await server.services.plans.remindRevisions()).toBe(0);
    const reminders = (await admin.get<TOutboxMessage[]>('/api/outbox')).body.filter((m) => m.subject.startsWith('Tid til at revidere'));
    expect(reminders.map((m) => m.to).sort()).toEqual(['konsulent@trekant.test', 'leder@trekant.test']);
    // The job is audited as the system (no user), in the plan's municipality (#9.16).
    const audit = await server.database.db.selectFrom('audit_entries').select(['actor_user_id', 'municipality_id', 'after']).where('action', '=', 'plan.revision_reminded').execute();
    const ishoj = await server.database.db.selectFrom('municipalities').select('id').where('code', '=', 183).executeTakeFirstOrThrow();
    expect(audit).toEqual([{ actor_user_id: null, municipality_id: ishoj.id, after: { version: plan.version, recipients: 2 } }]);
    expect((await leader.get('/api/outbox')).status).toBe(403);
  });

  it('hides another municipality’s plans', async () => {
    const districtId = await createPoliceDistrict(server.database.db, 'Planernes politikreds');
    const municipalityId = await createMunicipality(server.database.db, { code: 903, name: 'Planløs', policeDistrictId: districtId });
    await createUser(server.database.db, { email: 'leder@903.test', name: 'Leder', password: 'leder-pass-903', roles: ['leader'], municipalityId });
    const other = await server.loginAs('leder@903.test', 'leder-pass-903');
    const plan = await currentPlan(leader);
    expect((await other.get(`/api/plans/${plan.id}`)).status).toBe(404);
    expect((await other.post(`/api/plans/${plan.id}/revise`)).status).toBe(404);
    expect((await other.get<TPlanSummary[]>('/api/plans')).body).toEqual([]);
    // Without a forum with voting members, a draft cannot be submitted.
    const own = (await other.post<TPlanDetail>('/api/plans', { year: YEAR })).body;
    expect(own.abilities.submit).toBe(false);
    expect((await other.post(`/api/plans/${own.id}/submit`)).status).toBe(422);
    expect((await fetch(`${server.url}/offentlig/903/handlingsplan`)).status).toBe(404);
  });
});

const forumNamed = async (name: string) => {
  const forums = (await leader.get<TForum[]>('/api/forums')).body;
  return (await leader.get<TForumDetail>(`/api/forums/${forums.find((f) => f.name === name)!.id}`)).body;
};
const withEtag = (etag: string) => fetch(`${server.url}/offentlig/183/handlingsplan`, { headers: { 'if-none-match': etag } });
/** A real (not demo) amount set on one effort before the revision is submitted. */
const REAL_BUDGET = 123_456;
const REAL_EFFORT = 'SSP-koordinering';

describe('a revision under approval (#9.4, #9.3) and the public page after publishing (#9.1)', () => {
  it('shows a draft and a submitted version what they change, never "out of date"; names forums, members and words', async () => {
    const plan = await currentPlan(leader);
    expect(plan).toMatchObject({ status: 'published', outOfDate: false, revises: null });
    const before = await publicPage();
    const oldEtag = before.headers.get('etag')!;
    expect(oldEtag).toMatch(/^"[\w-]+"$/);
    expect(before.headers.get('cache-control')).toBe('public, no-cache');
    expect((await withEtag(oldEtag)).status).toBe(304);

    // The organisation changes: one member leaves SSP-NU u18, one changes role, one joins.
    const forum = await forumNamed('SSP-NU u18');
    const [leaving, promoted] = forum.members.filter((m) => m.role === 'member');
    const other = await forumNamed('Lokalråd');
    const joining = other.members.find((m) => !forum.members.some((f) => f.functionId === m.functionId))!;
    expect((await leader.delete(`/api/forums/${forum.id}/members/${leaving.id}`)).status).toBe(200);
    expect((await leader.patch(`/api/forums/${forum.id}/members/${promoted.id}`, { role: 'chair' })).status).toBe(200);
    expect((await leader.post(`/api/forums/${forum.id}/members`, { functionId: joining.functionId, role: 'observer' })).status).toBe(201);
    const memberChanges = {
      added: [{ functionTitle: joining.functionTitle, organisationName: joining.organisationName, role: 'observer' }],
      removed: [{ functionTitle: leaving.functionTitle, organisationName: leaving.organisationName, role: 'member' }],
      roleChanged: [{ functionTitle: promoted.functionTitle, organisationName: promoted.organisationName, from: 'member', to: 'chair' }],
    };
    const stale = (await leader.get<TPlanDetail>(`/api/plans/${plan.id}`)).body;
    expect(stale.outOfDate).toBe(true);
    expect(stale.changesSinceApproval?.organisation.changed).toEqual([{ id: forum.id, name: 'SSP-NU u18', level: forum.level, renamedFrom: null, levelFrom: null, purposeChanged: false, members: memberChanges }]);

    // A revision is a draft that revises version 2: what it changes, and the plan is not "out of date".
    const draft = (await leader.post<TPlanDetail>(`/api/plans/${plan.id}/revise`)).body;
    expect(draft).toMatchObject({ version: 3, status: 'draft', approvedVersion: 2, outOfDate: false, changesSinceApproval: null, revises: { version: 2 } });
    expect(draft.revises?.changes.organisation.changed[0].members).toEqual(memberChanges);
    const strategy = draft.content.sections.strategy;
    const rewritten = (await leader.put<TPlanDetail>(`/api/plans/${plan.id}/sections`, { ...draft.content.sections, strategy: `${strategy}<p>Vi mødes med klubberne hver måned.</p>` })).body;
    const text = rewritten.revises!.changes.sections.find((c) => c.section === 'strategy')!.changes;
    expect(text.filter((c) => c.kind === 'inserted').map((c) => c.text).join('')).toContain('Vi mødes med klubberne hver måned.');
    expect(text.filter((c) => c.kind === 'deleted')).toEqual([]);

    // A real amount for one effort before submitting, so the frozen version holds one.
    const real = await effortId(REAL_EFFORT);
    expect((await leader.put(`/api/efforts/${real}/economy/${YEAR}`, { lines: [{ kind: 'activities', budget: REAL_BUDGET }], hours: [] })).status).toBe(200);

    const submitted = (await leader.post<TPlanDetail>(`/api/plans/${plan.id}/submit`)).body;
    expect(submitted).toMatchObject({ status: 'submitted', outOfDate: false, changesSinceApproval: null, revises: { version: 2 } });
    expect(submitted.revises?.changes.organisation.changed[0].members).toEqual(memberChanges);
    expect(submitted.revises?.changes.efforts.changed.find((e) => e.id === real)?.fields).toContain('budget');
    const listed = (await steering.get<TPlanSummary[]>('/api/plans')).body.find((p) => p.id === plan.id);
    expect(listed).toMatchObject({ version: 3, status: 'submitted', approvedVersion: 2, publishedVersion: 2, outOfDate: false });

    // Approved and published: a visitor holding the old page's validator gets version 3 at once.
    // The three voters: both centre chiefs and the unit's leader (each holds a voting seat).
    for (const voter of [steering, centreChief, leader]) await voter.post(`/api/plans/${plan.id}/decisions`, { decision: 'approve' });
    expect((await leader.post<TPlanDetail>(`/api/plans/${plan.id}/publish`)).body).toMatchObject({ status: 'published', publishedVersion: 3, outOfDate: false, revises: null });
    const fresh = await withEtag(oldEtag);
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('cache-control')).toBe('public, no-cache');
    expect(await fresh.text()).toContain('Version 3');
    const newEtag = fresh.headers.get('etag')!;
    expect(newEtag).not.toBe(oldEtag);
    expect((await withEtag(newEtag)).status).toBe(304);
    expect((await withEtag(`W/"other", ${newEtag}`)).status).toBe(304);
  });
});

describe('amounts by role (#10.10, #9.11)', () => {
  const ROLES = [
    ['administrator@trekant.test', true],
    ['leder@trekant.test', true],
    ['konsulent@trekant.test', true],
    ['analytiker@trekant.test', true],
    ['styregruppe@trekant.test', true],
    ['gadeplan@trekant.test', false],
    ['partner@trekant.test', false],
  ] as const;
  const budgets = (content: TPlanDetail['content']) => new Map(content.efforts.flatMap((l) => l.efforts.map((e) => [e.title, e.budget] as const)));
  const documentText = async (client: ApiClient, path: string) => {
    const response = await fetch(`${server.url}${path}`, { headers: { cookie: `trekant_session=${client.sessionCookie}` } });
    expect(response.status, path).toBe(200);
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (path.endsWith('.pdf')) return (await extractText(bytes, { mergePages: true })).text.replace(/\s+/g, ' ');
    return (await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, ' ');
  };

  let planId: string;
  let demoAmount: TPlanEffort;
  beforeAll(async () => {
    const plan = await currentPlan(leader);
    expect(plan).toMatchObject({ status: 'published', version: 3 });
    planId = plan.id;
    // A new draft (version 4) beside the published version 3, which holds one real amount among demo ones.
    expect((await leader.post(`/api/plans/${plan.id}/revise`)).status).toBe(200);
    const published = (await admin.get<TPlanVersion>(`/api/plans/${plan.id}/versions/3`)).body;
    demoAmount = published.content.efforts.flatMap((l) => l.efforts).find((e) => e.demo && e.budget !== null)!;
    expect(budgets(published.content).get(REAL_EFFORT)).toBe(REAL_BUDGET);
  });

  // Each role reads the plan, both versions, the diff and both documents of both versions.
  it.each(ROLES)('%s: money only with economy.read, or in the published form (no demo amounts)', { timeout: 120_000 }, async (email, economy) => {
    const plan = { id: planId };
    const client = await server.loginAs(email);
    expect((await client.get('/api/economy')).status, email).toBe(economy ? 200 : 403);
    const draft = (await client.get<TPlanDetail>(`/api/plans/${plan.id}`)).body;
    const v3 = (await client.get<TPlanVersion>(`/api/plans/${plan.id}/versions/3`)).body;
    const v4 = (await client.get<TPlanVersion>(`/api/plans/${plan.id}/versions/4`)).body;
    const diff = await client.get(`/api/plans/${plan.id}/diff?from=3&to=4`);
    const [docx4, pdf4, docx3, pdf3] = await Promise.all([
      documentText(client, `/api/plans/${plan.id}/versions/4/plan.docx`),
      documentText(client, `/api/plans/${plan.id}/versions/4/plan.pdf`),
      documentText(client, `/api/plans/${plan.id}/versions/3/plan.docx`),
      documentText(client, `/api/plans/${plan.id}/versions/3/plan.pdf`),
    ]);
    expect(JSON.stringify(diff.body), email).not.toContain(String(REAL_BUDGET));
    if (economy) {
      expect([draft.money, v3.money, v4.money], email).toEqual(['all', 'all', 'all']);
      expect(budgets(draft.content).get(REAL_EFFORT), email).toBe(REAL_BUDGET);
      expect(budgets(v3.content).get(demoAmount.title), email).toBe(demoAmount.budget);
      for (const text of [docx4, pdf4, docx3, pdf3]) expect(text, email).toContain('123.456 kr.');
      return;
    }
    // The draft: no amount at all. The published version: its real amounts, never a demo one.
    expect([draft.money, v3.money, v4.money], email).toEqual(['none', 'published', 'none']);
    expect([...budgets(draft.content).values()].every((b) => b === null), email).toBe(true);
    expect([...budgets(v4.content).values()].every((b) => b === null), email).toBe(true);
    expect(budgets(v3.content).get(REAL_EFFORT), email).toBe(REAL_BUDGET);
    expect(budgets(v3.content).get(demoAmount.title), email).toBeNull();
    for (const text of [docx4, pdf4]) {
      expect(text, email).not.toContain(' kr.');
      expect(text, email).toContain('vises kun for dem, der har adgang til økonomien');
    }
    for (const text of [docx3, pdf3]) {
      expect(text, email).toContain('123.456 kr.');
      expect(text, email).not.toContain('(demo)');
      expect(text, email).toContain('endnu ikke offentliggjort');
    }
  });

  it('shows the public the published form too', async () => {
    const html = await (await publicPage()).text();
    expect(html).toContain('123.456 kr.');
    expect(html).not.toContain('(demo)');
    expect(html).not.toContain(formatDkk(demoAmount.budget!));
  });
});
