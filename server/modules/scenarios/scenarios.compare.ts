import { TRIANGLE_LEVELS, type TTriangleLevel } from '../../../contracts/organisation.ts';
import { PROGRAMMES, type TComparedScenario, type TScenarioDocument, type TScenarioForum, type TScenarioFunction } from '../../../contracts/scenarios.ts';
import { isStaff, levelOf, scenarioWarnings } from './scenarios.warnings.ts';

/** The memo's target group: school age to 25. */
export const TARGET_AGES = { from: 6, to: 25 } as const;

export interface ComparedInput {
  /** Null for today's map. */
  id: string | null;
  title: string;
  document: TScenarioDocument;
}

const round = (n: number, decimals: number) => Math.round(n * 10 ** decimals) / 10 ** decimals;

function amount(fte: number, cost: number, inhabitants: number) {
  return { fte: round(fte, 2), cost: round(cost, 0), ftePer10k: round((fte / inhabitants) * 10_000, 2), costPer10k: round((cost / inhabitants) * 10_000, 0) };
}

/** Staff FTE and money (salaries and efforts' budgets) grouped by a key of each function and effort. */
function sumBy<K>(doc: TScenarioDocument, keyOf: (item: { level: TTriangleLevel | null; pillarKey: string | null }) => K) {
  const sums = new Map<K, { fte: number; cost: number }>();
  const at = (key: K) => sums.get(key) ?? sums.set(key, { fte: 0, cost: 0 }).get(key)!;
  for (const f of doc.functions) {
    const s = at(keyOf(f));
    s.fte += f.fte;
    s.cost += f.annualCost;
  }
  for (const e of doc.efforts) at(keyOf(e)).cost += e.annualBudget;
  return sums;
}

/** The forums from an executing forum up its reporting line to the lokalråd, both counted; null when it never arrives. */
function forumsToLokalraad(start: TScenarioForum, byKey: ReadonlyMap<string, TScenarioForum>): number | null {
  let at: TScenarioForum | undefined = start;
  // The contract refuses cycles; the bound keeps a bad stored document from looping.
  for (let count = 1; at && count <= byKey.size; count++) {
    if (at.kind === 'lokalraad') return count;
    at = at.reportsTo === null ? undefined : byKey.get(at.reportsTo);
  }
  return null;
}

const identity = (item: { key: string; sourceId: string | null }) => item.sourceId ?? item.key;

/** Where a function sits, as the working group reads it: its unit and its pillar, by name. */
function placeOf(f: TScenarioFunction, doc: TScenarioDocument): string | null {
  const unit = doc.units.find((u) => u.key === f.unitKey)?.name;
  const pillar = doc.pillars.find((p) => p.key === f.pillarKey)?.name;
  return [unit, pillar].filter(Boolean).join(' / ') || null;
}

/**
 * What changed from today: functions and forums are the same when they share a live source id
 * (a scenario copied from today keeps them), else the same key. A forum that is gone is merged
 * when every one of its members sits together in one forum of the scenario, else closed.
 */
function changesFrom(today: TScenarioDocument, doc: TScenarioDocument): TComparedScenario['changesFromToday'] {
  const before = new Map(today.functions.map((f) => [identity(f), f]));
  const after = new Map(doc.functions.map((f) => [identity(f), f]));
  const functionsMoved: TComparedScenario['changesFromToday']['functionsMoved'] = [];
  for (const [id, f] of after) {
    const old = before.get(id);
    if (!old) continue;
    const from = placeOf(old, today);
    const to = placeOf(f, doc);
    if (from !== to) functionsMoved.push({ title: f.title, from, to });
  }
  const forumsNow = new Set(doc.forums.map(identity));
  const forumsThen = new Set(today.forums.map(identity));
  // Today's function keys as the scenario names them, to find where a closed forum's members went.
  const scenarioKeyOf = new Map(today.functions.map((f) => [f.key, after.get(identity(f))?.key]));
  const forumsMerged: { name: string; into: string }[] = [];
  const forumsClosed: string[] = [];
  for (const forum of today.forums.filter((f) => !forumsNow.has(identity(f)))) {
    const members = forum.members.map((m) => scenarioKeyOf.get(m.functionKey));
    const into = members.length > 0 && members.every(Boolean) ? doc.forums.find((candidate) => members.every((key) => candidate.members.some((m) => m.functionKey === key))) : undefined;
    if (into) forumsMerged.push({ name: forum.name, into: into.name });
    else forumsClosed.push(forum.name);
  }
  const budget = (d: TScenarioDocument) => d.efforts.reduce((sum, e) => sum + e.annualBudget, 0);
  return {
    functionsAdded: doc.functions.filter((f) => !before.has(identity(f))).map((f) => f.title),
    functionsRemoved: today.functions.filter((f) => !after.has(identity(f))).map((f) => f.title),
    functionsMoved,
    forumsAdded: doc.forums.filter((f) => !forumsThen.has(identity(f))).map((f) => f.name),
    forumsClosed,
    forumsMerged,
    budgetDifference: round(budget(doc) - budget(today), 0),
  };
}

