import type { Kysely, Transaction, Updateable } from 'kysely';
import type { z } from 'zod';
import type { TLocale } from '../../../contracts/common.ts';
import {
  STATUS_TRANSITIONS,
  type TBudgetKind,
  type TEconomy,
  type TEconomyQuery,
  type TEffortDetail,
  type TEffortList,
  type TEffortListQuery,
  type TEffortStatus,
  type TEffortSummary,
  type TEffortYear,
  type TGoal,
  type TLegalBasis,
  type TDistricts,
  type TPeer,
  type TPeerComparison,
  type TPeerProfile,
  type TTriangle,
  type TTriangleLabels,
  type TTriangleQuery,
  ZEffortCreate,
  ZEffortInput,
  ZEffortYearInput,
  ZGoalInput,
  ZIndicatorInput,
  ZLegalBasisInput,
  ZMeasurementInput,
  ZStatusChangeInput,
} from '../../../contracts/efforts.ts';
import { TRIANGLE_LEVELS, type TTriangleLevel } from '../../../contracts/organisation.ts';
import { type Actor, requireMunicipality } from '../../platform/access/actor.ts';
import { abilitiesOf, can, sees } from '../../platform/access/decision.ts';
import { appendAuditEntries } from '../../platform/audit/audit-chain.ts';
import { type RequestContext, auditActor } from '../../platform/context.ts';
import { danishToday, startOfDanishDay } from '../../platform/danish-time.ts';
import { asOfInstant } from '../../platform/db/valid-time.ts';
import { canonicalJson } from '../../platform/audit/audit-chain.ts';
import { readDataVersions } from '../../platform/db/data-versions.ts';
import { unscoped } from '../../platform/db/data-scope.ts';
import type { Database } from '../../platform/db/schema.ts';
import { runChange } from '../../platform/db/unit-of-work.ts';
import { ViewCache } from '../../platform/view-cache.ts';
import { type FieldError, Problem, conflict, invalidField, notFound, problemType } from '../../platform/errors.ts';
import type { TAuditAction } from '../../../contracts/audit.ts';
import * as mapReader from '../organisation/organisation.public.ts';
import type { MapScope } from '../organisation/organisation.public.ts';
import { ragStatus } from './efforts.indicators.ts';
import { keptAssumptions } from '../../platform/assumptions.ts';
import { ownEntry } from '../../platform/reference-list.ts';
import type { TForYou } from '../../../contracts/notifications.ts';
import { effortRegister, effortResource, legalBasisResource } from './efforts.policy.ts';
import * as repo from './efforts.repository.ts';

type EffortFields = z.output<typeof ZEffortInput>;

export const DEFAULT_TRIANGLE_LABELS: Record<TLocale, TTriangleLabels> = {
  da: { general: 'Generel', targeted: 'Målrettet', individual: 'Individorienteret' },
  en: { general: 'General', targeted: 'Targeted', individual: 'Individual' },
};

/** A full-time week in the Danish public sector: hours → FTE (årsværk). */
export const FULL_TIME_HOURS = 37;

const num = (v: string | number) => Number(v);
const numOrNull = (v: string | number | null) => (v === null ? null : Number(v));
const round2 = (n: number) => Math.round(n * 100) / 100;

/** The map records an effort may point at, read once per write (or once per import). */
export interface EffortReferences {
  organisations: Map<string, { name: string }>;
  functions: Map<string, { title: string }>;
  forums: Map<string, { name: string }>;
  /** The national list and the municipality's own entries, retired ones included. */
  legalBases: Map<string, repo.LegalBasisRow>;
  /** The municipality's list of districts; an effort may only name these. */
  districts: Set<string>;
}

/** Field errors for references in an effort that point at nothing the municipality has. */
export function checkReferences(refs: EffortReferences, e: EffortFields): FieldError[] {
  const errors: FieldError[] = [];
  const missing = (field: string) => errors.push({ field, message: 'problem.reference_not_found' });
  if (!refs.organisations.has(e.ownerOrganisationId)) missing('ownerOrganisationId');
  if (e.responsibleFunctionId && !refs.functions.has(e.responsibleFunctionId)) missing('responsibleFunctionId');
  e.partnerOrganisationIds.forEach((id, i) => refs.organisations.has(id) || missing(`partnerOrganisationIds.${i}`));
  e.forumIds.forEach((id, i) => refs.forums.has(id) || missing(`forumIds.${i}`));
  e.legalBasisIds.forEach((id, i) => refs.legalBases.has(id) || missing(`legalBasisIds.${i}`));
  e.districts.forEach((d, i) => refs.districts.has(d) || errors.push({ field: `districts.${i}`, message: 'problem.unknown_district' }));
  return errors;
}

const unique = <T>(items: readonly T[]) => [...new Set(items)];

/** The columns an effort's fields become. */
export function effortColumns(e: EffortFields) {
  return {
    title: e.title,
    description: e.description ?? null,
    triangle_level: e.level,
    in_scope: e.inScope,
    owner_organisation_id: e.ownerOrganisationId,
    responsible_function_id: e.responsibleFunctionId ?? null,
    partner_organisation_ids: unique(e.partnerOrganisationIds),
    forum_ids: unique(e.forumIds),
    age_min: e.ageMin,
    age_max: e.ageMax,
    risk_profile: e.riskProfile,
    derived_groups: unique(e.derivedGroups),
    districts: unique(e.districts),
    legal_basis_ids: unique(e.legalBasisIds),
    period_start: e.periodStart,
    period_end: e.periodEnd ?? null,
    evidence_rating: e.evidenceRating,
    evidence_documentation: e.evidenceDocumentation ?? null,
  };
}

