import { describe, expect, it } from 'vitest';
import type { TScenarioDocument } from '../../../contracts/scenarios.ts';
import { restructuringOf } from './scenarios.adopt.ts';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const staff = { pillarKey: 'p', level: 'general' as const, headcount: 1, hoursPerWeek: 37, fte: 1, annualCost: 550_000, analyst: false, caseCoordinator: false, party: 'municipality' as const };
const forum = { kind: 'other' as const, level: 'executing' as const, mandate: '', meetingsPerYear: 12, hoursPerMeeting: 2 };

/** Today: a unit under a centre, a consultant in it, a police officer outside; a municipal forum and the district's kredsråd. */
const today: TScenarioDocument = {
  inhabitants: 20_000,
  placement: { kind: 'other', text: '', layersToTopManagement: 1, centres: ['Center'] },
  pillars: [{ key: 'p', name: 'Proaktiv', levels: ['general'] }],
  units: [{ key: 'u1', name: 'Enheden', parentKey: null, sourceId: id(1) }],
  functions: [
    { key: 'f1', title: 'Konsulent', unitKey: 'u1', ...staff, sourceId: id(11) },
    { key: 'f2', title: 'Lokalbetjent', unitKey: null, ...staff, pillarKey: null, fte: 0, hoursPerWeek: null, party: 'police', sourceId: id(12) },
  ],
  forums: [
    { key: 'fo1', name: 'SSP-netværk', reportsTo: null, ...forum, members: [{ functionKey: 'f1', role: 'member' }, { functionKey: 'f2', role: 'member' }], sourceId: id(21) },
    { key: 'fo2', name: 'Kredsråd', reportsTo: null, ...forum, kind: 'kredsraad', level: 'strategic', meetingsPerYear: 4, members: [], sourceId: id(22) },
  ],
  efforts: [],
  assumptions: {},
};
const districtOwned = new Set([id(12), id(22)]);

describe('adopting: a scenario against today as a restructuring of the map', () => {
  it('changes nothing for today itself', () => {
    const { restructuring, errors } = restructuringOf(today, structuredClone(today), districtOwned);
    expect(errors).toEqual([]);
    expect(Object.values(restructuring).every((list) => list.length === 0)).toBe(true);
  });

  it('names only the fields that change, keeps a unit where it is, and creates what is new under its reference', () => {
    const scenario = structuredClone(today);
    scenario.units.push({ key: 'u2', name: 'Reaktiv søjle', parentKey: 'u1', sourceId: null });
    scenario.functions[0].hoursPerWeek = 30;
    scenario.functions.push({ key: 'n1', title: 'Sagskoordinator', unitKey: 'u2', ...staff, caseCoordinator: true, sourceId: null });
    scenario.forums[0].members.push({ functionKey: 'n1', role: 'member' });
    const { restructuring } = restructuringOf(today, scenario, districtOwned);
    expect(restructuring.newUnits).toEqual([{ ref: 'unit:u2', name: 'Reaktiv søjle', parent: { id: id(1) } }]);
    expect(restructuring.changedUnits).toEqual([]);
    expect(restructuring.changedFunctions).toEqual([{ id: id(11), changes: { hours: 30 } }]);
    expect(restructuring.newFunctions).toEqual([{ ref: 'function:n1', unit: { ref: 'unit:u2' }, title: 'Sagskoordinator', headcount: 1, hours: 37, fte: 1, triangleLevel: 'general' }]);
    expect(restructuring.members).toEqual([
      { forum: { id: id(21) }, members: [{ function: { id: id(11) }, role: 'member' }, { function: { id: id(12) }, role: 'member' }, { function: { ref: 'function:n1' }, role: 'member' }] },
    ]);
  });

  it("leaves the district's records as they are and ends only the municipality's staff", () => {
    const scenario = structuredClone(today);
    // The kredsråd left out, renamed police officer, the consultant gone: only the consultant ends.
    scenario.forums = scenario.forums.filter((f) => f.key !== 'fo2');
    scenario.functions[1].title = 'Politiet';
    scenario.functions = scenario.functions.filter((f) => f.key !== 'f1');
    scenario.forums[0].members = [{ functionKey: 'f2', role: 'chair' }];
    const { restructuring } = restructuringOf(today, scenario, districtOwned);
    expect(restructuring.endedForums).toEqual([]);
    expect(restructuring.changedFunctions).toEqual([]);
    expect(restructuring.endedFunctions).toEqual([id(11)]);
    expect(restructuring.members).toEqual([{ forum: { id: id(21) }, members: [{ function: { id: id(12) }, role: 'chair' }] }]);
  });

  it('refuses a new function without a unit, naming it', () => {
    const scenario = structuredClone(today);
    scenario.functions.push({ key: 'n2', title: 'Mentor', unitKey: null, ...staff, sourceId: null });
    expect(restructuringOf(today, scenario, districtOwned).errors).toEqual([{ field: 'document.functions.2.unitKey', message: 'problem.adopt_needs_unit' }]);
  });
});
