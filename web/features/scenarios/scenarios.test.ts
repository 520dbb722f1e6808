import { describe, expect, it } from 'vitest';
import { ZScenarioDocument, type TScenarioDocument } from '../../../contracts/scenarios.ts';
import { scenarioWarnings } from '../../../server/modules/scenarios/scenarios.warnings.ts';
import { addFunction, addPillar, assumption, byPillar, moveToPillar, removeFunction, removePillar, toggleMember } from './document.ts';
import { fieldForPath, readSelection, recommendationUrl, writeSelection } from './labels.ts';

const fn = (key: string, pillarKey: string | null, extra: Partial<TScenarioDocument['functions'][number]> = {}) => ({
  key,
  title: key.toUpperCase(),
  unitKey: 'u1',
  pillarKey,
  level: null,
  headcount: 1,
  hoursPerWeek: 37,
  fte: 1,
  annualCost: 500_000,
  analyst: false,
  caseCoordinator: false,
  party: 'municipality' as const,
  sourceId: null,
  ...extra,
});

const doc: TScenarioDocument = {
  inhabitants: 23_500,
  placement: { kind: 'staff_unit', text: '', layersToTopManagement: 0, centres: ['Center for Børn og Familier'] },
  pillars: [
    { key: 'proaktiv', name: 'Proaktiv', levels: ['general'] },
    { key: 'operativ', name: 'Operativ', levels: ['targeted'] },
  ],
  units: [{ key: 'u1', name: 'Tryghed og Kriminalitetsforebyggelse', parentKey: null, sourceId: null }],
  functions: [fn('f1', 'proaktiv', { analyst: true }), fn('f2', 'operativ'), fn('f3', null, { unitKey: null })],
  forums: [
    { key: 'fo1', name: 'Lokalråd', kind: 'lokalraad', level: 'strategic', reportsTo: null, mandate: '', meetingsPerYear: 4, hoursPerMeeting: 2, members: [{ functionKey: 'f1', role: 'chair' }, { functionKey: 'f3', role: 'member' }], sourceId: null },
  ],
  efforts: [{ key: 'e1', title: 'Gadeplan', pillarKey: 'operativ', level: 'targeted', ageMin: 12, ageMax: 25, programmes: ['gadeplan'], annualBudget: 0, sourceId: null }],
  assumptions: { 'functions.f2.fte': 'Antaget fuld tid', 'functions.f2': 'Ikke i notatet', 'pillars.operativ': 'Antaget' },
};