/** The effort's assumed fields that a change leaves as they were (a changed field is the editor's own). */
export const keptEffortAssumptions = (before: Pick<repo.EffortRow, 'assumptions'> & Record<string, unknown>, columns: ReturnType<typeof effortColumns>) =>
  JSON.stringify(keptAssumptions(before.assumptions, before, columns));

const validation = (errors: FieldError[]) =>
  new Problem(422, problemType('validation'), 'problem.validation', { detailKey: 'problem.validation.detail', errors });

interface MunicipalitySettings {
  triangleLevelLabels?: TTriangleLabels;
  districts?: string[];
}

/** The version counter of a municipality's efforts: raised by every change the views show. */
export const effortsVersionKey = (municipalityId: string) => `e:${municipalityId}`;

export class EffortsService {
  private readonly views = new ViewCache(500);

  constructor(private readonly db: Kysely<Database>) {}

  private scopeOf(actor: Actor): MapScope {
    return { municipalityId: requireMunicipality(actor), policeDistrictId: actor.policeDistrictId };
  }

  // --- settings: level words, districts, legal bases ----------------------------------------

  private async settingsOf(municipalityId: string): Promise<MunicipalitySettings> {
    const municipality = await mapReader.findMunicipality(this.db, municipalityId);
    return (municipality?.settings as MunicipalitySettings | undefined) ?? {};
  }

  async triangleLabels(actor: Actor): Promise<TTriangleLabels> {
    return (await this.settingsOf(requireMunicipality(actor))).triangleLevelLabels ?? DEFAULT_TRIANGLE_LABELS[actor.locale];
  }

  async setTriangleLabels(actor: Actor, labels: TTriangleLabels, ctx: RequestContext): Promise<TTriangleLabels> {
    await this.changeSettings(actor, { triangleLevelLabels: labels }, 'settings.triangle_labels_changed', ctx);
    return labels;
  }

  async districts(actor: Actor): Promise<TDistricts> {
    const municipality = await mapReader.findMunicipality(this.db, requireMunicipality(actor));
    return { districts: (municipality?.settings as MunicipalitySettings | undefined)?.districts ?? [], assumed: municipality?.assumptions.districts ?? null };
  }

  async setDistricts(actor: Actor, districts: string[], ctx: RequestContext): Promise<TDistricts> {
    const list = unique(districts).sort((a, b) => a.localeCompare(b, 'da'));
    await this.changeSettings(actor, { districts: list }, 'settings.districts_changed', ctx);
    return { districts: list, assumed: null };
  }

  private async changeSettings(actor: Actor, change: MunicipalitySettings, action: TAuditAction, ctx: RequestContext): Promise<void> {
    const municipalityId = requireMunicipality(actor);
    await runChange(this.db, ctx, async (trx) => {
      await mapReader.mergeMunicipalitySettings(trx, municipalityId, change);
      await appendAuditEntries(trx, [{ ...auditActor(ctx), action, entityType: 'municipality', entityId: municipalityId, after: change }]);
    }, { touches: [effortsVersionKey(municipalityId)] });
  }

  /** The national list and the municipality's own entries; retired ones only with `includeRetired`. */
  async legalBases(actor: Actor, includeRetired: boolean): Promise<TLegalBasis[]> {
    const rows = await repo.listLegalBases(this.db, requireMunicipality(actor));
    return rows.filter((l) => includeRetired || !l.retired_at).map((l) => presentLegalBasis(l, actor));
  }

  /** A municipality's own entry: seen and audited there; the national list is the platform's. */
  async addLegalBasis(actor: Actor, input: z.input<typeof ZLegalBasisInput>, ctx: RequestContext): Promise<TLegalBasis> {
    const parsed = ZLegalBasisInput.parse(input);
    const municipalityId = requireMunicipality(actor);
    return runChange(this.db, ctx, async (trx) => {
      const id = await repo.insertLegalBasis(trx, municipalityId, parsed.law, parsed.section ?? null);
      if (!id) throw conflict('problem.legal_basis_exists', [{ field: 'law', message: 'problem.legal_basis_exists' }]);
      await appendAuditEntries(trx, [{ ...auditActor(ctx), municipalityId, action: 'legal_basis.created', entityType: 'legal_basis', entityId: id, after: parsed }]);
      return presentLegalBasis({ id, municipality_id: municipalityId, law: parsed.law, section: parsed.section ?? null, retired_at: null }, actor);
    }, { touches: [effortsVersionKey(municipalityId)] });
  }

  /**
   * Retires one of the municipality's own entries: it leaves the choices, while efforts that cite
   * it keep showing it. Another municipality's entry is 404; a national one cannot be retired here.
   */
  async retireLegalBasis(actor: Actor, id: string, ctx: RequestContext): Promise<void> {
    const municipalityId = requireMunicipality(actor);
    await runChange(this.db, ctx, async (trx) => {
      const basis = ownEntry(await repo.findLegalBasis(trx, id), municipalityId);
      // Not locked on reading: a national row is not the municipality's to lock (row-level
      // security), so the retirement itself decides a race.
      if (basis.retired_at || !(await repo.retireLegalBasis(trx, id, actor.userId))) return;
      await appendAuditEntries(trx, [{ ...auditActor(ctx), municipalityId, action: 'legal_basis.retired', entityType: 'legal_basis', entityId: id, before: { law: basis.law, section: basis.section } }]);
    }, { touches: [effortsVersionKey(municipalityId)] });
  }

