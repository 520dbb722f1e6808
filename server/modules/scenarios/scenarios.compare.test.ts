import { describe, expect, it } from 'vitest';
import type { TScenarioDocument } from '../../../contracts/scenarios.ts';
import { compareOne, compareScenarios } from './scenarios.compare.ts';
import { buildTemplate } from './scenarios.templates.ts';

/**
 * The comparison against figures worked out by hand from the memo's peers (leverance 2):
 * Albertslund, 27,500 inhabitants: 1 stabschef, 3 proactive, 7 operative (counted as 7 FTE),
 * 1 reactive. Høje-Taastrup, 50,000: 1 leader, 2 general, 5 targeted, 1 individual. Each at
 * its own size (scale 1), at the templates' assumed 550,000 kr. per FTE and no effort budgets.
 */
const albertslund = buildTemplate('albertslund', 27_500);
const hoejeTaastrup = buildTemplate('hoeje_taastrup', 50_000);

describe('compareOne: Albertslund against itself', () => {
  const result = compareOne({ id: null, title: 'Albertslund', document: albertslund }, albertslund);

  it('counts FTE and money in total and per 10,000 inhabitants', () => {
    // 1 + 3 + 7 + 1 = 12 FTE; 12 × 550,000 = 6,600,000 kr.
    // 12 / 27,500 × 10,000 = 4.3636… → 4.36; 6,600,000 / 2.75 = 2,400,000 kr.
    expect(result.total).toEqual({ fte: 12, cost: 6_600_000, ftePer10k: 4.36, costPer10k: 2_400_000 });
  });

  it('splits them per triangle level, the stabschef on no level', () => {
    // general 3 → 3 / 2.75 = 1.0909 → 1.09, 1,650,000 kr. → 600,000; targeted 7 → 2.5454 → 2.55,
    // 3,850,000 → 1,400,000; individual 1 → 0.3636 → 0.36, 550,000 → 200,000; none: the chief, the same.
    expect(result.perLevel).toEqual([
      { level: 'general', fte: 3, cost: 1_650_000, ftePer10k: 1.09, costPer10k: 600_000 },
      { level: 'targeted', fte: 7, cost: 3_850_000, ftePer10k: 2.55, costPer10k: 1_400_000 },
      { level: 'individual', fte: 1, cost: 550_000, ftePer10k: 0.36, costPer10k: 200_000 },
      { level: null, fte: 1, cost: 550_000, ftePer10k: 0.36, costPer10k: 200_000 },
    ]);
    expect(result.perPillar.map((p) => [p.key, p.fte])).toEqual([['primaer', 3], ['sekundaer', 7], ['tertiaer', 1], [null, 1]]);
  });

  it('reads anchoring, path and forum load', () => {
    // A staff unit under the top management: one anchoring, no layer between.
    expect([result.centres, result.layersToTopManagement]).toEqual([1, 0]);
    // SSP-netværk (executing) → Lokalråd: two forums.
    expect(result.pathToLokalraad).toEqual({ longest: 2, perForum: [{ key: 'ssp-netvaerk', name: 'Lokalmøder og SSP-netværk', forums: 2 }] });
    // Lokalråd 4 × 2 h = 8; network 10 × 1.5 h = 15; 23 h in all. The chief sits in the first, the proactive staff in the second.
    expect(result.forumLoad.forums).toBe(2);
    expect(result.forumLoad.meetingHoursPerYear).toBe(23);
    expect(result.forumLoad.perFunction).toEqual([
      { key: 'stabschef', title: 'Stabschef', forums: 1, meetingHoursPerYear: 8 },
      { key: 'proaktiv', title: 'Proaktiv medarbejder', forums: 1, meetingHoursPerYear: 15 },
      { key: 'operativ', title: 'Operativ medarbejder', forums: 0, meetingHoursPerYear: 0 },
      { key: 'reaktiv', title: 'Reaktiv medarbejder', forums: 0, meetingHoursPerYear: 0 },
    ]);
  });

  it('finds nothing changed from itself', () => {
    expect(result.costAgainstToday).toBe(0);
    expect(result.changesFromToday).toEqual({ functionsAdded: [], functionsRemoved: [], functionsMoved: [], forumsAdded: [], forumsClosed: [], forumsMerged: [], budgetDifference: 0 });
  });
});

