import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TDistricts, TEffortDetail, TEffortInput, TEffortList, TPeer, TPeerComparison } from '../contracts/efforts.ts';
import type { TForum, TForumDetail, TOrganisationMap } from '../contracts/organisation.ts';
import { type ApiClient, type TestServer, startTestServer } from '../test/support/test-server.ts';
import { unscoped } from '../server/platform/db/data-scope.ts';

/**
 * The reference data against the memo of 27 March 2023: what the memo does not state carries an
 * "antaget" mark with its reason. The lists below are what the memo does state, quoted.
 */

// "Gadeplan: 4 gadeplansmedarbejdere"; "Den udgående indsats: 1 koordinator"; "koordinatoren
// varetager tilsynet med foreningen Ragnar": the memo names who carries these three.
const RESPONSIBLE_IN_MEMO = ['Gadeplan – opsøgende arbejde', 'Den udgående indsats', 'Tilsyn med foreningen Ragnar'];
// The memo's Infohus (PET, Kriminalforsorgen, antiradikaliseringsenheden, SIRI, politiet) and Ragnar.
const LINKS_IN_MEMO = ['Infohus – forebyggelse af ekstremisme og radikalisering', 'Tilsyn med foreningen Ragnar'];
// The memo's table of peers gives these populations; every other one is an estimate.
const INHABITANTS_IN_MEMO = ['Albertslund', 'Viborg', 'Høje-Taastrup'];

let server: TestServer;
let leader: ApiClient;
let efforts: TEffortDetail[];

beforeAll(async () => {
  server = await startTestServer();
  leader = await server.loginAs('leder@trekant.test');
  const list = (await leader.get<TEffortList>('/api/efforts')).body;
  efforts = await Promise.all(list.items.map(async (e) => (await leader.get<TEffortDetail>(`/api/efforts/${e.id}`)).body));
});
afterAll(() => server?.close());

