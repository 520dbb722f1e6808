import { randomUUID } from 'node:crypto';
import type { Insertable, Transaction } from 'kysely';
import type { TCadence, TForumLevel, TForumRole, TTriangleLevel } from '../../../contracts/organisation.ts';
import type { Database } from '../../platform/db/schema.ts';
import { Problem, problemType } from '../../platform/errors.ts';
import * as repo from './organisation.repository.ts';

/**
 * A restructuring of the map, decided elsewhere (an adopted scenario) and applied here as one
 * dated change: new, changed and ended units, functions and forums, and the members a forum
 * should have. Records are named by their live id, or, when new, by the caller's reference.
 * Only the municipality's own records change; its police district's stay as they are.
 */
export type MapRef = { id: string } | { ref: string };

interface UnitFields {
  name: string;
  parent: MapRef | null;
}
interface FunctionFields {
  title: string;
  unit: MapRef;
  headcount: number;
  /** Weekly hours, one figure (the range's ends alike). */
  hours: number | null;
  fte: number | null;
  triangleLevel: TTriangleLevel | null;
}
interface ForumFields {
  name: string;
  level: TForumLevel;
  reportsTo: MapRef | null;
  mandate: string | null;
  cadence: TCadence | null;
}

export interface MapRestructuring {
  newUnits: ({ ref: string } & UnitFields)[];
  /** What changes; a field left out stays as it is. */
  changedUnits: { id: string; changes: Partial<UnitFields> }[];
  newFunctions: ({ ref: string } & FunctionFields)[];
  changedFunctions: { id: string; changes: Partial<FunctionFields> }[];
  endedFunctions: string[];
  newForums: ({ ref: string } & ForumFields)[];
  changedForums: { id: string; changes: Partial<ForumFields> }[];
  endedForums: string[];
  /** The members each of these forums has from the change on; forums not listed keep theirs. */
  members: { forum: MapRef; members: { function: MapRef; role: TForumRole }[] }[];
}

export interface RestructuringCounts {
  units: number;
  functions: number;
  forums: number;
  members: number;
}

/** `{ column: value }` when the value is given, else nothing. */
const defined = <K extends string, V>(column: K, value: V | undefined) => (value === undefined ? {} : ({ [column]: value } as Record<K, V>));

const changedSince = () => new Problem(409, problemType('conflict'), 'problem.map_changed_after');

