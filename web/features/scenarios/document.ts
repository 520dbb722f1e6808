/**
 * Changes to a scenario's document as the editor makes them, on its local copy: each returns a
 * new document and keeps every key pointing at something (a removed function leaves its forums,
 * a removed pillar leaves its staff and efforts without a place, for the warnings to name).
 */
import type { TScenarioDocument, TScenarioEffort, TScenarioForum, TScenarioFunction } from '../../../contracts/scenarios.ts';

type Doc = TScenarioDocument;
type Pillar = Doc['pillars'][number];
export type Movable = 'functions' | 'efforts';

/** A key not used yet in the collection: `prefix1`, `prefix2`, … */
export function freshKey(items: readonly { key: string }[], prefix: string): string {
  const used = new Set(items.map((i) => i.key));
  let n = items.length + 1;
  while (used.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

/** Drops what is recorded as assumed about an item that no longer exists. */
function withoutAssumptionsOf(doc: Doc, collection: string, key: string): Doc['assumptions'] {
  const prefix = `${collection}.${key}`;
  return Object.fromEntries(Object.entries(doc.assumptions).filter(([path]) => path !== prefix && !path.startsWith(`${prefix}.`)));
}

/** Puts a function or an effort in another pillar (null: in none). Drag and drop and the "Flyt til" button both end here. */
export function moveToPillar(doc: Doc, collection: Movable, key: string, pillarKey: string | null): Doc {
  if (collection === 'functions') return { ...doc, functions: doc.functions.map((f) => (f.key === key ? { ...f, pillarKey } : f)) };
  return { ...doc, efforts: doc.efforts.map((e) => (e.key === key ? { ...e, pillarKey } : e)) };
}

export function updatePillar(doc: Doc, key: string, patch: Partial<Omit<Pillar, 'key'>>): Doc {
  return { ...doc, pillars: doc.pillars.map((p) => (p.key === key ? { ...p, ...patch } : p)) };
}

export function addPillar(doc: Doc, name: string): { doc: Doc; key: string } {
  const key = freshKey(doc.pillars, 'p');
  return { doc: { ...doc, pillars: [...doc.pillars, { key, name, levels: [] }] }, key };
}

/** Removes a pillar; what it carried stays in the scenario without a place. */
export function removePillar(doc: Doc, key: string): Doc {
  return {
    ...doc,
    pillars: doc.pillars.filter((p) => p.key !== key),
    functions: doc.functions.map((f) => (f.pillarKey === key ? { ...f, pillarKey: null } : f)),
    efforts: doc.efforts.map((e) => (e.pillarKey === key ? { ...e, pillarKey: null } : e)),
    assumptions: withoutAssumptionsOf(doc, 'pillars', key),
  };
}

export function updateFunction(doc: Doc, key: string, patch: Partial<Omit<TScenarioFunction, 'key'>>): Doc {
  return { ...doc, functions: doc.functions.map((f) => (f.key === key ? { ...f, ...patch } : f)) };
}

/** A new member of the staff in a pillar, in the first unit: the editor fills in the rest. */
export function addFunction(doc: Doc, pillarKey: string | null, title: string): { doc: Doc; key: string } {
  const key = freshKey(doc.functions, 'nf');
  const fn: TScenarioFunction = {
    key,
    title,
    unitKey: doc.units[0]?.key ?? null,
    pillarKey,
    level: null,
    headcount: 1,
    hoursPerWeek: 37,
    fte: 1,
    annualCost: 0,
    analyst: false,
    caseCoordinator: false,
    party: 'municipality',
    sourceId: null,
  };
  return { doc: { ...doc, functions: [...doc.functions, fn] }, key };
}

/** Removes a function and its seats in every forum. */
export function removeFunction(doc: Doc, key: string): Doc {
  return {
    ...doc,
    functions: doc.functions.filter((f) => f.key !== key),
    forums: doc.forums.map((forum) => (forum.members.some((m) => m.functionKey === key) ? { ...forum, members: forum.members.filter((m) => m.functionKey !== key) } : forum)),
    assumptions: withoutAssumptionsOf(doc, 'functions', key),
  };
}

export function updateForum(doc: Doc, key: string, patch: Partial<Omit<TScenarioForum, 'key'>>): Doc {
  return { ...doc, forums: doc.forums.map((f) => (f.key === key ? { ...f, ...patch } : f)) };
}

/** Seats a function in a forum, or takes it out; a new seat is an ordinary member. */
export function toggleMember(doc: Doc, forumKey: string, functionKey: string): Doc {
  return {
    ...doc,
    forums: doc.forums.map((forum) => {
      if (forum.key !== forumKey) return forum;
      const seated = forum.members.some((m) => m.functionKey === functionKey);
      return { ...forum, members: seated ? forum.members.filter((m) => m.functionKey !== functionKey) : [...forum.members, { functionKey, role: 'member' as const }] };
    }),
  };
}

export function updateEffort(doc: Doc, key: string, patch: Partial<Omit<TScenarioEffort, 'key'>>): Doc {
  return { ...doc, efforts: doc.efforts.map((e) => (e.key === key ? { ...e, ...patch } : e)) };
}

/** The items of each pillar in the pillars' order, then those in none (only when there are any). */
export function byPillar<T extends { pillarKey: string | null }>(doc: Doc, items: readonly T[]): { pillar: Pillar | null; items: T[] }[] {
  const groups: { pillar: Pillar | null; items: T[] }[] = doc.pillars.map((pillar) => ({ pillar, items: items.filter((i) => i.pillarKey === pillar.key) }));
  const placed = new Set(doc.pillars.map((p) => p.key));
  const loose = items.filter((i) => i.pillarKey === null || !placed.has(i.pillarKey));
  return loose.length ? [...groups, { pillar: null, items: loose }] : groups;
}

/** Why a value is assumed: the value's own path first, then the whole item's. */
export function assumption(doc: Doc, ...paths: string[]): string | undefined {
  for (const path of paths) if (doc.assumptions[path]) return doc.assumptions[path];
  return undefined;
}