describe('compareOne: Høje-Taastrup against Albertslund as today', () => {
  const result = compareOne({ id: 'ht', title: 'Høje-Taastrup', document: hoejeTaastrup }, albertslund);

  it('counts per 10,000 of its own inhabitants', () => {
    // 1 + 2 + 5 + 1 = 9 FTE, 4,950,000 kr.; 9 / 5 = 1.8 per 10,000, 4,950,000 / 5 = 990,000 kr.
    expect(result.total).toEqual({ fte: 9, cost: 4_950_000, ftePer10k: 1.8, costPer10k: 990_000 });
    // targeted 5 / 5 = 1.0 per 10,000, 2,750,000 / 5 = 550,000 kr.
    expect(result.perLevel.find((l) => l.level === 'targeted')).toEqual({ level: 'targeted', fte: 5, cost: 2_750_000, ftePer10k: 1, costPer10k: 550_000 });
  });

  it('costs less than today and names what changes', () => {
    // 4,950,000 − 6,600,000 = −1,650,000 kr.
    expect(result.costAgainstToday).toBe(-1_650_000);
    expect(result.changesFromToday.functionsAdded).toEqual(['Leder', 'Generelt forebyggende medarbejder', 'Medarbejder i den målrettede indsats', 'Medarbejder i den individrettede indsats']);
    expect(result.changesFromToday.functionsRemoved).toEqual(['Stabschef', 'Proaktiv medarbejder', 'Operativ medarbejder', 'Reaktiv medarbejder']);
    // The school's and the police's seats are the same and stay outside the unit.
    expect(result.changesFromToday.functionsMoved).toEqual([]);
    expect(result.changesFromToday.forumsAdded).toEqual(['Distriktsmøder', '§ 115-møder']);
    // Its proactive member is gone, so the network is closed, not merged.
    expect(result.changesFromToday.forumsClosed).toEqual(['Lokalmøder og SSP-netværk']);
  });

  it('covers adults through exit and every age of the target group', () => {
    // Bandeexit 18–99, the rest 6–25.
    expect(result.coverage).toEqual({ uncoveredAges: [], under18: true, over18: true, programmes: { gadeplan: false, god_loesladelse: false, exit: true, infohus: false } });
    // Distriktsmøder and § 115-møder each report straight to the Lokalråd: two forums.
    expect(result.pathToLokalraad.longest).toBe(2);
  });
});