  // --- reading ------------------------------------------------------------------------------

  /** The map records (current, or as of an instant) and lists an effort of this municipality may point at. */
  async references(scope: MapScope, asOf: Date | null = null): Promise<EffortReferences> {
    const [organisations, functions, forums, legalBases, settings] = await Promise.all([
      mapReader.listOrganisations(this.db, scope, asOf),
      mapReader.listFunctions(this.db, scope, asOf),
      mapReader.listForums(this.db, scope, asOf),
      repo.listLegalBases(this.db, scope.municipalityId),
      this.settingsOf(scope.municipalityId),
    ]);
    return {
      organisations: new Map(organisations.map((o) => [o.id, { name: o.name }])),
      functions: new Map(functions.map((f) => [f.id, { title: f.title }])),
      forums: new Map(forums.map((f) => [f.id, { name: f.name }])),
      legalBases: new Map(legalBases.map((l) => [l.id, l])),
      districts: new Set(settings.districts ?? []),
    };
  }

  /** Names from the map as it was when the efforts are read as of: a unit removed since keeps its name there. */
  private names(scope: MapScope, asOf: Date | null = null) {
    return mapReader.listNames(this.db, scope, asOf);
  }

  /**
   * A view that is the same for every reader with the same sight of the economy (the list, the
   * triangle, the economy overview) as JSON text, computed once per version of the efforts and
   * of the map (see ViewCache).
   */
  async cachedView(actor: Actor, view: string, params: unknown, compute: () => Promise<unknown>): Promise<string> {
    const scope = this.scopeOf(actor);
    const versions = await readDataVersions(this.db, [...mapReader.mapVersionKeys(scope), effortsVersionKey(scope.municipalityId)]);
    // Today is in the key: without a year the views show the current one.
    const economy = can(actor, 'readEconomy', effortRegister(scope.municipalityId));
    return this.views.json([view, scope.municipalityId, canonicalJson(params), actor.locale, economy, danishToday(), versions].join('|'), compute);
  }

  async list(actor: Actor, query: TEffortListQuery): Promise<TEffortList> {
    checkAgeRange(query);
    const scope = this.scopeOf(actor);
    const asOf = asOfInstant(query.asOf);
    const [rows, names] = await Promise.all([
      repo.listEfforts(this.db, { municipalityId: scope.municipalityId, ...query, asOf }, { limit: query.limit, offset: query.offset }),
      this.names(scope, asOf),
    ]);
    return { total: rows[0]?.total ?? 0, items: rows.map((r) => presentSummary(r, names)) };
  }

  /** One effort, as it is or (asOf) as it was; one that did not exist then is 404. */
  async detail(actor: Actor, id: string, asOfGiven?: string): Promise<TEffortDetail> {
    const scope = this.scopeOf(actor);
    const asOf = asOfInstant(asOfGiven);
    const effort = await repo.findEffort(this.db, scope.municipalityId, id, asOf);
    if (!effort || !sees(actor, effortResource(effort))) throw notFound();
    const [refs, history, parts] = await Promise.all([
      this.references(scope, asOf),
      repo.listStatusChanges(this.db, id),
      repo.loadEffortParts(this.db, id),
    ]);
    const resource = effortResource(effort);
    const names = { organisations: new Map([...refs.organisations].map(([k, v]) => [k, v.name])), functions: new Map([...refs.functions].map(([k, v]) => [k, v.title])) };
    const named = (ids: string[], map: Map<string, { name: string }>) => ids.flatMap((i) => (map.has(i) ? [{ id: i, name: map.get(i)!.name }] : []));
    return {
      ...presentSummary(effort, names),
      description: effort.description,
      partners: named(effort.partner_organisation_ids, refs.organisations),
      forums: named(effort.forum_ids, refs.forums),
      derivedGroups: effort.derived_groups as TEffortDetail['derivedGroups'],
      legalBases: effort.legal_basis_ids.flatMap((l) => (refs.legalBases.has(l) ? [presentLegalBasis(refs.legalBases.get(l)!, actor)] : [])),
      evidenceDocumentation: effort.evidence_documentation,
      assumptions: effort.assumptions,
      statusHistory: history.map((h) => ({
        status: h.status as TEffortStatus,
        previousStatus: h.previous_status as TEffortStatus | null,
        effectiveOn: h.effective_on,
        reason: h.reason,
        at: h.changed_at.toISOString(),
        actorName: h.actor_name,
      })),
      goals: presentGoals(parts),
      economy: can(actor, 'readEconomy', resource) ? presentEconomy(parts, names.functions) : null,
      updatedAt: effort.updated_at.toISOString(),
      abilities: abilitiesOf(actor, resource),
    };
  }

  // --- changing an effort -------------------------------------------------------------------

  private async validated(scope: MapScope, input: unknown, schema: typeof ZEffortInput | typeof ZEffortCreate) {
    const parsed = schema.parse(input);
    const errors = checkReferences(await this.references(scope), parsed);
    if (errors.length > 0) throw validation(errors);
    return parsed;
  }

