import JSZip from 'jszip';
import { extractText } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TEffortDetail, TEffortList } from '../../../contracts/efforts.ts';
import type { TOrganisation } from '../../../contracts/organisation.ts';
import type { TOutboxMessage, TPlanDetail, TPlanDiff, TPlanSummary, TPlanVersion } from '../../../contracts/plans.ts';
import { ISHOJ_EFFORTS } from '../../../seeds/efforts-ishoj.ts';
import { createMunicipality, createPoliceDistrict, createUser } from '../../../seeds/factories.ts';
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
    expect(diff.sections).toEqual(['strategy']);
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