describe('compareOne: moves, merges and gaps', () => {
  // Today: two executing forums under a coordination group that reports to nobody; no lokalråd.
  const today: TScenarioDocument = {
    inhabitants: 20_000,
    placement: { kind: 'other', text: '', layersToTopManagement: 2, centres: ['A', 'B'] },
    pillars: [{ key: 'p1', name: 'Proaktiv', levels: ['general'] }, { key: 'p2', name: 'Reaktiv', levels: ['individual'] }],
    units: [{ key: 'u', name: 'Enhed', parentKey: null, sourceId: null }],
    functions: [
      { key: 'a', title: 'Konsulent A', unitKey: 'u', pillarKey: 'p1', level: null, headcount: 1, hoursPerWeek: 37, fte: 1, annualCost: 500_000, analyst: false, caseCoordinator: false, party: 'municipality', sourceId: '00000000-0000-4000-8000-00000000000a' },
      { key: 'b', title: 'Betjent', unitKey: null, pillarKey: null, level: null, headcount: 1, hoursPerWeek: null, fte: 0, annualCost: 0, analyst: false, caseCoordinator: false, party: 'police', sourceId: '00000000-0000-4000-8000-00000000000b' },
    ],
    forums: [
      { key: 'k', name: 'Koordination', kind: 'other', level: 'coordinating', reportsTo: null, mandate: '', meetingsPerYear: 4, hoursPerMeeting: 2, members: [{ functionKey: 'a', role: 'chair' }], sourceId: null },
      { key: 'x', name: 'Netværk X', kind: 'other', level: 'executing', reportsTo: 'k', mandate: '', meetingsPerYear: 10, hoursPerMeeting: 1, members: [{ functionKey: 'a', role: 'member' }, { functionKey: 'b', role: 'member' }], sourceId: null },
      { key: 'y', name: 'Netværk Y', kind: 'other', level: 'executing', reportsTo: 'k', mandate: '', meetingsPerYear: 10, hoursPerMeeting: 1, members: [{ functionKey: 'b', role: 'member' }], sourceId: null },
    ],
    efforts: [{ key: 'e', title: 'Indsats', pillarKey: 'p1', level: null, ageMin: 10, ageMax: 17, programmes: ['gadeplan'], annualBudget: 100_000, sourceId: null }],
    assumptions: {},
  };
  // The scenario: the consultant moves to the reactive pillar (new keys, same live function), the
  // two networks become one, a lokalråd is added above the coordination group, the budget grows.
  const scenario: TScenarioDocument = {
    ...today,
    functions: [
      { ...today.functions[0], key: 'a2', pillarKey: 'p2' },
      { ...today.functions[1], key: 'b2' },
    ],
    forums: [
      { key: 'l', name: 'Lokalråd', kind: 'lokalraad', level: 'strategic', reportsTo: null, mandate: '', meetingsPerYear: 4, hoursPerMeeting: 2, members: [], sourceId: null },
      { ...today.forums[0], reportsTo: 'l', members: [{ functionKey: 'a2', role: 'chair' }] },
      { key: 'xy', name: 'Fælles netværk', kind: 'other', level: 'executing', reportsTo: 'k', mandate: '', meetingsPerYear: 12, hoursPerMeeting: 1.5, members: [{ functionKey: 'a2', role: 'member' }, { functionKey: 'b2', role: 'member' }], sourceId: null },
    ],
    efforts: [{ ...today.efforts[0], annualBudget: 150_000 }],
  };
  const result = compareOne({ id: 's', title: 'S', document: scenario }, today);

  it('follows a function by its live source across new keys, and a forum into the one that seats all its members', () => {
    expect(result.changesFromToday.functionsMoved).toEqual([{ title: 'Konsulent A', from: 'Enhed / Proaktiv', to: 'Enhed / Reaktiv' }]);
    expect(result.changesFromToday.functionsAdded).toEqual([]);
    expect(result.changesFromToday.forumsMerged).toEqual([
      { name: 'Netværk X', into: 'Fælles netværk' },
      { name: 'Netværk Y', into: 'Fælles netværk' },
    ]);
    expect(result.changesFromToday.forumsAdded).toEqual(['Lokalråd', 'Fælles netværk']);
    // 150,000 − 100,000 in the efforts' budgets; salaries unchanged.
    expect(result.changesFromToday.budgetDifference).toBe(50_000);
    expect(result.costAgainstToday).toBe(50_000);
  });

  it('counts the path up to the new lokalråd, and none today', () => {
    // Fælles netværk → Koordination → Lokalråd: three forums.
    expect(result.pathToLokalraad).toEqual({ longest: 3, perForum: [{ key: 'xy', name: 'Fælles netværk', forums: 3 }] });
    expect(compareOne({ id: null, title: 'I dag', document: today }, today).pathToLokalraad.longest).toBeNull();
  });

  it('names the ages of 6–25 no effort reaches', () => {
    // One effort for 10–17: 6–9 and 18–25 are open.
    expect(result.coverage.uncoveredAges).toEqual([6, 7, 8, 9, 18, 19, 20, 21, 22, 23, 24, 25]);
    expect([result.coverage.under18, result.coverage.over18]).toEqual([true, false]);
  });

  it('puts today first when asked, and compares each against it', () => {
    const side = compareScenarios([{ id: 's', title: 'S', document: scenario }], { id: null, title: 'I dag', document: today }, true);
    expect(side.map((s) => [s.id, s.costAgainstToday])).toEqual([[null, 0], ['s', 50_000]]);
  });
});