  async create(actor: Actor, input: z.input<typeof ZEffortCreate>, ctx: RequestContext): Promise<TEffortDetail> {
    const scope = this.scopeOf(actor);
    const parsed = (await this.validated(scope, input, ZEffortCreate)) as z.output<typeof ZEffortCreate>;
    const id = await runChange(this.db, ctx, async (trx) => {
      const id = await repo.insertEffort(trx, { ...effortColumns(parsed), municipality_id: scope.municipalityId, status: parsed.status, created_by: actor.userId, updated_by: actor.userId });
      await repo.insertStatusChange(trx, { effort_id: id, previous_status: null, status: parsed.status, effective_on: parsed.periodStart, reason: createdReason(actor.locale), changed_by: actor.userId });
      await appendAuditEntries(trx, [{ ...auditActor(ctx), action: 'effort.created', entityType: 'effort', entityId: id, after: parsed }]);
      return id;
    }, { touches: [effortsVersionKey(scope.municipalityId)] });
    return this.detail(actor, id);
  }

  async update(actor: Actor, id: string, input: z.input<typeof ZEffortInput>, ctx: RequestContext): Promise<TEffortDetail> {
    const scope = this.scopeOf(actor);
    const parsed = await this.validated(scope, input, ZEffortInput);
    await runChange(this.db, ctx, async (trx) => {
      const before = await repo.lockEffort(trx, scope.municipalityId, id);
      if (!before) throw notFound();
      const columns = effortColumns(parsed);
      await repo.updateEffort(trx, id, { ...columns, assumptions: keptEffortAssumptions(before, columns), updated_by: actor.userId });
      await appendAuditEntries(trx, [{ ...auditActor(ctx), action: 'effort.updated', entityType: 'effort', entityId: id, before: changedColumns(before, columns, 'before'), after: changedColumns(before, columns, 'after') }]);
    }, { touches: [effortsVersionKey(scope.municipalityId)] });
    return this.detail(actor, id);
  }

  /**
   * Moves an effort to another status, dated and with a reason. Ending it closes its period on
   * that day; resuming an ended effort reopens the period.
   */
  async changeStatus(actor: Actor, id: string, input: z.input<typeof ZStatusChangeInput>, ctx: RequestContext): Promise<TEffortDetail> {
    const parsed = ZStatusChangeInput.parse(input);
    const municipalityId = requireMunicipality(actor);
    const effectiveOn = parsed.effectiveOn ?? danishToday();
    await runChange(this.db, ctx, async (trx) => {
      const effort = await repo.lockEffort(trx, municipalityId, id);
      if (!effort) throw notFound();
      const from = effort.status as TEffortStatus;
      if (!STATUS_TRANSITIONS[from].includes(parsed.status)) throw invalidField('status', 'problem.status_transition');
      const latest = await repo.latestStatusChange(trx, id);
      if (latest && effectiveOn < latest.effective_on) throw invalidField('effectiveOn', 'problem.effective_before_start');
      const changes: Updateable<Database['efforts']> = { status: parsed.status, updated_by: actor.userId };
      if (parsed.status === 'ended' && (effort.period_end === null || effort.period_end > effectiveOn)) changes.period_end = effectiveOn < effort.period_start ? effort.period_start : effectiveOn;
      if (from === 'ended' && parsed.status === 'active') changes.period_end = null;
      // In valid time the new status holds from the day it takes effect, but not ahead of now:
      // the efforts row, which lists read, changes now.
      await repo.updateEffort(trx, id, changes, new Date(Math.min(startOfDanishDay(effectiveOn).getTime(), Date.now())));
      await repo.insertStatusChange(trx, { effort_id: id, previous_status: from, status: parsed.status, effective_on: effectiveOn, reason: parsed.reason, changed_by: actor.userId });
      await appendAuditEntries(trx, [
        { ...auditActor(ctx), action: 'effort.status_changed', entityType: 'effort', entityId: id, before: { status: from }, after: { status: parsed.status, effectiveOn, reason: parsed.reason } },
      ]);
    }, { touches: [effortsVersionKey(municipalityId)] });
    return this.detail(actor, id);
  }

  // --- goals, indicators, measurements -------------------------------------------------------

  /** Runs a change to an effort's parts in a transaction with its audit row; 404 outside the municipality. */
  private async changeParts(
    actor: Actor,
    effortId: string,
    ctx: RequestContext,
    change: (trx: Transaction<Database>) => Promise<{ action: TAuditAction; entityType: string; entityId: string; before?: unknown; after?: unknown }>,
  ): Promise<TEffortDetail> {
    const municipalityId = requireMunicipality(actor);
    await runChange(this.db, ctx, async (trx) => {
      if (!(await repo.lockEffort(trx, municipalityId, effortId))) throw notFound();
      const audit = await change(trx);
      await repo.updateEffort(trx, effortId, { updated_by: actor.userId });
      await appendAuditEntries(trx, [{ ...auditActor(ctx), ...audit }]);
    }, { touches: [effortsVersionKey(municipalityId)] });
    return this.detail(actor, effortId);
  }

