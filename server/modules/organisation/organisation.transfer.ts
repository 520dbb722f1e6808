import { randomUUID } from 'node:crypto';
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { TImportResult } from '../../../contracts/organisation.ts';
import { appendAuditEntries } from '../../platform/audit/audit-chain.ts';
import { type RequestContext, auditActor } from '../../platform/context.ts';
import { toCsv } from '../../platform/csv.ts';
import type { Database } from '../../platform/db/schema.ts';
import { runChange } from '../../platform/db/unit-of-work.ts';
import { Problem, problemType } from '../../platform/errors.ts';
import { keptAssumptions } from '../../platform/assumptions.ts';
import { ImportErrors, type RowReader, readSheet, refuseEmptyImport } from '../../platform/sheet-rows.ts';
import { type Cell, readWorkbook, writeWorkbook } from '../../platform/spreadsheet.ts';
import * as repo from './organisation.repository.ts';
import type { MapScope, OwnedTable } from './organisation.repository.ts';

/**
 * Import and export of the organisation map as an XLSX workbook (one sheet per kind) or one
 * CSV file per sheet. Records are named by readable keys (a short name, "title (organisation)")
 * so that files can be written by hand, split into CSV files, and imported into another
 * municipality. An import validates every row first and writes all or nothing; a row whose
 * key matches a current record updates it, others are created.
 */

export const SHEETS = ['organisations', 'functions', 'pools', 'forums', 'members'] as const;
export type SheetName = (typeof SHEETS)[number];

const SHEET_TITLES: Record<SheetName, string> = { organisations: 'Organisationer', functions: 'Funktioner', pools: 'Puljer', forums: 'Fora', members: 'Medlemmer' };

const COLUMNS: Record<SheetName, string[]> = {
  organisations: ['nøgle', 'type', 'kort navn', 'navn', 'overordnet', 'i skærelinjen', 'beskrivelse', 'ejer'],
  functions: ['nøgle', 'titel', 'organisation', 'antal', 'timer min', 'timer max', 'årsværk', 'i skærelinjen', 'finansiering', 'trekantniveau', 'ejer'],
  pools: ['nøgle', 'navn', 'organisation', 'i skærelinjen', 'beskrivelse', 'ejer'],
  forums: ['nøgle', 'navn', 'kort navn', 'niveau', 'formål', 'mandat', 'lovgrundlag', 'mødekadence', 'rapporterer til', 'ejer'],
  members: ['forum', 'funktion', 'rolle'],
};

// Danish words in files; the English codes are accepted too.
const VOCABULARY = {
  kind: { centre: 'center', unit: 'enhed', external: 'ekstern' },
  scope: { municipality: 'kommune', police_district: 'politikreds' },
  funding: { salary: 'løn', pool: 'pulje' },
  triangle: { general: 'generel', targeted: 'målrettet', individual: 'individorienteret' },
  level: { strategic: 'strategisk', coordinating: 'koordinerende', executing: 'udførende' },
  cadence: { weekly: 'ugentlig', biweekly: 'hver anden uge', monthly: 'månedlig', quarterly: 'kvartalsvis', half_yearly: 'halvårlig', yearly: 'årlig', as_needed: 'efter behov' },
  role: { chair: 'formand', secretary: 'sekretær', member: 'medlem', observer: 'observatør' },
} as const;
type Vocabulary = typeof VOCABULARY;

const word = <V extends keyof Vocabulary>(vocabulary: V, code: string | null) => (code ? (VOCABULARY[vocabulary] as Record<string, string>)[code] : '');
const yesNo = (b: boolean) => (b ? 'ja' : 'nej');
const number = (n: string | number | null) => (n === null ? '' : String(Number(n)).replace('.', ','));

export type Rows = Record<SheetName, Cell[][]>;

// --- keys ---------------------------------------------------------------------------------

interface CurrentMap {
  organisations: Selectable<Database['organisations']>[];
  functions: Selectable<Database['functions']>[];
  pools: Selectable<Database['pools']>[];
  forums: Selectable<Database['forums']>[];
  members: Selectable<Database['forum_members']>[];
}

