import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TEffortDetail, TEffortList } from '../../../contracts/efforts.ts';
import type { TForum, TForumDetail, TOrganisation } from '../../../contracts/organisation.ts';
import { type ApiClient, type TestServer, startTestServer } from '../../../test/support/test-server.ts';

let server: TestServer;
let leader: ApiClient;

beforeAll(async () => {
  server = await startTestServer();
  leader = await server.loginAs('leder@trekant.test');
});
afterAll(() => server?.close());

describe('assumed reference data', () => {
  it('marks what the memo does not state as assumed, with the reason, instead of prose in the description', async () => {
    const organisations = (await leader.get<TOrganisation[]>('/api/organisations')).body;
    const byName = (name: string) => organisations.find((o) => o.name === name)!;
    expect(byName('Center for Børn og Familier')).toMatchObject({ description: null, assumptions: { name: expect.stringContaining('antaget') } });
    expect(byName('CBE')).toMatchObject({ description: null, assumptions: { name: 'Centrets fulde navn står ikke i notatet.' } });
    expect(byName('Tryghed og Kriminalitetsforebyggelse').assumptions).toEqual({});
    expect(organisations.some((o) => o.description?.includes('notatet'))).toBe(false);

    const forums = (await leader.get<TForum[]>('/api/forums')).body;
    const kredsraad = (await leader.get<TForumDetail>(`/api/forums/${forums.find((f) => f.name === 'Kredsråd')!.id}`)).body;
    expect(Object.keys(kredsraad.assumptions).sort()).toEqual(['cadence', 'legal_basis', 'level']);
    expect(kredsraad.assumptions.legal_basis).toContain('retsplejeloven § 111');
    expect(kredsraad.legalBasis).toEqual(['Retsplejeloven § 111']);

    const list = (await leader.get<TEffortList>('/api/efforts?text=SSP-koordinering')).body;
    const effort = (await leader.get<TEffortDetail>(`/api/efforts/${list.items[0].id}`)).body;
    expect(effort.goals[0]).toMatchObject({ description: null, assumptions: { title: expect.stringContaining('Eksempel på mål') } });
  });

  it('drops the mark of a field someone changes, and keeps the others', async () => {
    const cbf = (await leader.get<TOrganisation[]>('/api/organisations')).body.find((o) => o.name === 'Center for Børn og Familier')!;
    const { id, assumptions: _a, abilities: _b, ...input } = cbf;
    const sameName = await leader.put<TOrganisation>(`/api/organisations/${id}`, { ...input, description: 'Børn, unge og familier' });
    expect(Object.keys(sameName.body.assumptions)).toEqual(['name']);
    const renamed = await leader.put<TOrganisation>(`/api/organisations/${id}`, { ...input, name: 'Center for Børn, Unge og Familier' });
    expect(renamed.body.assumptions).toEqual({});
    // The history keeps that the first version's name was assumed.
    const asOf = (await leader.get<TOrganisation[]>('/api/organisations?asOf=2024-01-01')).body.find((o) => o.id === id)!;
    expect(Object.keys(asOf.assumptions)).toEqual(['name']);

    const effortId = (await leader.get<TEffortList>('/api/efforts?text=SSP-koordinering')).body.items[0].id;
    const goal = (await leader.get<TEffortDetail>(`/api/efforts/${effortId}`)).body.goals[0];
    const described = (await leader.put<TEffortDetail>(`/api/efforts/${effortId}/goals/${goal.id}`, { title: goal.title, description: 'Aftalt i SSP-styregruppen' })).body;
    expect(Object.keys(described.goals[0].assumptions)).toEqual(['title']);
    const own = (await leader.put<TEffortDetail>(`/api/efforts/${effortId}/goals/${goal.id}`, { title: 'Alle skoler har et SSP-netværk, der mødes mindst to gange om året' })).body;
    expect(own.goals[0].assumptions).toEqual({});
  });

  it('keeps the marks through an import that changes other fields', async () => {
    const csv = (await leader.get('/api/organisation/export.csv?sheet=organisations')).text.replace(/^\uFEFF/, '');
    // CBE's description changes in the file; its name, assumed, stays as it was.
    const changed = csv.replace(/^(CBE;[^\r\n]*?;)(ja|nej);;/m, '$1$2;Beskæftigelse og uddannelse;');
    expect(changed).not.toBe(csv);
    const imported = await leader.request('POST', '/api/organisation/import?sheet=organisations', { body: changed, headers: { 'content-type': 'text/csv' } });
    expect(imported.status).toBe(201);
    const cbe = (await leader.get<TOrganisation[]>('/api/organisations')).body.find((o) => o.name === 'CBE')!;
    expect(cbe).toMatchObject({ description: 'Beskæftigelse og uddannelse', assumptions: { name: 'Centrets fulde navn står ikke i notatet.' } });
  });
});
