import JSZip from 'jszip';
import { extractText } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TOrganisationMap, TForum, TForumDetail } from '../../../contracts/organisation.ts';
import type { TPlanSummary } from '../../../contracts/plans.ts';
import type { TScenarioComparison, TScenarioDetail, TScenarioDocument, TScenarioUpdate } from '../../../contracts/scenarios.ts';
import { formatNumber } from '../../platform/danish-format.ts';
import { danishToday, startOfDanishDay } from '../../platform/danish-time.ts';
import { type ApiClient, type TestServer, startTestServer } from '../../../test/support/test-server.ts';

let server: TestServer;
let leader: ApiClient;
let consultant: ApiClient;
const TODAY = danishToday();
const YESTERDAY = new Date(startOfDanishDay(TODAY).getTime() - 12 * 3_600_000).toISOString().slice(0, 10);

beforeAll(async () => {
  server = await startTestServer();
  [leader, consultant] = await Promise.all(['leder@trekant.test', 'konsulent@trekant.test'].map((e) => server.loginAs(e)));
});
afterAll(() => server?.close());

const create = async (client: ApiClient, title: string, from: object) => {
  const created = await client.post<TScenarioDetail>('/api/scenarios', { title, from });
  expect(created.status).toBe(201);
  return created.body;
};
const save = async (client: ApiClient, scenario: TScenarioDetail, change: Partial<TScenarioUpdate>) => {
  const saved = await client.put<TScenarioDetail>(`/api/scenarios/${scenario.id}`, { revision: scenario.revision, title: scenario.title, description: scenario.description, document: scenario.document, assessment: scenario.assessment, ...change });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  return saved.body;
};
const share = async (scenario: TScenarioDetail) => {
  await leader.post(`/api/scenarios/${scenario.id}/share`, { sharing: 'working_group' });
  return (await leader.post<TScenarioDetail>(`/api/scenarios/${scenario.id}/share`, { sharing: 'steering' })).body;
};

/** Every paragraph's text of a DOCX, in order. */
async function docxText(buffer: Buffer): Promise<string> {
  const xml = await (await JSZip.loadAsync(buffer)).file('word/document.xml')!.async('string');
  return xml
    .split('</w:p>')
    .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .join('\n')
    .replace(/&amp;/g, '&');
}