/** Readable, unique keys for every current record; the same rule names them on import. */
function keysOf(map: CurrentMap) {
  const used = new Set<string>();
  const unique = (base: string) => {
    let key = base;
    for (let n = 2; used.has(key.toLocaleLowerCase('da')); n++) key = `${base} #${n}`;
    used.add(key.toLocaleLowerCase('da'));
    return key;
  };
  const organisations = new Map(map.organisations.map((o) => [o.id, unique(o.short_name ?? o.name)]));
  const functions = new Map(map.functions.map((f) => [f.id, unique(`${f.title} (${organisations.get(f.organisation_id) ?? '?'})`)]));
  const pools = new Map(map.pools.map((p) => [p.id, unique(`${p.name} (${organisations.get(p.organisation_id) ?? '?'})`)]));
  const forums = new Map(map.forums.map((f) => [f.id, unique(f.short_name ?? f.name)]));
  return { organisations, functions, pools, forums };
}

/** The readable keys of the current map's records (id → key), as the map's workbook names them. */
export async function mapKeys(db: Kysely<Database>, scope: MapScope) {
  return keysOf(await loadCurrent(db, scope));
}

async function loadCurrent(db: Kysely<Database>, scope: MapScope): Promise<CurrentMap> {
  const [organisations, functions, pools, forums, members] = await Promise.all([
    repo.listOrganisations(db, scope, null),
    repo.listFunctions(db, scope, null),
    repo.listPools(db, scope, null),
    repo.listForums(db, scope, null),
    repo.listMembers(db, scope, null),
  ]);
  return { organisations, functions, pools, forums, members };
}

// --- export -------------------------------------------------------------------------------

function exportRows(map: CurrentMap): Record<SheetName, string[][]> {
  const keys = keysOf(map);
  const owner = (r: { police_district_id: string | null }) => word('scope', r.police_district_id ? 'police_district' : 'municipality');
  return {
    organisations: map.organisations.map((o) => [
      keys.organisations.get(o.id)!,
      word('kind', o.kind),
      o.short_name ?? '',
      o.name,
      o.parent_id ? (keys.organisations.get(o.parent_id) ?? '') : '',
      yesNo(o.in_scope),
      o.description ?? '',
      owner(o),
    ]),
    functions: map.functions.map((f) => [
      keys.functions.get(f.id)!,
      f.title,
      keys.organisations.get(f.organisation_id) ?? '',
      String(f.headcount),
      number(f.hours_min),
      number(f.hours_max),
      number(f.fte),
      yesNo(f.in_scope),
      word('funding', f.funding),
      word('triangle', f.triangle_level),
      owner(f),
    ]),
    pools: map.pools.map((p) => [keys.pools.get(p.id)!, p.name, keys.organisations.get(p.organisation_id) ?? '', yesNo(p.in_scope), p.description ?? '', owner(p)]),
    forums: map.forums.map((f) => [
      keys.forums.get(f.id)!,
      f.name,
      f.short_name ?? '',
      word('level', f.level),
      f.purpose ?? '',
      f.mandate ?? '',
      f.legal_basis.join('; '),
      word('cadence', f.cadence),
      f.reports_to_id ? (keys.forums.get(f.reports_to_id) ?? '') : '',
      owner(f),
    ]),
    members: map.members
      .filter((m) => keys.functions.has(m.function_id) && keys.forums.has(m.forum_id))
      .map((m) => [keys.forums.get(m.forum_id)!, keys.functions.get(m.function_id)!, word('role', m.role)]),
  };
}

export async function exportWorkbook(db: Kysely<Database>, scope: MapScope): Promise<Buffer> {
  const rows = exportRows(await loadCurrent(db, scope));
  return writeWorkbook(SHEETS.map((sheet) => ({ title: SHEET_TITLES[sheet], columns: COLUMNS[sheet], rows: rows[sheet] })));
}

export async function exportCsv(db: Kysely<Database>, scope: MapScope, sheet: SheetName): Promise<string> {
  const rows = exportRows(await loadCurrent(db, scope));
  return toCsv([COLUMNS[sheet], ...rows[sheet]]);
}

// --- reading files ------------------------------------------------------------------------

export const readMapWorkbook = (buffer: Buffer) => readWorkbook(buffer, SHEET_TITLES);

// --- import -------------------------------------------------------------------------------

// `at` is the spreadsheet row a record came from, for the messages about its references.
interface Plan {
  organisations: { key: string; id: string; existing: boolean; at: number; row: Record<string, unknown>; parentKey: string; parentText: string }[];
  functions: { key: string; id: string; existing: boolean; at: number; row: Record<string, unknown>; organisationKey: string; organisationText: string }[];
  pools: { key: string; id: string; existing: boolean; at: number; row: Record<string, unknown>; organisationKey: string; organisationText: string }[];
  forums: { key: string; id: string; existing: boolean; at: number; row: Record<string, unknown>; reportsToKey: string; reportsToText: string }[];
  /** Resolved while planning: the ids the member's forum and function have (or will have). */
  members: { forumId: string; functionId: string; role: string }[];
  /** Member rows read, including those whose references fail (for the preview's counts). */
  memberRows: number;
}