  addGoal(actor: Actor, effortId: string, input: z.input<typeof ZGoalInput>, ctx: RequestContext) {
    const goal = ZGoalInput.parse(input);
    return this.changeParts(actor, effortId, ctx, async (trx) => {
      const position = await repo.nextGoalPosition(trx, effortId);
      const id = await repo.insertGoal(trx, { effort_id: effortId, title: goal.title, description: goal.description ?? null, position });
      return { action: 'effort.goal_changed', entityType: 'effort_goal', entityId: id, after: goal };
    });
  }

  updateGoal(actor: Actor, effortId: string, goalId: string, input: z.input<typeof ZGoalInput>, ctx: RequestContext) {
    const goal = ZGoalInput.parse(input);
    return this.changeParts(actor, effortId, ctx, async (trx) => {
      const before = await repo.findGoal(trx, effortId, goalId);
      if (!before) throw notFound();
      const after = { title: goal.title, description: goal.description ?? null };
      await repo.updateGoal(trx, goalId, { ...after, assumptions: JSON.stringify(keptAssumptions(before.assumptions, before, after)) });
      return { action: 'effort.goal_changed', entityType: 'effort_goal', entityId: goalId, before: { title: before.title, description: before.description }, after: goal };
    });
  }

  removeGoal(actor: Actor, effortId: string, goalId: string, ctx: RequestContext) {
    return this.changeParts(actor, effortId, ctx, async (trx) => {
      const before = await repo.findGoal(trx, effortId, goalId);
      if (!before) throw notFound();
      await repo.deleteIndicators(trx, { goalId });
      await repo.deleteGoal(trx, goalId);
      return { action: 'effort.goal_changed', entityType: 'effort_goal', entityId: goalId, before: { title: before.title, description: before.description }, after: null };
    });
  }

  addIndicator(actor: Actor, effortId: string, goalId: string, input: z.input<typeof ZIndicatorInput>, ctx: RequestContext) {
    const indicator = ZIndicatorInput.parse(input);
    return this.changeParts(actor, effortId, ctx, async (trx) => {
      if (!(await repo.findGoal(trx, effortId, goalId))) throw notFound();
      const id = await repo.insertIndicator(trx, { ...indicatorColumns(indicator), goal_id: goalId, effort_id: effortId });
      return { action: 'effort.indicator_changed', entityType: 'effort_indicator', entityId: id, after: indicator };
    });
  }

  updateIndicator(actor: Actor, effortId: string, indicatorId: string, input: z.input<typeof ZIndicatorInput>, ctx: RequestContext) {
    const indicator = ZIndicatorInput.parse(input);
    return this.changeParts(actor, effortId, ctx, async (trx) => {
      const before = await repo.findIndicator(trx, effortId, indicatorId);
      if (!before) throw notFound();
      await repo.updateIndicator(trx, indicatorId, indicatorColumns(indicator));
      return { action: 'effort.indicator_changed', entityType: 'effort_indicator', entityId: indicatorId, before: { name: before.name, target: num(before.target) }, after: indicator };
    });
  }

  removeIndicator(actor: Actor, effortId: string, indicatorId: string, ctx: RequestContext) {
    return this.changeParts(actor, effortId, ctx, async (trx) => {
      const before = await repo.findIndicator(trx, effortId, indicatorId);
      if (!before) throw notFound();
      await repo.deleteIndicators(trx, { indicatorId });
      return { action: 'effort.indicator_changed', entityType: 'effort_indicator', entityId: indicatorId, before: { name: before.name }, after: null };
    });
  }

  recordMeasurement(actor: Actor, effortId: string, indicatorId: string, input: z.input<typeof ZMeasurementInput>, ctx: RequestContext) {
    const measurement = ZMeasurementInput.parse(input);
    if (measurement.measuredOn > danishToday()) throw invalidField('measuredOn', 'problem.measurement_in_future');
    return this.changeParts(actor, effortId, ctx, async (trx) => {
      if (!(await repo.findIndicator(trx, effortId, indicatorId))) throw notFound();
      await repo.upsertMeasurement(trx, { indicator_id: indicatorId, measured_on: measurement.measuredOn, value: measurement.value, note: measurement.note ?? null, entered_by: actor.userId });
      return { action: 'effort.measurement_recorded', entityType: 'effort_indicator', entityId: indicatorId, after: measurement };
    });
  }

  removeMeasurement(actor: Actor, effortId: string, measurementId: string, ctx: RequestContext) {
    return this.changeParts(actor, effortId, ctx, async (trx) => {
      const before = await repo.findMeasurement(trx, effortId, measurementId);
      if (!before) throw notFound();
      await repo.deleteMeasurement(trx, measurementId);
      return { action: 'effort.measurement_removed', entityType: 'effort_indicator', entityId: before.indicator_id, before: { measuredOn: before.measured_on, value: num(before.value) } };
    });
  }

  // --- economy ------------------------------------------------------------------------------