/** Applies the restructuring from `at`, in the caller's transaction; the caller audits it and raises the map's versions. */
export async function applyRestructuring(trx: Transaction<Database>, scope: repo.MapScope, r: MapRestructuring, at: Date, actorId: string | null): Promise<RestructuringCounts> {
  const [organisations, functions, forums, members] = await Promise.all([
    repo.listOrganisations(trx, scope, null),
    repo.listFunctions(trx, scope, null),
    repo.listForums(trx, scope, null),
    repo.listMembers(trx, scope, null),
  ]);
  const own = <T extends { id: string; municipality_id: string | null }>(rows: T[]) => new Map(rows.filter((row) => row.municipality_id === scope.municipalityId).map((row) => [row.id, row]));
  const current = { organisations: own(organisations), functions: own(functions), forums: own(forums) };
  const newIds = new Map<string, string>();
  const resolve = (ref: MapRef): string => ('id' in ref ? ref.id : (newIds.get(ref.ref) ?? ref.ref));
  for (const item of [...r.newUnits, ...r.newFunctions, ...r.newForums]) newIds.set(item.ref, randomUUID());
  const owned = { municipality_id: scope.municipalityId, police_district_id: null, assumptions: '{}' };
  const version = (id: string) => ({ id, valid_from: at, valid_to: null, changed_by: actorId });

  /** A new version of a current record: the one before it ends at `at`. */
  async function replace<T extends repo.OwnedTable>(table: T, id: string, changes: Record<string, unknown>): Promise<void> {
    const before = current[table as 'organisations' | 'functions' | 'forums'].get(id);
    if (!before) throw new Problem(422, problemType('validation'), 'problem.validation', { errors: [{ field: 'document', message: 'problem.not_own_record' }] });
    if (before.valid_from.getTime() >= at.getTime()) throw changedSince();
    await repo.closeVersion(trx, table, id, at, actorId);
    await repo.insertVersions(trx, table, [{ ...repo.followingVersion(before, changes, at, actorId), id } as unknown as Insertable<Database[T]>]);
  }
  async function end(table: 'functions' | 'forums', id: string): Promise<void> {
    const before = current[table].get(id);
    if (!before) return;
    if (before.valid_from.getTime() >= at.getTime()) throw changedSince();
    await repo.closeVersion(trx, table, id, at, actorId);
    await repo.closeMembershipsOf(trx, table === 'functions' ? 'function_id' : 'forum_id', id, at, actorId);
    if (table === 'functions') await repo.endHoldingsOfFunction(trx, id, at, actorId);
  }

  // The fields' columns; only those given (a change leaves the others as they are).
  const unitColumns = (u: Partial<UnitFields>) => ({ ...defined('name', u.name), ...(u.parent !== undefined ? { parent_id: u.parent ? resolve(u.parent) : null } : {}) });
  const functionColumns = (f: Partial<FunctionFields>) => ({
    ...defined('title', f.title),
    ...(f.unit ? { organisation_id: resolve(f.unit) } : {}),
    ...defined('headcount', f.headcount),
    ...(f.hours !== undefined ? { hours_min: f.hours, hours_max: f.hours } : {}),
    ...defined('fte', f.fte),
    ...defined('triangle_level', f.triangleLevel),
  });
  const forumColumns = (f: Partial<ForumFields>) => ({
    ...defined('name', f.name),
    ...defined('level', f.level),
    ...(f.reportsTo !== undefined ? { reports_to_id: f.reportsTo ? resolve(f.reportsTo) : null } : {}),
    ...defined('mandate', f.mandate),
    ...defined('cadence', f.cadence),
  });

  await repo.insertVersions(
    trx,
    'organisations',
    r.newUnits.map((u) => ({ ...owned, ...version(resolve({ ref: u.ref })), kind: 'unit', short_name: null, parent_id: null, ...unitColumns(u), name: u.name, in_scope: true, description: null })),
  );
  for (const u of r.changedUnits) await replace('organisations', u.id, unitColumns(u.changes));

  await repo.insertVersions(
    trx,
    'functions',
    r.newFunctions.map((f) => ({ ...owned, ...version(resolve({ ref: f.ref })), ...functionColumns(f), title: f.title, organisation_id: resolve(f.unit), headcount: f.headcount, in_scope: true, funding: 'salary' })),
  );
  for (const f of r.changedFunctions) await replace('functions', f.id, functionColumns(f.changes));
  for (const id of r.endedFunctions) await end('functions', id);

  await repo.insertVersions(
    trx,
    'forums',
    r.newForums.map((f) => ({ ...owned, ...version(resolve({ ref: f.ref })), short_name: null, purpose: null, legal_basis: [], ...forumColumns(f), name: f.name, level: f.level })),
  );
  for (const f of r.changedForums) await replace('forums', f.id, forumColumns(f.changes));
  for (const id of r.endedForums) await end('forums', id);

  let memberChanges = 0;
  const ended = new Set([...r.endedFunctions, ...r.endedForums]);
  for (const entry of r.members) {
    const forumId = resolve(entry.forum);
    if (!('ref' in entry.forum) && !current.forums.has(forumId)) continue;
    const wanted = new Map(entry.members.map((m) => [resolve(m.function), m.role]));
    const seated = members.filter((m) => m.forum_id === forumId && !ended.has(m.function_id) && !ended.has(m.forum_id));
    for (const m of seated) {
      if (wanted.get(m.function_id) === m.role) {
        wanted.delete(m.function_id);
        continue;
      }
      if (m.valid_from.getTime() >= at.getTime()) throw changedSince();
      await repo.closeVersion(trx, 'forum_members', m.id, at, actorId);
      memberChanges++;
    }
    await repo.insertVersions(trx, 'forum_members', [...wanted].map(([functionId, role]) => ({ ...version(randomUUID()), forum_id: forumId, function_id: functionId, role })));
    memberChanges += wanted.size;
  }
  return {
    units: r.newUnits.length + r.changedUnits.length,
    functions: r.newFunctions.length + r.changedFunctions.length + r.endedFunctions.length,
    forums: r.newForums.length + r.changedForums.length + r.endedForums.length,
    members: memberChanges,
  };
}