/** Columns a hand-written file may leave out. */
const OPTIONAL = ['beskrivelse', 'formål', 'mandat', 'kort navn'];

const readers = (errors: ImportErrors, sheet: SheetName, rows: Cell[][] | undefined) =>
  readSheet(errors, SHEET_TITLES[sheet], rows, COLUMNS[sheet], { optional: OPTIONAL, defaultMax: 160 });

/** Validates every row of every sheet against the file and the current map; writes nothing. */
function planImport(rows: Partial<Rows>, current: CurrentMap, scope: MapScope, errors: ImportErrors): Plan {
  const keys = keysOf(current);
  const byKey = (m: Map<string, string>) => new Map([...m].map(([id, key]) => [key.toLocaleLowerCase('da'), id]));
  const existing = { organisations: byKey(keys.organisations), functions: byKey(keys.functions), pools: byKey(keys.pools), forums: byKey(keys.forums) };
  const plan: Plan = { organisations: [], functions: [], pools: [], forums: [], members: [], memberRows: 0 };
  // Keys claimed by rows of this file (key → id), per kind.
  const inFile = { organisations: new Map<string, string>(), functions: new Map<string, string>(), pools: new Map<string, string>(), forums: new Map<string, string>() };

  const ownerOf = (r: RowReader) => {
    const scopeCode = r.choice('ejer', VOCABULARY.scope, { fallback: 'municipality' });
    if (scopeCode === 'police_district' && !scope.policeDistrictId) r.fail('ejer', 'problem.no_police_district');
    return scopeCode === 'police_district' && scope.policeDistrictId
      ? { municipality_id: null, police_district_id: scope.policeDistrictId }
      : { municipality_id: scope.municipalityId, police_district_id: null };
  };
  const claimKey = (r: RowReader, kind: keyof typeof inFile, key: string) => {
    const k = key.toLocaleLowerCase('da');
    if (inFile[kind].has(k)) r.fail('nøgle', 'import.duplicate_key', { key });
    const id = existing[kind].get(k);
    const claimed = { key: k, id: id ?? randomUUID(), existing: id !== undefined, at: r.at };
    inFile[kind].set(k, claimed.id);
    return claimed;
  };

  for (const r of readers(errors, 'organisations', rows.organisations)) {
    const name = r.text('navn', { required: true });
    const shortName = r.text('kort navn', { max: 20 });
    const key = r.text('nøgle') || shortName || name;
    plan.organisations.push({
      ...claimKey(r, 'organisations', key),
      parentKey: r.text('overordnet').toLocaleLowerCase('da'),
      parentText: r.text('overordnet'),
      row: { ...ownerOf(r), kind: r.choice('type', VOCABULARY.kind, { required: true, fallback: 'unit' }), short_name: shortName || null, name, in_scope: r.bool('i skærelinjen'), description: r.text('beskrivelse', { max: 2000 }) || null },
    });
  }
  for (const r of readers(errors, 'functions', rows.functions)) {
    const title = r.text('titel', { required: true });
    const organisationText = r.text('organisation', { required: true });
    const organisationKey = organisationText.toLocaleLowerCase('da');
    const hoursMin = r.number('timer min', { min: 0, max: 80 });
    const hoursMax = r.number('timer max', { min: 0, max: 80 });
    if (hoursMin !== null && hoursMax !== null && hoursMin > hoursMax) r.fail('timer max', 'import.hours_order');
    plan.functions.push({
      ...claimKey(r, 'functions', r.text('nøgle') || `${title} (${r.text('organisation')})`),
      organisationKey,
      organisationText,
      row: {
        ...ownerOf(r),
        title,
        headcount: r.number('antal', { min: 1, max: 500, integer: true }) ?? 1,
        hours_min: hoursMin,
        hours_max: hoursMax,
        fte: r.number('årsværk', { min: 0, max: 500 }),
        in_scope: r.bool('i skærelinjen'),
        funding: r.choice('finansiering', VOCABULARY.funding, { fallback: 'salary' }),
        triangle_level: r.choice('trekantniveau', VOCABULARY.triangle) ?? null,
      },
    });
  }
  for (const r of readers(errors, 'pools', rows.pools)) {
    const name = r.text('navn', { required: true });
    plan.pools.push({
      ...claimKey(r, 'pools', r.text('nøgle') || `${name} (${r.text('organisation')})`),
      organisationKey: r.text('organisation', { required: true }).toLocaleLowerCase('da'),
      organisationText: r.text('organisation'),
      row: { ...ownerOf(r), name, in_scope: r.bool('i skærelinjen'), description: r.text('beskrivelse', { max: 2000 }) || null },
    });
  }
  for (const r of readers(errors, 'forums', rows.forums)) {
    const name = r.text('navn', { required: true });
    const shortName = r.text('kort navn', { max: 30 });
    const legalBasis = r
      .text('lovgrundlag', { max: 1000 })
      .split(';')
      .map((s) => s.trim())
      .filter(Boolean);
    if (legalBasis.some((l) => l.length > 100)) r.fail('lovgrundlag', 'import.legal_basis_length');
    plan.forums.push({
      ...claimKey(r, 'forums', r.text('nøgle') || shortName || name),
      reportsToKey: r.text('rapporterer til').toLocaleLowerCase('da'),
      reportsToText: r.text('rapporterer til'),
      row: {
        ...ownerOf(r),
        name,
        short_name: shortName || null,
        level: r.choice('niveau', VOCABULARY.level, { required: true, fallback: 'executing' }),
        purpose: r.text('formål', { max: 4000 }) || null,
        mandate: r.text('mandat', { max: 4000 }) || null,
        legal_basis: legalBasis,
        cadence: r.choice('mødekadence', VOCABULARY.cadence) ?? null,
      },
    });
  }
  const memberRows = readers(errors, 'members', rows.members);
  plan.memberRows = memberRows.length;

  // References: to a record in this file, else to a current record with that key.
  const resolve = (kind: keyof typeof inFile, key: string) => inFile[kind].get(key) ?? existing[kind].get(key);
  const refError = (sheet: SheetName, row: number, column: string, key: string) => errors.add(SHEET_TITLES[sheet], row, column, 'import.unknown_reference', { key });
  for (const o of plan.organisations) {
    o.row.parent_id = o.parentKey ? (resolve('organisations', o.parentKey) ?? null) : null;
    if (o.parentKey && !o.row.parent_id) refError('organisations', o.at, 'overordnet', o.parentText);
    else if (o.row.parent_id === o.id) errors.add(SHEET_TITLES.organisations, o.at, 'overordnet', 'import.own_parent');
  }
  const parents = new Map(plan.organisations.map((o) => [o.id, o.row.parent_id as string | null]));
  for (const o of plan.organisations) {
    // A loop through several organisations (A under B under A) would hang the tree.
    const seen = new Set<string>();
    for (let node: string | null | undefined = o.id; node && parents.has(node); node = parents.get(node)) {
      if (seen.has(node)) {
        errors.add(SHEET_TITLES.organisations, o.at, 'overordnet', 'problem.reference_cycle');
        break;
      }
      seen.add(node);
    }
  }
  for (const [sheet, list] of [['functions', plan.functions], ['pools', plan.pools]] as const) {
    for (const f of list) {
      f.row.organisation_id = resolve('organisations', f.organisationKey) ?? null;
      if (!f.row.organisation_id && f.organisationKey) refError(sheet, f.at, 'organisation', f.organisationText);
    }
  }
  for (const f of plan.forums) {
    f.row.reports_to_id = f.reportsToKey ? (resolve('forums', f.reportsToKey) ?? null) : null;
    if (f.reportsToKey && !f.row.reports_to_id) refError('forums', f.at, 'rapporterer til', f.reportsToText);
  }
  const seenMembers = new Set<string>();
  for (const r of memberRows) {
    const forumKey = r.text('forum', { required: true }).toLocaleLowerCase('da');
    const functionKey = r.text('funktion', { required: true }).toLocaleLowerCase('da');
    const role = r.choice('rolle', VOCABULARY.role, { fallback: 'member' }) ?? 'member';
    const forumId = forumKey ? resolve('forums', forumKey) : undefined;
    const functionId = functionKey ? resolve('functions', functionKey) : undefined;
    if (forumKey && !forumId) r.fail('forum', 'import.unknown_reference', { key: r.text('forum') });
    if (functionKey && !functionId) r.fail('funktion', 'import.unknown_reference', { key: r.text('funktion') });
    if (seenMembers.has(`${forumKey}|${functionKey}`)) r.fail('funktion', 'import.member_twice');
    seenMembers.add(`${forumKey}|${functionKey}`);
    if (forumId && functionId) plan.members.push({ forumId, functionId, role });
  }
  // Errors are listed sheet by sheet, row by row, whichever check found them.
  errors.shown.sort((a, b) => SHEETS.indexOf(sheetOf(a.sheet)) - SHEETS.indexOf(sheetOf(b.sheet)) || a.row - b.row);
  return plan;

  function sheetOf(title: string): SheetName {
    return (Object.entries(SHEET_TITLES).find(([, t]) => t === title)?.[0] ?? 'members') as SheetName;
  }
}