/** One scenario on the memo's criteria, against today's map. */
export function compareOne(input: ComparedInput, today: TScenarioDocument): TComparedScenario {
  const doc = input.document;
  const perLevelSums = sumBy(doc, (item) => levelOf(item, doc));
  const perPillarSums = sumBy(doc, (item) => item.pillarKey);
  const total = [...perLevelSums.values()].reduce((t, s) => ({ fte: t.fte + s.fte, cost: t.cost + s.cost }), { fte: 0, cost: 0 });
  const todayCost = today.functions.reduce((sum, f) => sum + f.annualCost, 0) + today.efforts.reduce((sum, e) => sum + e.annualBudget, 0);

  const covers = (age: number) => doc.efforts.some((e) => e.ageMin <= age && age <= e.ageMax);
  const ages = Array.from({ length: TARGET_AGES.to - TARGET_AGES.from + 1 }, (_, i) => TARGET_AGES.from + i);

  const byKey = new Map(doc.forums.map((f) => [f.key, f]));
  const perForum = doc.forums.filter((f) => f.level === 'executing').map((f) => ({ key: f.key, name: f.name, forums: forumsToLokalraad(f, byKey) }));
  const reached = perForum.flatMap((p) => (p.forums === null ? [] : [p.forums]));

  const hoursOf = (f: TScenarioForum) => f.meetingsPerYear * f.hoursPerMeeting;
  const seats = new Map<string, { forums: number; hours: number }>();
  for (const forum of doc.forums) {
    for (const m of forum.members) {
      const seat = seats.get(m.functionKey) ?? seats.set(m.functionKey, { forums: 0, hours: 0 }).get(m.functionKey)!;
      seat.forums += 1;
      seat.hours += hoursOf(forum);
    }
  }
  const perFunction = doc.functions.filter(isStaff).map((fn) => {
    const seat = seats.get(fn.key) ?? { forums: 0, hours: 0 };
    return { key: fn.key, title: fn.title, forums: seat.forums, meetingHoursPerYear: round(seat.hours, 1) };
  });

  return {
    id: input.id,
    title: input.title,
    inhabitants: doc.inhabitants,
    centres: doc.placement.centres.length,
    layersToTopManagement: doc.placement.layersToTopManagement,
    total: amount(total.fte, total.cost, doc.inhabitants),
    perLevel: [...TRIANGLE_LEVELS, null]
      .filter((level) => level !== null || perLevelSums.has(null))
      .map((level) => {
        const s = perLevelSums.get(level) ?? { fte: 0, cost: 0 };
        return { level, ...amount(s.fte, s.cost, doc.inhabitants) };
      }),
    perPillar: [...doc.pillars.map((p) => ({ key: p.key as string | null, name: p.name })), ...(perPillarSums.has(null) ? [{ key: null, name: '' }] : [])].map((p) => {
      const s = perPillarSums.get(p.key) ?? { fte: 0, cost: 0 };
      return { ...p, ...amount(s.fte, s.cost, doc.inhabitants) };
    }),
    coverage: {
      uncoveredAges: ages.filter((age) => !covers(age)),
      under18: doc.efforts.some((e) => e.ageMin < 18),
      over18: doc.efforts.some((e) => e.ageMax >= 18),
      programmes: Object.fromEntries(PROGRAMMES.map((p) => [p, doc.efforts.some((e) => e.programmes.includes(p))])) as TComparedScenario['coverage']['programmes'],
    },
    pathToLokalraad: { longest: reached.length ? Math.max(...reached) : null, perForum },
    forumLoad: { forums: doc.forums.length, meetingHoursPerYear: round(doc.forums.reduce((sum, f) => sum + hoursOf(f), 0), 1), perFunction },
    costAgainstToday: round(total.cost - todayCost, 0),
    changesFromToday: changesFrom(today, doc),
    warnings: scenarioWarnings(doc),
  };
}

/** Scenarios side by side (issue #12, item 12), today's map first when asked for. */
export function compareScenarios(scenarios: readonly ComparedInput[], today: ComparedInput, withToday: boolean): TComparedScenario[] {
  return [...(withToday ? [today] : []), ...scenarios].map((s) => compareOne(s, today.document));
}