describe('the recommendation to the steering group', () => {
  let threePillars: TScenarioDetail;
  let integrated: TScenarioDetail;
  beforeAll(async () => {
    const fromToday = await create(leader, 'Tre søjler', { kind: 'today', asOf: TODAY });
    threePillars = await save(leader, fromToday, {
      description: 'Én enhed i tre søjler med analytiker.',
      assessment: { criteria: { anchoring: { weight: 5, rationale: 'Ét center og ét ledelseslag færre.' } } },
    });
    integrated = await create(leader, 'Integreret', { kind: 'template', key: 'integrated' });
  });

  it('is an Arbejdsnotat with each scenario, its diagram, the comparison, the consequences, the assessment and the recommendation, as DOCX and PDF', async () => {
    const query = `ids=${threePillars.id},${integrated.id}&withToday=true&recommended=${threePillars.id}`;
    const comparison = (await leader.get<TScenarioComparison>(`/api/scenarios/compare?ids=${threePillars.id},${integrated.id}&withToday=true`)).body.scenarios;
    // Files are read as bytes, with the session's cookie.
    const download = (path: string) => fetch(`${server.url}${path}`, { headers: { cookie: `trekant_session=${leader.sessionCookie}` } });
    const docx = await download(`/api/scenarios/recommendation.docx?${query}`);
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const text = await docxText(Buffer.from(await docx.arrayBuffer()));
    for (const expected of ['Arbejdsnotat: organisering af tryghed og kriminalitetsforebyggelse', 'Til styregruppen', 'Anbefalet scenarie: Tre søjler', 'Scenarierne', 'Tre søjler (anbefales)', 'Integreret', 'Diagram: søjler og funktioner (årsværk)', 'Sammenligning', 'Konsekvenser i forhold til i dag', 'Vurdering', 'Ét center og ét ledelseslag færre.', 'Anbefaling']) {
      expect(text, expected).toContain(expected);
    }
    expect(text).toContain('Arbejdsgruppen anbefaler, at styregruppen indstiller scenariet »Tre søjler« til udvalget og byrådet.');
    // The comparison's figures are the compare endpoint's, in Danish: the integrated template's FTE in all.
    const integratedFigures = comparison.find((c) => c.id === integrated.id)!;
    expect(text).toContain(formatNumber(integratedFigures.total.fte, 1, 2));
    // Each pillar of the scenario heads a column of its diagram.
    for (const pillar of threePillars.document.pillars) expect(text).toContain(pillar.name);

    const pdf = await download(`/api/scenarios/recommendation.pdf?${query}`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const pages = (await extractText(new Uint8Array(await pdf.arrayBuffer()), { mergePages: true })).text.replace(/\s+/g, ' ');
    expect(pages).toContain('Arbejdsnotat');
    expect(pages).toContain('Tre søjler (anbefales)');
  });

  it('refuses a recommended scenario that is not compared, and one the reader may not see', async () => {
    const refused = await leader.get(`/api/scenarios/recommendation.docx?ids=${threePillars.id},${integrated.id}&recommended=00000000-0000-4000-8000-000000000001`);
    expect(refused.status).toBe(422);
    expect((refused.body as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual(['recommended']);
    // The leader's drafts are private: to the consultant they do not exist.
    expect((await consultant.get(`/api/scenarios/recommendation.pdf?ids=${threePillars.id},${integrated.id}&recommended=${threePillars.id}`)).status).toBe(404);
  });
});

describe('adopting a scenario', () => {
  const unitKey = (doc: TScenarioDocument, name: string) => doc.units.find((u) => u.name === name)!.key;
  const fn = (doc: TScenarioDocument, title: string) => doc.functions.find((f) => f.title === title)!;

  it('applies it to the live map from a date: the map before the date is as it was, after it as decided; the plan goes out of date', async () => {
    const draft = await create(leader, 'Samlet enhed', { kind: 'today', asOf: TODAY });
    const doc = structuredClone(draft.document);
    const unit = unitKey(doc, 'Tryghed og Kriminalitetsforebyggelse');
    // The outgoing effort's coordinator moves into the unit; the street workers go full time.
    Object.assign(fn(doc, 'Koordinator for den udgående indsats'), { unitKey: unit });
    Object.assign(fn(doc, 'Gadeplansmedarbejder'), { hoursPerWeek: 37, fte: 4 });
    doc.functions.push({ key: 'ny-analytiker', title: 'Analytiker', unitKey: unit, pillarKey: 'general', level: 'general', headcount: 1, hoursPerWeek: 37, fte: 1, annualCost: 550_000, analyst: true, caseCoordinator: false, party: 'municipality', sourceId: null });
    const coordination = doc.forums.find((f) => f.name === 'Koordinationsgruppen')!;
    doc.forums.push({
      key: 'sagsforum', name: 'Sagskoordinering', kind: 'other', level: 'executing', reportsTo: coordination.key, mandate: 'Koordinerer enkeltsager på tværs af SSP, KSP og PSP.', meetingsPerYear: 12, hoursPerMeeting: 1.5,
      members: [{ functionKey: 'ny-analytiker', role: 'member' }, { functionKey: fn(doc, 'Konsulent for reaktiv kriminalitetsforebyggelse').key, role: 'chair' }, { functionKey: fn(doc, 'Lokalbetjent').key, role: 'member' }], sourceId: null,
    });
    const network = doc.forums.find((f) => f.name === 'SSP-netværk')!;
    network.members = network.members.filter((m) => m.functionKey !== fn(doc, 'Gadeplansmedarbejder').key);
    let scenario = await save(leader, draft, { document: doc });

    // Only a draft before the steering group is adopted, by someone who edits the map.
    expect(scenario.abilities.adopt).toBe(false);
    expect((await leader.post(`/api/scenarios/${scenario.id}/adopt`, { revision: scenario.revision, effectiveFrom: TODAY })).status).toBe(403);
    scenario = await share(scenario);
    expect(scenario.abilities.adopt).toBe(true);
    expect((await consultant.post(`/api/scenarios/${scenario.id}/adopt`, { revision: scenario.revision, effectiveFrom: TODAY })).status).toBe(403);
    expect((await leader.post(`/api/scenarios/${scenario.id}/adopt`, { revision: scenario.revision - 1, effectiveFrom: TODAY })).status).toBe(409);
    const future = await leader.post(`/api/scenarios/${scenario.id}/adopt`, { revision: scenario.revision, effectiveFrom: '2999-01-01' });
    expect(future.status).toBe(422);
    expect((future.body as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual(['effectiveFrom']);

    const adopted = await leader.post<TScenarioDetail>(`/api/scenarios/${scenario.id}/adopt`, { revision: scenario.revision, effectiveFrom: TODAY });
    expect(adopted.status).toBe(200);
    expect(adopted.body).toMatchObject({ status: 'adopted', adoptedFrom: TODAY, abilities: { edit: false, adopt: false } });
    // Adopted is final: neither changed nor adopted again.
    expect((await leader.post(`/api/scenarios/${scenario.id}/adopt`, { revision: adopted.body.revision, effectiveFrom: TODAY })).status).toBe(409);

    const mapAt = async (asOf: string | null) => (await leader.get<TOrganisationMap>(`/api/organisation-map${asOf ? `?asOf=${asOf}` : ''}`)).body;
    const [before, after] = [await mapAt(YESTERDAY), await mapAt(null)];
    const orgName = (map: TOrganisationMap, title: string) => map.organisations.find((o) => o.id === map.functions.find((f) => f.title === title)?.organisationId)?.name;
    expect(orgName(before, 'Koordinator for den udgående indsats')).toBe('Den udgående indsats');
    expect(orgName(after, 'Koordinator for den udgående indsats')).toBe('Tryghed og Kriminalitetsforebyggelse');
    expect(before.functions.some((f) => f.title === 'Analytiker')).toBe(false);
    expect(after.functions.find((f) => f.title === 'Analytiker')).toMatchObject({ fte: 1, triangleLevel: 'general', hoursMin: 37 });
    expect(after.functions.find((f) => f.title === 'Gadeplansmedarbejder')).toMatchObject({ hoursMin: 37, hoursMax: 37, fte: 4 });

    const forums = (await leader.get<TForum[]>('/api/forums')).body;
    const created = (await leader.get<TForumDetail>(`/api/forums/${forums.find((f) => f.name === 'Sagskoordinering')!.id}`)).body;
    expect(created).toMatchObject({ level: 'executing', cadence: 'monthly', reportsToId: forums.find((f) => f.name === 'Koordinationsgruppen')!.id });
    expect(created.members.map((m) => [m.functionTitle, m.role]).sort()).toEqual([['Analytiker', 'member'], ['Konsulent for reaktiv kriminalitetsforebyggelse', 'chair'], ['Lokalbetjent', 'member']]);
    const networkNow = (await leader.get<TForumDetail>(`/api/forums/${forums.find((f) => f.name === 'SSP-netværk')!.id}`)).body;
    expect(networkNow.members.some((m) => m.functionTitle === 'Gadeplansmedarbejder')).toBe(false);

    // The plan approved before reads the live map: it now says what changed.
    const plans = (await leader.get<TPlanSummary[]>('/api/plans')).body;
    expect(plans.find((p) => p.approvedVersion !== null)?.outOfDate).toBe(true);

    const audit = await server.database.db.selectFrom('audit_entries').select(['action', 'after']).where('entity_id', '=', scenario.id).where('action', '=', 'scenario.adopted').execute();
    expect(audit).toEqual([{ action: 'scenario.adopted', after: { status: 'adopted', effectiveFrom: TODAY, units: 0, functions: 3, forums: 1, members: 4 } }]);
  });

  it('drops the assumed mark of a field it changes and keeps the others, as a change by hand does', async () => {
    const draft = await create(leader, 'Leder på deltid', { kind: 'today', asOf: TODAY });
    const doc = structuredClone(draft.document);
    const head = doc.functions.find((f) => f.title === 'Leder' && f.unitKey === unitKey(doc, 'Tryghed og Kriminalitetsforebyggelse'))!;
    head.hoursPerWeek = 30;
    const scenario = await share(await save(leader, draft, { document: doc }));
    expect((await leader.post(`/api/scenarios/${scenario.id}/adopt`, { revision: scenario.revision, effectiveFrom: TODAY })).status).toBe(200);
    const map = (await leader.get<TOrganisationMap>('/api/organisation-map')).body;
    const live = map.functions.find((f) => f.id === head.sourceId)!;
    expect(live).toMatchObject({ hoursMin: 30, hoursMax: 30 });
    // The memo gives no hours for the leader: the hours are the municipality's now; the FTE is still assumed.
    expect(Object.keys(live.assumptions)).toEqual(['fte']);
  });

  it('refuses to end a function that efforts point at, and changes nothing', async () => {
    const draft = await create(leader, 'Uden reaktiv konsulent', { kind: 'today', asOf: TODAY });
    const doc = structuredClone(draft.document);
    const reactive = fn(doc, 'Konsulent for reaktiv kriminalitetsforebyggelse').key;
    doc.functions = doc.functions.filter((f) => f.key !== reactive);
    for (const forum of doc.forums) forum.members = forum.members.filter((m) => m.functionKey !== reactive);
    const scenario = await share(await save(leader, draft, { document: doc }));
    const refused = await leader.post(`/api/scenarios/${scenario.id}/adopt`, { revision: scenario.revision, effectiveFrom: TODAY });
    expect(refused.status).toBe(409);
    expect((refused.body as { type: string }).type).toContain('referenced-by-efforts');
    expect((await leader.get<TScenarioDetail>(`/api/scenarios/${scenario.id}`)).body.status).toBe('draft');
    expect((await leader.get<TOrganisationMap>('/api/organisation-map')).body.functions.some((f) => f.title === 'Konsulent for reaktiv kriminalitetsforebyggelse')).toBe(true);
  });

  it('refuses a new function without a unit, naming it', async () => {
    const draft = await create(leader, 'Løs funktion', { kind: 'today', asOf: TODAY });
    const doc = structuredClone(draft.document);
    doc.functions.push({ key: 'los', title: 'Mentor', unitKey: null, pillarKey: null, level: 'targeted', headcount: 1, hoursPerWeek: 20, fte: 0.54, annualCost: 0, analyst: false, caseCoordinator: false, party: 'municipality', sourceId: null });
    const scenario = await share(await save(leader, draft, { document: doc }));
    const refused = await leader.post(`/api/scenarios/${scenario.id}/adopt`, { revision: scenario.revision, effectiveFrom: TODAY });
    expect(refused.status).toBe(422);
    expect((refused.body as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual([`document.functions.${doc.functions.length - 1}.unitKey`]);
  });
});