/**
 * Imports rows into the scope's map. With dryRun, or when any row has an error, nothing is
 * written and the result lists the errors (the preview).
 */
export async function importRows(
  db: Kysely<Database>,
  scope: MapScope,
  rows: Partial<Rows>,
  options: { dryRun: boolean; effectiveFrom?: Date },
  ctx: RequestContext,
): Promise<TImportResult> {
  refuseEmptyImport(rows, Object.values(SHEET_TITLES));
  const current = await loadCurrent(db, scope);
  const errors = new ImportErrors(ctx.actor?.locale ?? 'da');
  const plan = planImport(rows, current, scope, errors);
  const counts = { organisations: plan.organisations.length, functions: plan.functions.length, pools: plan.pools.length, forums: plan.forums.length, members: plan.memberRows };
  if (options.dryRun || errors.any) return { dryRun: options.dryRun, counts, errors: errors.shown, errorsNotShown: errors.notShown };

  const at = options.effectiveFrom ?? new Date();
  const changedBy = ctx.actor?.userId ?? null;
  const version = (id: string, row: Record<string, unknown>) => ({ ...row, id, valid_from: at, valid_to: null, changed_by: changedBy });
  const currentById = new Map<string, { valid_from: Date } & Record<string, unknown>>(
    [...current.organisations, ...current.functions, ...current.pools, ...current.forums].map((r) => [r.id, r as never]),
  );
  await runChange(db, ctx, async (trx) => {
    for (const [table, list] of [
      ['organisations', plan.organisations],
      ['functions', plan.functions],
      ['pools', plan.pools],
      ['forums', plan.forums],
    ] as [OwnedTable, { id: string; existing: boolean; row: Record<string, unknown> }[]][]) {
      const inserts: Record<string, unknown>[] = [];
      for (const item of list) {
        const before = currentById.get(item.id);
        if (item.existing && before) {
          const unchanged = Object.entries(item.row).every(([k, v]) => JSON.stringify(normalise(before[k])) === JSON.stringify(normalise(v)));
          if (unchanged) continue;
          // Versions last at least a millisecond; an import right after a change waits for it.
          if (before.valid_from.getTime() >= at.getTime()) throw new Problem(409, problemType('conflict'), 'problem.conflict');
          await repo.closeVersion(trx, table, item.id, at, changedBy);
        }
        // As in a change by hand: the fields the file changes lose their "assumed" mark.
        const assumed = before?.assumptions ? { assumptions: JSON.stringify(keptAssumptions(before.assumptions as Record<string, string>, before, item.row)) } : {};
        inserts.push(version(item.id, { ...item.row, ...assumed }));
      }
      await repo.insertVersions(trx, table, inserts as Insertable<Database[typeof table]>[]);
    }
    const currentMembers = new Map(current.members.map((c) => [`${c.forum_id}|${c.function_id}`, c]));
    const memberInserts: Record<string, unknown>[] = [];
    for (const m of plan.members) {
      const existingMember = currentMembers.get(`${m.forumId}|${m.functionId}`);
      if (existingMember?.role === m.role) continue;
      if (existingMember) await repo.closeVersion(trx, 'forum_members', existingMember.id, at, changedBy);
      memberInserts.push(version(existingMember?.id ?? randomUUID(), { forum_id: m.forumId, function_id: m.functionId, role: m.role }));
    }
    await repo.insertVersions(trx, 'forum_members', memberInserts as Insertable<Database['forum_members']>[]);
    await appendAuditEntries(trx, [{ ...auditActor(ctx), municipalityId: scope.municipalityId, action: 'organisation_map.imported', entityType: 'organisation_map', after: counts }]);
  }, { touches: repo.mapVersionKeys(scope) });
  return { dryRun: false, counts, errors: [], errorsNotShown: 0 };
}

/** numeric columns come back as strings; compare as numbers. */
function normalise(value: unknown): unknown {
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  return value ?? null;
}
