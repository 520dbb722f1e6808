import { randomUUID } from 'node:crypto';
import type { Insertable, Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import { STATUS_TRANSITIONS, type TEffortImportResult, type TEffortStatus, ZEffortCreate, ZGoalInput, ZIndicatorInput } from '../../../contracts/efforts.ts';
import { type Actor, requireMunicipality } from '../../platform/access/actor.ts';
import { can } from '../../platform/access/decision.ts';
import { appendAuditEntries } from '../../platform/audit/audit-chain.ts';
import { type RequestContext, auditActor } from '../../platform/context.ts';
import { danishToday } from '../../platform/danish-time.ts';
import type { Database } from '../../platform/db/schema.ts';
import { runChange } from '../../platform/db/unit-of-work.ts';
import { hasMessage, translate } from '../../platform/i18n.ts';
import { ImportErrors, type RowReader, readSheet, refuseEmptyImport } from '../../platform/sheet-rows.ts';
import { type Cell, readWorkbook, writeWorkbook } from '../../platform/spreadsheet.ts';
import { type MapScope, mapKeys } from '../organisation/organisation.public.ts';
import { effortRegister } from './efforts.policy.ts';
import * as repo from './efforts.repository.ts';
import { type EffortsService, checkReferences, effortColumns, effortsVersionKey, keptEffortAssumptions, legalBasisLabel } from './efforts.service.ts';

/**
 * Efforts with goals, indicators, measurements, budgets and hours as one XLSX workbook. Efforts,
 * goals and indicators are keyed: the export writes their ids, so importing an exported file
 * updates them in place; any other key (e.g. "1") makes a new record that other sheets can
 * refer to. Map records are named by the organisation workbook's keys, legal bases by their
 * label. An import validates every row first and writes all or nothing.
 */
const SHEETS = ['efforts', 'goals', 'indicators', 'measurements', 'budget', 'hours'] as const;
type Sheet = (typeof SHEETS)[number];
const TITLES: Record<Sheet, string> = { efforts: 'Indsatser', goals: 'Mål', indicators: 'Indikatorer', measurements: 'Målinger', budget: 'Budget', hours: 'Timer' };
const COLUMNS: Record<Sheet, string[]> = {
  efforts: [
    'nøgle', 'titel', 'beskrivelse', 'niveau', 'i skærelinjen', 'ejerenhed', 'ansvarlig funktion', 'partnere', 'fora', 'alder fra', 'alder til',
    'risikoprofil', 'afledt målgruppe', 'bydele', 'lovgrundlag', 'status', 'periode start', 'periode slut', 'evidens', 'dokumentation',
  ],
  goals: ['nøgle', 'indsats', 'titel', 'beskrivelse'],
  indicators: ['nøgle', 'mål', 'navn', 'enhed', 'udgangspunkt', 'målværdi', 'retning', 'periode start', 'periode slut', 'tæller deltagere'],
  measurements: ['indikator', 'dato', 'værdi', 'note'],
  budget: ['indsats', 'år', 'art', 'budget', 'forbrug', 'demodata'],
  hours: ['indsats', 'år', 'funktion', 'timer', 'demodata'],
};
/** Columns a hand-written file may leave out. */
const OPTIONAL = ['beskrivelse', 'ansvarlig funktion', 'partnere', 'fora', 'afledt målgruppe', 'bydele', 'lovgrundlag', 'periode slut', 'dokumentation', 'note', 'forbrug', 'demodata', 'tæller deltagere'];

// Danish words in files; the English codes are accepted too.
const WORDS = {
  level: { general: 'generel', targeted: 'målrettet', individual: 'individorienteret' },
  status: { planned: 'planlagt', active: 'aktiv', paused: 'på pause', ended: 'afsluttet' },
  risk: { all: 'alle', early_concern: 'tidlig bekymring', first_offence: 'førstegangskriminalitet', repeat_offending: 'gentagen kriminalitet' },
  derived: { parents: 'forældre', siblings: 'søskende', others: 'andre' },
  evidence: { documented: 'dokumenteret effekt', promising: 'lovende', theory_based: 'teoribaseret', unknown: 'ukendt' },
  direction: { increase: 'stigende', decrease: 'faldende' },
  kind: { salary: 'løn', activities: 'aktiviteter', pool: 'pulje' },
} as const;
type Words = keyof typeof WORDS;

/** Which column an effort's or indicator's field is read from, for the messages of validation. */
const FIELD_COLUMNS: Record<string, string> = {
  title: 'titel', description: 'beskrivelse', level: 'niveau', inScope: 'i skærelinjen', ownerOrganisationId: 'ejerenhed', responsibleFunctionId: 'ansvarlig funktion',
  partnerOrganisationIds: 'partnere', forumIds: 'fora', ageMin: 'alder fra', ageMax: 'alder til', riskProfile: 'risikoprofil', derivedGroups: 'afledt målgruppe',
  districts: 'bydele', legalBasisIds: 'lovgrundlag', status: 'status', periodStart: 'periode start', periodEnd: 'periode slut', evidenceRating: 'evidens',
  evidenceDocumentation: 'dokumentation', name: 'navn', unit: 'enhed', baseline: 'udgangspunkt', target: 'målværdi', direction: 'retning', countsParticipants: 'tæller deltagere',
};

const word = (words: Words, code: string) => (WORDS[words] as Record<string, string>)[code] ?? code;
const yesNo = (b: boolean) => (b ? 'ja' : 'nej');
const list = (items: string[]) => items.join('; ');
const lower = (s: string) => s.toLocaleLowerCase('da');

const rowsOf = (errors: ImportErrors, sheet: Sheet, data: Cell[][] | undefined) => readSheet(errors, TITLES[sheet], data, COLUMNS[sheet], { optional: OPTIONAL });

type EffortFields = z.output<typeof ZEffortCreate>;
type IndicatorFields = z.output<typeof ZIndicatorInput>;

interface Plan {
  efforts: { id: string; existing: repo.EffortRow | null; fields: EffortFields }[];
  goals: { id: string; effortId: string; existing: boolean; title: string; description: string | null }[];
  indicators: { id: string; goalId: string; effortId: string; existing: boolean; fields: IndicatorFields }[];
  measurements: Insertable<Database['indicator_measurements']>[];
  budget: Insertable<Database['effort_budget_lines']>[];
  hours: Insertable<Database['effort_staff_hours']>[];
}

const isId = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

export class EffortsTransfer {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly efforts: EffortsService,
  ) {}

  private scopeOf(actor: Actor): MapScope {
    return { municipalityId: requireMunicipality(actor), policeDistrictId: actor.policeDistrictId };
  }

  /** Everything in the municipality the files refer to, loaded once. */
  private async load(scope: MapScope) {
    const [keys, refs, [efforts, goals, indicators]] = await Promise.all([mapKeys(this.db, scope), this.efforts.references(scope), repo.loadForTransfer(this.db, scope.municipalityId)]);
    const legalBases = [...refs.legalBases.values()].map((l) => ({ id: l.id, label: legalBasisLabel(l) }));
    return { keys, refs, legalBases, efforts, goals, indicators };
  }

  async exportWorkbook(actor: Actor, ctx: RequestContext): Promise<Buffer> {
    const scope = this.scopeOf(actor);
    const withEconomy = can(actor, 'readEconomy', effortRegister(scope.municipalityId));
    const data = await this.load(scope);
    const { keys } = data;
    const legal = new Map(data.legalBases.map((l) => [l.id, l.label]));
    const effortIds = data.efforts.map((e) => e.id);
    const [measurements, budget, hours] = await Promise.all([
      repo.listMeasurementsOf(this.db, effortIds),
      withEconomy ? repo.listBudgetLinesOf(this.db, effortIds) : [],
      withEconomy ? repo.listStaffHoursOf(this.db, effortIds) : [],
    ]);
    const sheets: Record<Sheet, (string | number)[][]> = {
      efforts: data.efforts.map((e) => [
        e.id,
        e.title,
        e.description ?? '',
        word('level', e.triangle_level),
        yesNo(e.in_scope),
        keys.organisations.get(e.owner_organisation_id) ?? '',
        e.responsible_function_id ? (keys.functions.get(e.responsible_function_id) ?? '') : '',
        list(e.partner_organisation_ids.flatMap((id) => keys.organisations.get(id) ?? [])),
        list(e.forum_ids.flatMap((id) => keys.forums.get(id) ?? [])),
        e.age_min,
        e.age_max,
        word('risk', e.risk_profile),
        list(e.derived_groups.map((g) => word('derived', g))),
        list(e.districts),
        list(e.legal_basis_ids.flatMap((id) => legal.get(id) ?? [])),
        word('status', e.status),
        e.period_start,
        e.period_end ?? '',
        word('evidence', e.evidence_rating),
        e.evidence_documentation ?? '',
      ]),
      goals: data.goals.map((g) => [g.id, g.effort_id, g.title, g.description ?? '']),
      indicators: data.indicators.map((i) => [
        i.id, i.goal_id, i.name, i.unit, Number(i.baseline), Number(i.target), word('direction', i.direction), i.period_start, i.period_end, yesNo(i.counts_participants),
      ]),
      measurements: measurements.map((m) => [m.indicator_id, m.measured_on, Number(m.value), m.note ?? '']),
      budget: budget.map((b) => [b.effort_id, b.year, word('kind', b.kind), Number(b.budget), b.actual === null ? '' : Number(b.actual), yesNo(b.is_demo)]),
      hours: hours.map((h) => [h.effort_id, h.year, keys.functions.get(h.function_id) ?? '', Number(h.hours), yesNo(h.is_demo)]),
    };
    const included = SHEETS.filter((s) => withEconomy || (s !== 'budget' && s !== 'hours'));
    const file = await writeWorkbook(included.map((s) => ({ title: TITLES[s], columns: COLUMNS[s], rows: sheets[s] })));
    await runChange(this.db, ctx, (trx) =>
      appendAuditEntries(trx, [{ ...auditActor(ctx), action: 'effort.exported', entityType: 'effort', after: { efforts: data.efforts.length, economy: withEconomy } }]),
    );
    return file;
  }

  async importWorkbook(actor: Actor, file: Buffer, dryRun: boolean, ctx: RequestContext): Promise<TEffortImportResult> {
    const scope = this.scopeOf(actor);
    const rows = await readWorkbook(file, TITLES);
    refuseEmptyImport(rows, Object.values(TITLES));
    const data = await this.load(scope);
    const errors = new ImportErrors(actor.locale);
    const plan = this.plan(actor, rows, data, errors);
    const counts = {
      efforts: plan.efforts.length,
      goals: plan.goals.length,
      indicators: plan.indicators.length,
      measurements: plan.measurements.length,
      budgetLines: plan.budget.length,
      hours: plan.hours.length,
    };
    if (errors.any || dryRun) return { dryRun, counts, errors: errors.shown, errorsNotShown: errors.notShown };
    await runChange(this.db, ctx, async (trx) => {
      await this.write(trx, actor, plan);
      await appendAuditEntries(trx, [{ ...auditActor(ctx), action: 'effort.imported', entityType: 'effort', after: counts }]);
    }, { touches: [effortsVersionKey(requireMunicipality(actor))] });
    return { dryRun, counts, errors: [], errorsNotShown: 0 };
  }

  /** Reads and checks every row against the file and the municipality; writes nothing. */
  private plan(actor: Actor, rows: Partial<Record<Sheet, Cell[][]>>, data: Awaited<ReturnType<EffortsTransfer['load']>>, errors: ImportErrors): Plan {
    const plan: Plan = { efforts: [], goals: [], indicators: [], measurements: [], budget: [], hours: [] };
    const byKey = (m: Map<string, string>) => new Map([...m].map(([id, key]) => [lower(key), id]));
    const organisations = byKey(data.keys.organisations);
    const functions = byKey(data.keys.functions);
    const forums = byKey(data.keys.forums);
    const legalBases = new Map(data.legalBases.map((l) => [lower(l.label), l.id]));
    const existingEfforts = new Map(data.efforts.map((e) => [e.id, e]));
    const existingGoals = new Map(data.goals.map((g) => [g.id, g.effort_id]));
    const existingIndicators = new Map(data.indicators.map((i) => [i.id, i.effort_id]));
    const message = (m: string) => translate(actor.locale, hasMessage(m) ? m : 'import.invalid_value');

    /** A key of this file, or an existing record's id; the same key twice in a sheet is an error. */
    const claim = (row: RowReader, seen: Map<string, string>, key: string, existing: (id: string) => boolean) => {
      if (seen.has(lower(key))) row.fail('nøgle', 'import.duplicate_key', { key });
      const id = isId(key) && existing(key.toLowerCase()) ? key.toLowerCase() : randomUUID();
      seen.set(lower(key), id);
      return { id, existing: id === key.toLowerCase() };
    };
    const resolve = (row: RowReader, column: string, seen: Map<string, string>, existing: Map<string, unknown>) => {
      const key = row.text(column, { required: true });
      if (!key) return null;
      const id = seen.get(lower(key)) ?? (existing.has(key.toLowerCase()) ? key.toLowerCase() : null);
      if (!id) row.fail(column, 'import.unknown_reference', { key });
      return id;
    };
    const named = (row: RowReader, column: string, keys: Map<string, string>) =>
      row.items(column).flatMap((name) => {
        const id = keys.get(lower(name));
        if (!id) row.fail(column, 'import.not_found', { key: name });
        return id ? [id] : [];
      });

    const effortKeys = new Map<string, string>();
    for (const row of rowsOf(errors, 'efforts', rows.efforts)) {
      const { id, existing } = claim(row, effortKeys, row.text('nøgle', { required: true }), (k) => existingEfforts.has(k));
      const ownerText = row.text('ejerenhed', { required: true });
      const functionText = row.text('ansvarlig funktion');
      const input = {
        title: row.text('titel', { required: true }),
        description: row.text('beskrivelse') || null,
        level: row.choice('niveau', WORDS.level, { required: true }),
        inScope: row.bool('i skærelinjen'),
        ownerOrganisationId: organisations.get(lower(ownerText)) ?? '',
        responsibleFunctionId: functionText ? (functions.get(lower(functionText)) ?? '') : null,
        partnerOrganisationIds: named(row, 'partnere', organisations),
        forumIds: named(row, 'fora', forums),
        ageMin: row.number('alder fra', { required: true }),
        ageMax: row.number('alder til', { required: true }),
        riskProfile: row.choice('risikoprofil', WORDS.risk, { fallback: 'all' }),
        derivedGroups: row.items('afledt målgruppe').map((w) => Object.entries(WORDS.derived).find(([c, d]) => lower(w) === c || lower(w) === d)?.[0] ?? w),
        districts: row.items('bydele'),
        legalBasisIds: named(row, 'lovgrundlag', legalBases),
        status: row.choice('status', WORDS.status, { fallback: 'planned' }),
        periodStart: row.date('periode start', { required: true }),
        periodEnd: row.date('periode slut'),
        evidenceRating: row.choice('evidens', WORDS.evidence, { fallback: 'unknown' }),
        evidenceDocumentation: row.text('dokumentation') || null,
      };
      if (ownerText && !input.ownerOrganisationId) row.fail('ejerenhed', 'import.not_found', { key: ownerText });
      if (functionText && !input.responsibleFunctionId) row.fail('ansvarlig funktion', 'import.not_found', { key: functionText });
      const before = existing ? existingEfforts.get(id)! : null;
      // An existing effort moves only as its status allows; a new one (history brought over from
      // another system or municipality) may arrive in any status.
      const status = input.status as TEffortStatus | undefined;
      if (status && before && status !== before.status && !STATUS_TRANSITIONS[before.status as TEffortStatus].includes(status)) row.fail('status', 'problem.status_transition');
      const parsed = ZEffortCreate.safeParse({ ...input, status: 'planned' });
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const column = FIELD_COLUMNS[String(issue.path[0])] ?? 'nøgle';
          // Missing values were reported by the reader already.
          if (!row.hasError(column)) row.failText(column, message(issue.message));
        }
        continue;
      }
      for (const e of checkReferences(data.refs, parsed.data)) {
        if (e.message === 'problem.unknown_district') row.fail('bydele', 'problem.unknown_district');
      }
      plan.efforts.push({ id, existing: before, fields: { ...parsed.data, status: status ?? (before?.status as TEffortStatus) ?? 'planned' } as EffortFields });
    }

    const goalKeys = new Map<string, string>();
    for (const row of rowsOf(errors, 'goals', rows.goals)) {
      const effortId = resolve(row, 'indsats', effortKeys, existingEfforts);
      const { id, existing } = claim(row, goalKeys, row.text('nøgle', { required: true }), (k) => existingGoals.get(k) === effortId);
      const parsed = ZGoalInput.safeParse({ title: row.text('titel', { required: true }), description: row.text('beskrivelse') || null });
      if (effortId && parsed.success) plan.goals.push({ id, effortId, existing, title: parsed.data.title, description: parsed.data.description ?? null });
    }

    const indicatorKeys = new Map<string, string>();
    const goalEffort = new Map([...data.goals.map((g) => [g.id, g.effort_id] as const), ...plan.goals.map((g) => [g.id, g.effortId] as const)]);
    for (const row of rowsOf(errors, 'indicators', rows.indicators)) {
      const goalId = resolve(row, 'mål', goalKeys, existingGoals);
      const effortId = goalId ? goalEffort.get(goalId) : undefined;
      const { id, existing } = claim(row, indicatorKeys, row.text('nøgle', { required: true }), (k) => effortId !== undefined && existingIndicators.get(k) === effortId);
      const parsed = ZIndicatorInput.safeParse({
        name: row.text('navn', { required: true }),
        unit: row.text('enhed', { required: true }),
        baseline: row.number('udgangspunkt', { required: true }),
        target: row.number('målværdi', { required: true }),
        direction: row.choice('retning', WORDS.direction, { fallback: 'increase' }),
        periodStart: row.date('periode start', { required: true }),
        periodEnd: row.date('periode slut', { required: true }),
        countsParticipants: row.bool('tæller deltagere'),
      });
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const column = FIELD_COLUMNS[String(issue.path[0])] ?? 'nøgle';
          if (!row.hasError(column)) row.failText(column, message(issue.message));
        }
      } else if (goalId && effortId) plan.indicators.push({ id, goalId, effortId, existing, fields: parsed.data });
    }

    const measured = new Set<string>();
    for (const row of rowsOf(errors, 'measurements', rows.measurements)) {
      const indicatorId = resolve(row, 'indikator', indicatorKeys, existingIndicators);
      const measuredOn = row.date('dato', { required: true });
      if (measuredOn && measuredOn > danishToday()) row.fail('dato', 'problem.measurement_in_future');
      const value = row.number('værdi', { required: true });
      const note = row.text('note', { max: 500 }) || null;
      if (indicatorId && measuredOn) {
        if (measured.has(`${indicatorId}|${measuredOn}`)) row.fail('dato', 'import.measurement_twice');
        measured.add(`${indicatorId}|${measuredOn}`);
      }
      if (indicatorId && measuredOn && value !== null) plan.measurements.push({ indicator_id: indicatorId, measured_on: measuredOn, value, note, entered_by: actor.userId });
    }

    const economyRows = [...rowsOf(errors, 'budget', rows.budget).map((r) => ['budget', r] as const), ...rowsOf(errors, 'hours', rows.hours).map((r) => ['hours', r] as const)];
    if (economyRows.length > 0 && !can(actor, 'editEconomy', effortRegister(requireMunicipality(actor)))) {
      economyRows[0][1].fail('indsats', 'import.economy_forbidden');
    }
    const economyKeys = new Set<string>();
    for (const [sheet, row] of economyRows) {
      const effortId = resolve(row, 'indsats', effortKeys, existingEfforts);
      const year = row.number('år', { required: true, min: 2000, max: 2100, integer: true });
      const demo = row.bool('demodata');
      if (sheet === 'budget') {
        const kind = row.choice('art', WORDS.kind, { required: true });
        const budget = row.number('budget', { required: true, min: 0, max: 1_000_000_000 });
        const actual = row.number('forbrug', { min: 0, max: 1_000_000_000 });
        const key = `${effortId}|${year}|${kind}`;
        if (economyKeys.has(key)) row.fail('art', 'import.budget_twice');
        economyKeys.add(key);
        if (effortId && year !== null && kind && budget !== null) plan.budget.push({ effort_id: effortId, year, kind, budget: round2(budget), actual: actual === null ? null : round2(actual), is_demo: demo });
      } else {
        const functionText = row.text('funktion', { required: true });
        const functionId = functions.get(lower(functionText));
        if (functionText && !functionId) row.fail('funktion', 'import.not_found', { key: functionText });
        const hours = row.number('timer', { required: true, min: 0, max: 100_000 });
        const key = `${effortId}|${year}|${functionId}`;
        if (economyKeys.has(key)) row.fail('funktion', 'import.hours_twice');
        economyKeys.add(key);
        if (effortId && year !== null && functionId && hours !== null) plan.hours.push({ effort_id: effortId, year, function_id: functionId, hours, is_demo: demo });
      }
    }
    return plan;
  }

  private async write(trx: Transaction<Database>, actor: Actor, plan: Plan): Promise<void> {
    const municipalityId = requireMunicipality(actor);
    const today = danishToday();
    const reason = actor.locale === 'en' ? 'Imported from a file' : 'Indlæst fra fil';
    for (const e of plan.efforts) {
      const columns = effortColumns(e.fields);
      if (e.existing) {
        await repo.updateEffort(trx, e.id, { ...columns, assumptions: keptEffortAssumptions(e.existing, columns), status: e.fields.status, updated_by: actor.userId });
        if (e.existing.status !== e.fields.status) {
          await repo.insertStatusChange(trx, { effort_id: e.id, previous_status: e.existing.status, status: e.fields.status, effective_on: today, reason, changed_by: actor.userId });
        }
      } else {
        await repo.insertEffort(trx, { ...columns, id: e.id, municipality_id: municipalityId, status: e.fields.status, created_by: actor.userId, updated_by: actor.userId });
        await repo.insertStatusChange(trx, { effort_id: e.id, previous_status: null, status: e.fields.status, effective_on: e.fields.periodStart, reason, changed_by: actor.userId });
      }
    }
    let position = 0;
    for (const g of plan.goals) {
      if (g.existing) await repo.updateGoal(trx, g.id, { title: g.title, description: g.description });
      else await repo.insertGoal(trx, { id: g.id, effort_id: g.effortId, title: g.title, description: g.description, position: position++ });
    }
    for (const i of plan.indicators) {
      const columns = {
        name: i.fields.name, unit: i.fields.unit, baseline: i.fields.baseline, target: i.fields.target, direction: i.fields.direction,
        period_start: i.fields.periodStart, period_end: i.fields.periodEnd, counts_participants: i.fields.countsParticipants,
      };
      if (i.existing) await repo.updateIndicator(trx, i.id, columns);
      else await repo.insertIndicator(trx, { ...columns, id: i.id, goal_id: i.goalId, effort_id: i.effortId });
    }
    await repo.upsertImported(trx, plan);
  }
}

const round2 = (n: number) => Math.round(n * 100) / 100;
