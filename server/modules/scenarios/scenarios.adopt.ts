import { cadenceOfMeetings } from '../../../contracts/organisation.ts';
import type { TScenarioDocument } from '../../../contracts/scenarios.ts';
import type { FieldError } from '../../platform/errors.ts';
import type { MapRef, MapRestructuring } from '../organisation/organisation.public.ts';

/**
 * What adopting a scenario changes on the live map (issue #12 item 15): the scenario against
 * today's map as a document (`documentFromMap`), matched by the live ids the scenario keeps
 * (`sourceId`). Units, functions and forums the scenario adds are created; those it changes get
 * a new version; the staff functions and forums of today it leaves out end. Records the police
 * district owns are the district's to change and stay as they are. Pillars are a way of
 * reading the work and have no record of their own: a function's place shows in its unit and
 * its triangle level. Efforts keep their owners and levels.
 */

/** Fields that differ: `{ field: after }` for each, so that a change names only what it changes. */
function differences<T extends Record<string, unknown>>(before: T, after: T): Partial<T> {
  return Object.fromEntries(Object.entries(after).filter(([field, value]) => JSON.stringify(value) !== JSON.stringify(before[field]))) as Partial<T>;
}
const changed = <T extends object>(changes: T) => Object.keys(changes).length > 0;

export function restructuringOf(today: TScenarioDocument, scenario: TScenarioDocument, districtOwned: ReadonlySet<string>): { restructuring: MapRestructuring; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const refOf = (kind: string, item: { key: string; sourceId: string | null }): MapRef => (item.sourceId ? { id: item.sourceId } : { ref: `${kind}:${item.key}` });
  const byKey = <T extends { key: string }>(items: T[]) => new Map(items.map((item) => [item.key, item]));
  const bySource = <T extends { sourceId: string | null }>(items: T[]) => new Map(items.filter((i) => i.sourceId).map((i) => [i.sourceId!, i]));
  const units = byKey(scenario.units);
  const unitRef = (key: string | null) => (key && units.get(key) ? refOf('unit', units.get(key)!) : null);
  const functions = byKey(scenario.functions);
  const forums = byKey(scenario.forums);
  const todayUnits = byKey(today.units);
  const todayFunctions = byKey(today.functions);
  const todayForums = byKey(today.forums);
  const ownToday = <T extends { sourceId: string | null }>(items: T[]) => bySource(items.filter((i) => !districtOwned.has(i.sourceId ?? '')));
  const liveUnits = ownToday(today.units);
  const liveFunctions = ownToday(today.functions);
  const liveForums = ownToday(today.forums);

  const r: MapRestructuring = { newUnits: [], changedUnits: [], newFunctions: [], changedFunctions: [], endedFunctions: [], newForums: [], changedForums: [], endedForums: [], members: [] };

  for (const unit of scenario.units) {
    const parent = unitRef(unit.parentKey);
    if (!unit.sourceId) {
      r.newUnits.push({ ref: `unit:${unit.key}`, name: unit.name, parent });
      continue;
    }
    const before = liveUnits.get(unit.sourceId);
    if (!before) continue;
    // A unit without a parent in the scenario stays under whatever it is under today.
    const beforeParent: MapRef | null = before.parentKey ? refOf('unit', todayUnits.get(before.parentKey)!) : null;
    const changes = differences<{ name: string; parent?: MapRef | null }>({ name: before.name, ...(parent ? { parent: beforeParent } : {}) }, { name: unit.name, ...(parent ? { parent } : {}) });
    if (changed(changes)) r.changedUnits.push({ id: unit.sourceId, changes });
  }

  scenario.functions.forEach((fn, i) => {
    const fields = { title: fn.title, headcount: fn.headcount, hours: fn.hoursPerWeek, fte: fn.fte, triangleLevel: fn.level };
    if (!fn.sourceId) {
      const unit = unitRef(fn.unitKey);
      if (!unit) errors.push({ field: `document.functions.${i}.unitKey`, message: 'problem.adopt_needs_unit' });
      else r.newFunctions.push({ ref: `function:${fn.key}`, unit, ...fields });
      return;
    }
    const before = liveFunctions.get(fn.sourceId);
    if (!before) return;
    const beforeUnit: MapRef | null = before.unitKey ? refOf('unit', todayUnits.get(before.unitKey)!) : null;
    const unit = unitRef(fn.unitKey);
    const changes = differences<typeof fields & { unit?: MapRef | null }>(
      { title: before.title, headcount: before.headcount, hours: before.hoursPerWeek, fte: before.fte, triangleLevel: before.level, ...(unit ? { unit: beforeUnit } : {}) },
      { ...fields, ...(unit ? { unit } : {}) },
    );
    // A function outside the units (a partner's) counts no FTE in a scenario: its own figures stay.
    if (!before.unitKey && !fn.unitKey) for (const figure of ['hours', 'fte'] as const) delete changes[figure];
    if (changed(changes)) r.changedFunctions.push({ id: fn.sourceId, changes: changes as MapRestructuring['changedFunctions'][number]['changes'] });
  });
  const keptFunctions = new Set(scenario.functions.map((f) => f.sourceId));
  r.endedFunctions = [...liveFunctions.values()].filter((f) => f.unitKey !== null && !keptFunctions.has(f.sourceId)).map((f) => f.sourceId!);

  const forumRef = (key: string | null) => (key && forums.get(key) ? refOf('forum', forums.get(key)!) : null);
  const functionRef = (key: string) => refOf('function', functions.get(key)!);
  for (const forum of scenario.forums) {
    const fields = { name: forum.name, level: forum.level, reportsTo: forumRef(forum.reportsTo), mandate: forum.mandate || null, cadence: cadenceOfMeetings(forum.meetingsPerYear) };
    const members = forum.members.map((m) => ({ function: functionRef(m.functionKey), role: m.role }));
    if (!forum.sourceId) {
      r.newForums.push({ ref: `forum:${forum.key}`, ...fields });
      r.members.push({ forum: { ref: `forum:${forum.key}` }, members });
      continue;
    }
    const before = liveForums.get(forum.sourceId);
    if (!before) continue;
    const beforeFields = {
      name: before.name,
      level: before.level,
      reportsTo: before.reportsTo ? refOf('forum', todayForums.get(before.reportsTo)!) : null,
      mandate: before.mandate || null,
      cadence: cadenceOfMeetings(before.meetingsPerYear),
    };
    const changes = differences(beforeFields, fields);
    if (changed(changes)) r.changedForums.push({ id: forum.sourceId, changes });
    const beforeMembers = before.members.map((m) => ({ function: refOf('function', todayFunctions.get(m.functionKey)!), role: m.role }));
    const sorted = (list: typeof members) => JSON.stringify(list.map((m) => `${JSON.stringify(m.function)} ${m.role}`).sort());
    if (sorted(beforeMembers) !== sorted(members)) r.members.push({ forum: { id: forum.sourceId }, members });
  }
  const keptForums = new Set(scenario.forums.map((f) => f.sourceId));
  r.endedForums = [...liveForums.values()].filter((f) => !keptForums.has(f.sourceId)).map((f) => f.sourceId!);
  return { restructuring: r, errors };
}