  /** Replaces a year's budget lines and staff hours. Entered amounts are real: the demo mark goes. */
  async setYear(actor: Actor, effortId: string, year: number, input: z.input<typeof ZEffortYearInput>, ctx: RequestContext): Promise<TEffortDetail> {
    const parsed = ZEffortYearInput.parse(input);
    const refs = await this.references(this.scopeOf(actor));
    const errors: FieldError[] = [];
    parsed.hours.forEach((h, i) => refs.functions.has(h.functionId) || errors.push({ field: `hours.${i}.functionId`, message: 'problem.reference_not_found' }));
    if (errors.length > 0) throw validation(errors);
    return this.changeParts(actor, effortId, ctx, async (trx) => {
      await repo.replaceYear(
        trx,
        effortId,
        year,
        parsed.lines.map((l) => ({ effort_id: effortId, year, kind: l.kind, budget: l.budget, actual: l.actual ?? null, is_demo: false })),
        parsed.hours.map((h) => ({ effort_id: effortId, year, function_id: h.functionId, hours: h.hours, is_demo: false })),
      );
      return { action: 'effort.economy_changed', entityType: 'effort', entityId: effortId, after: { year, ...parsed } };
    });
  }

  // --- the triangle, the economy overview, peers --------------------------------------------

  /**
   * Red indicators of the efforts (not ended) whose responsible function is one the user holds,
   * or whose owner unit is one they work in: the front page's "for you".
   */
  async redIndicators(actor: Actor, held: { functionIds: string[]; organisationIds: string[] }): Promise<TForYou['redIndicators']> {
    const rows = await repo.listIndicatorsWithLatest(this.db, requireMunicipality(actor), held.functionIds, held.organisationIds);
    return rows
      .filter((r) => {
        const target = { baseline: num(r.baseline), target: num(r.target), direction: r.direction as 'increase' | 'decrease', periodStart: r.period_start, periodEnd: r.period_end };
        return ragStatus(target, { value: num(r.latest_value), measuredOn: r.latest_on }) === 'red';
      })
      .map((r) => ({
        effortId: r.effort_id,
        effortTitle: r.effort_title,
        indicatorName: r.name,
        relation: r.responsible_function_id && held.functionIds.includes(r.responsible_function_id) ? ('responsible' as const) : ('owner' as const),
      }));
  }

  async triangle(actor: Actor, query: TTriangleQuery): Promise<TTriangle> {
    checkAgeRange(query);
    const municipalityId = requireMunicipality(actor);
    const year = query.year ?? Number(danishToday().slice(0, 4));
    // Without a status filter the triangle shows what actually runs: the active efforts.
    const status = query.status ?? 'active';
    const asOf = asOfInstant(query.asOf);
    const filter = { municipalityId, level: query.level, status, unit: query.unit, age: query.age, ageFrom: query.ageFrom, ageTo: query.ageTo, district: query.district, year, asOf };
    const economy = can(actor, 'readEconomy', effortRegister(municipalityId));
    const [efforts, labels, money] = await Promise.all([repo.listForTriangle(this.db, filter), this.triangleLabels(actor), economy ? repo.moneyPerEffort(this.db, filter, year) : null]);
    const levelOf = new Map(efforts.map((e) => [e.id, e.triangle_level as TTriangleLevel]));
    const bands = TRIANGLE_LEVELS.map((level) => ({
      level,
      label: labels[level],
      count: 0,
      budget: economy ? 0 : null,
      hours: economy ? 0 : null,
      demo: false,
      efforts: [] as TTriangle['bands'][number]['efforts'],
    }));
    const band = (level: TTriangleLevel) => bands[TRIANGLE_LEVELS.indexOf(level)];
    for (const e of efforts) {
      const b = band(e.triangle_level as TTriangleLevel);
      b.count += 1;
      b.efforts.push({ id: e.id, title: e.title, status: e.status as TEffortStatus });
    }
    for (const m of money?.money ?? []) {
      const b = band(levelOf.get(m.effort_id)!);
      b.budget = round2(b.budget! + num(m.budget));
      b.demo ||= m.demo;
    }
    for (const h of money?.hours ?? []) {
      const b = band(levelOf.get(h.effort_id)!);
      b.hours = round2(b.hours! + num(h.hours));
      b.demo ||= h.demo;
    }
    return { year, status, bands };
  }