describe('editing a scenario document', () => {
  it('moves a function and an effort to another pillar, or out of every pillar, and the groups follow', () => {
    const moved = moveToPillar(moveToPillar(doc, 'functions', 'f1', 'operativ'), 'efforts', 'e1', 'proaktiv');
    expect(byPillar(moved, moved.functions.filter((f) => f.unitKey !== null)).map((g) => [g.pillar?.key, g.items.map((i) => i.key)])).toEqual([
      ['proaktiv', []],
      ['operativ', ['f1', 'f2']],
    ]);
    expect(byPillar(moved, moved.efforts).map((g) => [g.pillar?.key, g.items.map((i) => i.key)])).toEqual([
      ['proaktiv', ['e1']],
      ['operativ', []],
    ]);
    const loose = moveToPillar(doc, 'functions', 'f2', null);
    expect(byPillar(loose, loose.functions.filter((f) => f.unitKey !== null)).at(-1)).toEqual({ pillar: null, items: [loose.functions[1]] });
    // The document it started from is left as it was (the editor keeps it to compare).
    expect(doc.functions[0].pillarKey).toBe('proaktiv');
  });

  it('removes a pillar, leaving its staff and efforts without a place, which the warnings name', () => {
    const removed = removePillar(doc, 'operativ');
    expect(removed.pillars.map((p) => p.key)).toEqual(['proaktiv']);
    expect(removed.functions.find((f) => f.key === 'f2')?.pillarKey).toBeNull();
    expect(removed.efforts[0].pillarKey).toBeNull();
    expect(removed.assumptions['pillars.operativ']).toBeUndefined();
    expect(ZScenarioDocument.safeParse(removed).success).toBe(true);
    expect(scenarioWarnings(removed).map((w) => w.code)).toEqual(expect.arrayContaining(['function_without_pillar', 'effort_without_pillar']));
  });

  it('adds pillars and functions under fresh keys, and a removed function leaves its forums and assumptions', () => {
    const { doc: withPillar, key: pillar } = addPillar(doc, 'Reaktiv');
    expect(pillar).toBe('p3');
    const { doc: withFn, key } = addFunction(withPillar, pillar, 'Sagskoordinator');
    expect(key).toBe('nf4');
    expect(withFn.functions.at(-1)).toMatchObject({ key: 'nf4', title: 'Sagskoordinator', pillarKey: 'p3', unitKey: 'u1', fte: 1 });
    expect(ZScenarioDocument.safeParse(withFn).success).toBe(true);

    const without = removeFunction(doc, 'f1');
    expect(without.forums[0].members).toEqual([{ functionKey: 'f3', role: 'member' }]);
    expect(ZScenarioDocument.safeParse(without).success).toBe(true);
    expect(Object.keys(removeFunction(doc, 'f2').assumptions)).toEqual(['pillars.operativ']);
  });

  it('seats a function in a forum as a member, and takes it out again', () => {
    const seated = toggleMember(doc, 'fo1', 'f2');
    expect(seated.forums[0].members.at(-1)).toEqual({ functionKey: 'f2', role: 'member' });
    expect(toggleMember(seated, 'fo1', 'f2').forums[0].members).toEqual(doc.forums[0].members);
  });

  it("finds why a value is assumed: the value's own reason first, then the item's", () => {
    expect(assumption(doc, 'functions.f2.fte', 'functions.f2')).toBe('Antaget fuld tid');
    expect(assumption(doc, 'functions.f2.annualCost', 'functions.f2')).toBe('Ikke i notatet');
    expect(assumption(doc, 'functions.f1.fte')).toBeUndefined();
  });
});

describe('scenario addresses and errors', () => {
  it("maps a 422's path in the document sent to the editor's field, named by the item's key", () => {
    expect(fieldForPath('document.forums[0].members[1].functionKey', doc)).toBe('forums-fo1-members');
    expect(fieldForPath('document.functions[1].fte', doc)).toBe('functions-f2-fte');
    expect(fieldForPath('document.functions[2]', doc)).toBe('functions-f3-title');
    expect(fieldForPath('document.pillars[1].key', doc)).toBe('pillars-operativ-key');
    expect(fieldForPath('document.placement.centres[0]', doc)).toBe('placement-centres');
    expect(fieldForPath('assessment.criteria.cost.rationale', doc)).toBe('criterion-cost-rationale');
    expect(fieldForPath('title', doc)).toBe('scenario-title');
    // A path no field shows, or an index past the end, is named in the summary instead.
    expect(fieldForPath('document', doc)).toBeNull();
    expect(fieldForPath('document.functions[9].fte', doc)).toBeNull();
  });

  it('keeps the comparison in the URL: at most four distinct ids, today, and a recommendation among them', () => {
    const a = '11111111-1111-4111-8111-111111111111';
    const b = '22222222-2222-4222-8222-222222222222';
    const selection = readSelection(new URLSearchParams(`ids=${a},${b},${a}&idag=1&anbefalet=${b}`));
    expect(selection).toEqual({ ids: [a, b], withToday: true, recommended: b });
    expect(readSelection(new URLSearchParams(`ids=${a}&anbefalet=${b}`)).recommended).toBeNull();
    expect(readSelection(new URLSearchParams(writeSelection(selection).toString()))).toEqual(selection);
    expect(readSelection(new URLSearchParams('ids=a,b,c,d,e')).ids).toEqual(['a', 'b', 'c', 'd']);
    expect(recommendationUrl({ ...selection, recommended: b }, 'pdf')).toBe(`/api/scenarios/recommendation.pdf?ids=${a}%2C${b}&withToday=true&recommended=${b}`);
  });
});