describe('the reference data against the memo', () => {
  it('marks every field of the efforts that the memo does not state, with a reason that says so', () => {
    expect(efforts.length).toBeGreaterThanOrEqual(11);
    for (const effort of efforts) {
      const marked = Object.keys(effort.assumptions);
      const expected = [
        'age_min',
        'age_max',
        'risk_profile',
        ...(effort.legalBases.length > 0 ? ['legal_basis_ids'] : []),
        ...(effort.derivedGroups.length > 0 ? ['derived_groups'] : []),
        ...(RESPONSIBLE_IN_MEMO.includes(effort.title) ? [] : ['responsible_function_id']),
        ...(LINKS_IN_MEMO.includes(effort.title) || effort.forums.length === 0 ? [] : ['forum_ids']),
        ...(LINKS_IN_MEMO.includes(effort.title) || effort.partners.length === 0 ? [] : ['partner_organisation_ids']),
      ];
      expect(marked, effort.title).toEqual(expect.arrayContaining(expected));
      for (const reason of Object.values(effort.assumptions)) expect(reason, effort.title).toMatch(/[Nn]otatet/);
      // The memo rates no effort's evidence: none is shown as rated.
      expect(effort.evidenceRating, effort.title).toBe('unknown');
    }
    const meetings = efforts.filter((e) => e.title.startsWith('§115-møder'));
    expect(meetings).toHaveLength(2);
    for (const m of meetings) expect(m.assumptions.title).toContain('ikke §115-møderne som en selvstændig indsats');
    // Where the memo says part of the band, the mark says which part is assumed.
    expect(efforts.find((e) => e.title.startsWith('Gadeplan'))!.assumptions.age_min).toContain('under 18 år');
  });

  it("marks every forum's level and reporting line, and every legal basis the memo does not give", async () => {
    const forums = (await leader.get<TForum[]>('/api/forums')).body;
    expect(forums.length).toBeGreaterThanOrEqual(8);
    for (const { id } of forums) {
      const forum = (await leader.get<TForumDetail>(`/api/forums/${id}`)).body;
      expect(forum.assumptions.level, forum.name).toBeTruthy();
      if (forum.reportsToId) expect(forum.assumptions.reports_to_id, forum.name).toBeTruthy();
      if (forum.legalBasis.length > 0) expect(forum.assumptions.legal_basis, forum.name).toBeTruthy();
    }
  });

  it("marks the inhabitants of every municipality the memo gives no population, the unit leader's hours and a peer's estimated FTE", async () => {
    const municipalities = await unscoped('test: every municipality', () => server.database.db.selectFrom('municipalities').select(['name', 'inhabitants', 'assumptions']).execute());
    expect(municipalities.length).toBeGreaterThanOrEqual(11);
    for (const m of municipalities) {
      if (m.inhabitants === null) continue;
      if (INHABITANTS_IN_MEMO.includes(m.name)) expect(m.assumptions.inhabitants, m.name).toBeUndefined();
      else expect(m.assumptions.inhabitants, m.name).toMatch(/[Nn]otatet/);
    }

    const map = (await leader.get<TOrganisationMap>('/api/organisation-map')).body;
    const unit = map.organisations.find((o) => o.name === 'Tryghed og Kriminalitetsforebyggelse')!;
    const head = map.functions.find((f) => f.title === 'Leder' && f.organisationId === unit.id)!;
    expect(Object.keys(head.assumptions).sort()).toEqual(['fte', 'hours_max', 'hours_min']);
    // The memo gives the consultants as full time: their 37 hours are stated, not assumed.
    expect(map.functions.find((f) => f.title === 'Konsulent for proaktiv kriminalitetsforebyggelse')!.assumptions).toEqual({});

    const peers = (await leader.get<TPeerComparison>('/api/peer-comparison')).body.municipalities;
    const albertslund = (await leader.get<TPeer>(`/api/peers/${peers.find((m) => m.name === 'Albertslund')!.id}`)).body;
    const operative = albertslund.staff.find((s) => s.title.startsWith('Operativ'))!;
    // 4 full time and 3 on 27 of 37 hours: 4 + 3 × 27/37 = 6.19 ≈ 6.2 FTE, not 7.
    expect(operative).toMatchObject({ headcount: 7, fte: 6.2, assumed: expect.stringContaining('4 + 3 × 27/37') });
  });

  it('shows a peer as the memo describes it: placement, functions, partners under and over 18, and what it counts', async () => {
    const peers = (await leader.get<TPeerComparison>('/api/peer-comparison')).body.municipalities;
    const page = async (name: string) => (await leader.get<TPeer>(`/api/peers/${peers.find((m) => m.name === name)!.id}`)).body;

    const viborg = await page('Viborg');
    expect(viborg.placement).toContain('Ungdomsskole');
    expect(viborg.profile!.functions.map((f) => f.heading)).toContain('Retsplejelovens §115-møder');
    expect(viborg.profile!.data.join(' ')).toContain('fritidspas');
    expect(viborg.profile!.remarks.join(' ')).toContain('ikke særligt "datadrevne"');
    // The memo gives Viborg's staff no levels.
    expect(viborg.staff.every((s) => s.level === null)).toBe(true);

    const albertslund = await page('Albertslund');
    expect(albertslund.profile).toMatchObject({ partnersUnder18: expect.arrayContaining(['Familieafsnit']), partnersOver18: expect.arrayContaining(['Jobcenter']) });
    expect(albertslund.profile!.assumptions.partners).toContain('læst ud fra dens placering');
    const hoejeTaastrup = await page('Høje-Taastrup');
    expect(hoejeTaastrup.profile!.partnersUnder18).toEqual(['BURC', 'PPR', 'Politiet', 'Kriminalforsorgen']);

    // Only reference municipalities have a page: the user's own and an unknown id are 404.
    const own = peers.find((m) => m.own)!;
    expect((await leader.get(`/api/peers/${own.id}`)).status).toBe(404);
    expect((await leader.get('/api/peers/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('drops the mark of a field someone settles and keeps the others: an effort, the districts', async () => {
    const effort = efforts.find((e) => e.title === 'SSP-koordinering')!;
    const input: TEffortInput = {
      title: effort.title,
      description: effort.description,
      level: effort.level,
      inScope: effort.inScope,
      ownerOrganisationId: effort.owner!.id,
      responsibleFunctionId: effort.responsibleFunction?.id ?? null,
      partnerOrganisationIds: effort.partners.map((p) => p.id),
      forumIds: effort.forums.map((f) => f.id),
      ageMin: effort.ageMin,
      ageMax: effort.ageMax,
      riskProfile: 'early_concern',
      derivedGroups: effort.derivedGroups,
      districts: effort.districts,
      legalBasisIds: effort.legalBases.map((l) => l.id),
      periodStart: effort.periodStart,
      periodEnd: effort.periodEnd,
      evidenceRating: effort.evidenceRating,
      evidenceDocumentation: effort.evidenceDocumentation,
    };
    const updated = (await leader.put<TEffortDetail>(`/api/efforts/${effort.id}`, input)).body;
    expect(updated.assumptions.risk_profile).toBeUndefined();
    expect(Object.keys(updated.assumptions).sort()).toEqual(Object.keys(effort.assumptions).filter((k) => k !== 'risk_profile').sort());

    const before = (await leader.get<TDistricts>('/api/settings/districts')).body;
    expect(before.assumed).toContain('Notatet nævner ingen bydele');
    // Keeping the same six districts is a decision too: the list is the municipality's from then on.
    const administrator = await server.loginAs('administrator@trekant.test');
    const set = (await administrator.put<TDistricts>('/api/settings/districts', { districts: before.districts })).body;
    expect(set.assumed).toBeNull();
    expect((await leader.get<TDistricts>('/api/settings/districts')).body).toEqual({ districts: before.districts, assumed: null });
  });
});