  /** The year's money per level, unit and effort; as of an instant, by the levels and owners that held then. */
  async economy(actor: Actor, query: TEconomyQuery): Promise<TEconomy> {
    const scope = this.scopeOf(actor);
    const year = query.year ?? Number(danishToday().slice(0, 4));
    const asOf = asOfInstant(query.asOf);
    const filter = { municipalityId: scope.municipalityId, asOf };
    const [efforts, money, participants, labels, names] = await Promise.all([
      repo.listForEconomy(this.db, scope.municipalityId, year, asOf),
      repo.moneyPerEffort(this.db, filter, year),
      repo.participantsPerEffort(this.db, scope.municipalityId, year),
      this.triangleLabels(actor),
      this.names(scope, asOf),
    ]);
    const moneyOf = new Map(money.money.map((m) => [m.effort_id, m]));
    const hoursOf = new Map(money.hours.map((h) => [h.effort_id, h]));
    const rows = efforts.map((e) => {
      const m = moneyOf.get(e.id);
      const h = hoursOf.get(e.id);
      const budget = m ? num(m.budget) : 0;
      const actual = m ? num(m.actual) : 0;
      const count = participants.get(e.id) ?? null;
      // Cost per participant from what was spent, or from the budget while nothing is booked.
      const spent = actual > 0 ? actual : budget;
      return {
        id: e.id,
        title: e.title,
        level: e.triangle_level as TTriangleLevel,
        unitId: e.owner_organisation_id,
        unitName: names.organisations.get(e.owner_organisation_id) ?? null,
        budget,
        actual,
        hours: h ? num(h.hours) : 0,
        demo: Boolean(m?.demo || h?.demo),
        participants: count,
        costPerParticipant: count && count > 0 ? round2(spent / count) : null,
        costBasis: count && count > 0 ? (actual > 0 ? ('actual' as const) : ('budget' as const)) : null,
      };
    });
    const sum = (items: typeof rows) => ({
      budget: round2(items.reduce((n, r) => n + r.budget, 0)),
      actual: round2(items.reduce((n, r) => n + r.actual, 0)),
      hours: round2(items.reduce((n, r) => n + r.hours, 0)),
    });
    const total = sum(rows);
    const share = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : 0);
    const unitIds = unique(rows.map((r) => r.unitId));
    return {
      year,
      demo: rows.some((r) => r.demo),
      total,
      levels: TRIANGLE_LEVELS.map((level) => {
        const s = sum(rows.filter((r) => r.level === level));
        return { level, label: labels[level], ...s, budgetShare: share(s.budget, total.budget), hoursShare: share(s.hours, total.hours) };
      }),
      units: unitIds
        .map((id) => ({ id, name: names.organisations.get(id) ?? '—', ...sum(rows.filter((r) => r.unitId === id)) }))
        .sort((a, b) => b.budget - a.budget || a.name.localeCompare(b.name, 'da')),
      efforts: rows.map(({ unitId: _u, ...r }) => r),
    };
  }

  /** A reference municipality: its placement and staff, and what the memo says of it. Any other is a 404. */
  async peer(actor: Actor, id: string): Promise<TPeer> {
    requireMunicipality(actor);
    const peer = await repo.findReferenceMunicipality(this.db, id);
    if (!peer) throw notFound();
    const staff = await unscoped("a reference municipality's staff", () => repo.listStaffOf(this.db, [peer.id], null));
    return {
      id: peer.id,
      name: peer.name,
      inhabitants: peer.inhabitants,
      placement: peer.placement,
      staff: staff
        .map((f) => ({ title: f.title, headcount: f.headcount, fte: round2(functionFte(f)), level: f.triangle_level as TTriangleLevel | null, assumed: staffAssumption(f)[0] ?? null }))
        .sort((a, b) => levelRank(a.level) - levelRank(b.level) || a.title.localeCompare(b.title, 'da')),
      profile: peer.profile as TPeerProfile | null,
      assumptions: peer.assumptions,
    };
  }

  /** FTE per level and per 10,000 inhabitants for the municipality and the reference peers, now or as of an instant. */
  async peerComparison(actor: Actor, asOf?: string): Promise<TPeerComparison> {
    const ownId = requireMunicipality(actor);
    const municipalities = await repo.listComparedMunicipalities(this.db, ownId);
    // The peers' own maps, across municipalities: only their functions' levels and FTE leave here, as sums.
    const staff = await unscoped("peers' staff per triangle level, summed", () => repo.listStaffOf(this.db, municipalities.map((m) => m.id), asOfInstant(asOf)));
    return {
      labels: await this.triangleLabels(actor),
      municipalities: municipalities
        .map((m) => {
          const fte = { general: 0, targeted: 0, individual: 0, unassigned: 0 };
          const itsStaff = staff.filter((s) => s.municipality_id === m.id);
          for (const f of itsStaff) {
            const key = (f.triangle_level ?? 'unassigned') as keyof typeof fte;
            fte[key] = round2(fte[key] + functionFte(f));
          }
          const per = (n: number) => (m.inhabitants ? round2((n / m.inhabitants) * 10_000) : 0);
          return {
            id: m.id,
            name: m.name,
            own: m.id === ownId,
            inhabitants: m.inhabitants,
            fte,
            levelsStated: itsStaff.some((f) => f.triangle_level !== null),
            per10k: m.inhabitants ? { general: per(fte.general), targeted: per(fte.targeted), individual: per(fte.individual) } : null,
            assumptions: unique([...(m.assumptions.inhabitants ? [m.assumptions.inhabitants] : []), ...itsStaff.flatMap(staffAssumption)]),
            reference: m.is_reference,
          };
        })
        .sort((a, b) => Number(b.own) - Number(a.own) || a.name.localeCompare(b.name, 'da')),
    };
  }
}

/** Staff without a level (leaders) first, then the triangle from its base. */
const levelRank = (level: TTriangleLevel | null) => (level === null ? -1 : TRIANGLE_LEVELS.indexOf(level));

/** Why a function's FTE is assumed or estimated, if it is: the mark on its FTE or on its hours. */
function staffAssumption(f: { assumptions: Record<string, string> }): string[] {
  const reason = f.assumptions.fte ?? f.assumptions.hours_min ?? f.assumptions.hours_max;
  return reason ? [reason] : [];
}

type StaffHours = { hours_min: string | number | null; hours_max: string | number | null };

/** A function's weekly hours: the middle of its range, or the one end given; null without hours. */
export function weeklyHours(f: StaffHours): number | null {
  const min = numOrNull(f.hours_min);
  const max = numOrNull(f.hours_max);
  return min !== null && max !== null ? (min + max) / 2 : (min ?? max);
}

/**
 * A function's FTE (årsværk): as recorded; else its headcount times its weekly hours over a
 * full-time week; else one per head.
 */
export function functionFte(f: StaffHours & { headcount: number; fte: string | number | null }): number {
  if (f.fte !== null) return Number(f.fte);
  const hours = weeklyHours(f);
  return hours === null ? f.headcount : (f.headcount * hours) / FULL_TIME_HOURS;
}

/** An age range from above its end finds nothing: say so at the field instead. */
function checkAgeRange(query: { ageFrom?: number; ageTo?: number }) {
  if (query.ageFrom !== undefined && query.ageTo !== undefined && query.ageFrom > query.ageTo) throw invalidField('ageTo', 'problem.age_range');
}

const createdReason = (locale: TLocale) => (locale === 'en' ? 'Created' : 'Oprettet');

/** How a legal basis is named on screen and in files: "Retsplejeloven § 115". */
export const legalBasisLabel = (l: { law: string; section: string | null }) => (l.section ? `${l.law} ${l.section}` : l.law);

function presentLegalBasis(l: { id: string; municipality_id: string | null; law: string; section: string | null; retired_at: Date | null }, actor: Actor): TLegalBasis {
  const own = l.municipality_id !== null;
  return {
    id: l.id,
    law: l.law,
    section: l.section,
    label: legalBasisLabel(l),
    national: !own,
    retired: l.retired_at !== null,
    abilities: abilitiesOf(actor, legalBasisResource(l)),
  };
}

function presentSummary(
  r: Pick<repo.EffortRow, 'id' | 'title' | 'triangle_level' | 'in_scope' | 'status' | 'owner_organisation_id' | 'responsible_function_id' | 'age_min' | 'age_max' | 'risk_profile' | 'districts' | 'period_start' | 'period_end' | 'evidence_rating'>,
  names: { organisations: Map<string, string>; functions: Map<string, string> },
): TEffortSummary {
  const ownerName = names.organisations.get(r.owner_organisation_id);
  const functionTitle = r.responsible_function_id ? names.functions.get(r.responsible_function_id) : undefined;
  return {
    id: r.id,
    title: r.title,
    level: r.triangle_level as TTriangleLevel,
    inScope: r.in_scope,
    status: r.status as TEffortStatus,
    owner: ownerName ? { id: r.owner_organisation_id, name: ownerName } : null,
    responsibleFunction: functionTitle && r.responsible_function_id ? { id: r.responsible_function_id, title: functionTitle } : null,
    ageMin: r.age_min,
    ageMax: r.age_max,
    riskProfile: r.risk_profile as TEffortSummary['riskProfile'],
    districts: r.districts,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    evidenceRating: r.evidence_rating as TEffortSummary['evidenceRating'],
  };
}

function indicatorColumns(i: z.output<typeof ZIndicatorInput>) {
  return {
    name: i.name,
    unit: i.unit,
    baseline: i.baseline,
    target: i.target,
    direction: i.direction,
    period_start: i.periodStart,
    period_end: i.periodEnd,
    counts_participants: i.countsParticipants,
  };
}

type Parts = Awaited<ReturnType<typeof repo.loadEffortParts>>;

function presentGoals(parts: Parts): TGoal[] {
  const byIndicator = new Map<string, Parts['measurements']>();
  for (const m of parts.measurements) byIndicator.set(m.indicator_id, [...(byIndicator.get(m.indicator_id) ?? []), m]);
  return parts.goals.map((g) => ({
    id: g.id,
    title: g.title,
    description: g.description,
    assumptions: g.assumptions,
    indicators: parts.indicators
      .filter((i) => i.goal_id === g.id)
      .map((i) => {
        const measurements = (byIndicator.get(i.id) ?? []).map((m) => ({ id: m.id, measuredOn: m.measured_on, value: num(m.value), note: m.note }));
        const latest = measurements.at(-1) ?? null;
        const target = { baseline: num(i.baseline), target: num(i.target), direction: i.direction as 'increase' | 'decrease', periodStart: i.period_start, periodEnd: i.period_end };
        return { id: i.id, name: i.name, unit: i.unit, ...target, countsParticipants: i.counts_participants, latest, rag: ragStatus(target, latest), measurements };
      }),
  }));
}

function presentEconomy(parts: Parts, functionTitles: Map<string, string>): TEffortYear[] {
  const years = unique([...parts.budgetLines.map((l) => l.year), ...parts.hours.map((h) => h.year)]).sort((a, b) => a - b);
  return years.map((year) => {
    const lines = parts.budgetLines.filter((l) => l.year === year);
    const hours = parts.hours.filter((h) => h.year === year);
    return {
      year,
      lines: lines.map((l) => ({ kind: l.kind as TBudgetKind, budget: num(l.budget), actual: numOrNull(l.actual) })),
      hours: hours
        .map((h) => ({ functionId: h.function_id, functionTitle: functionTitles.get(h.function_id) ?? '—', hours: num(h.hours) }))
        .sort((a, b) => a.functionTitle.localeCompare(b.functionTitle, 'da')),
      demo: lines.some((l) => l.is_demo) || hours.some((h) => h.is_demo),
    };
  });
}

/** The audit row of an update names only what changed. */
function changedColumns(before: repo.EffortRow, after: Record<string, unknown>, side: 'before' | 'after'): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(after)) {
    const old = (before as unknown as Record<string, unknown>)[key];
    if (JSON.stringify(old) !== JSON.stringify(value)) out[key] = side === 'before' ? old : value;
  }
  return out;
}
