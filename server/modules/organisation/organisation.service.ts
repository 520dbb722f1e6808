import { USER_ADMIN_PURPOSE } from '../../../contracts/identity.ts';
import type { Insertable, Kysely, Selectable } from 'kysely';
import { randomUUID } from 'node:crypto';
import {
  type TImportResult,
  type TForum,
  type TForumDetail,
  type TForumInput,
  type TForumMember,
  type TForumRole,
  type TFunction,
  type TFunctionHolding,
  type TFunctionHoldingEnd,
  type TFunctionHoldingInput,
  type TFunctionInput,
  type TLevelDiagram,
  type TLevelLabels,
  type TMatrix,
  type TOrganisation,
  type TOrganisationInput,
  type TOrganisationMap,
  type TPool,
  type TPoolInput,
  ZForumInput,
  ZFunctionInput,
  ZOrganisationInput,
  ZPoolInput,
} from '../../../contracts/organisation.ts';
import { type Actor, requireMunicipality } from '../../platform/access/actor.ts';
import { abilitiesOf, sees } from '../../platform/access/decision.ts';
import { Relations } from '../../platform/access/relations.ts';
import { appendAuditEntries } from '../../platform/audit/audit-chain.ts';
import { type RequestContext, auditActor } from '../../platform/context.ts';
import { unscoped } from '../../platform/db/data-scope.ts';
import type { Database } from '../../platform/db/schema.ts';
import { runChange } from '../../platform/db/unit-of-work.ts';
import { danishToday, startOfDanishDay } from '../../platform/danish-time.ts';
import { asOfInstant, nextVersionStart } from '../../platform/db/valid-time.ts';
import type { AccessLogWriter } from '../../platform/audit/access-log.ts';
import { Problem, conflict, invalidField, notFound, problemType } from '../../platform/errors.ts';
import type { TLocale } from '../../../contracts/common.ts';
import { ViewCache } from '../../platform/view-cache.ts';
import { mapRecord } from './organisation.policy.ts';
import * as repo from './organisation.repository.ts';
import { effortsReferencing } from '../efforts/efforts.public.ts';
import { type Rows, type SheetName, exportCsv, exportWorkbook, importRows } from './organisation.transfer.ts';
import type { MapScope, OwnedTable, VersionedTable } from './organisation.repository.ts';

type OrganisationRow = Selectable<Database['organisations']>;
type FunctionRow = Selectable<Database['functions']>;
type PoolRow = Selectable<Database['pools']>;
type ForumRow = Selectable<Database['forums']>;
type MemberRow = Selectable<Database['forum_members']>;

export const DEFAULT_LEVEL_LABELS: Record<TLocale, TLevelLabels> = {
  da: { strategic: 'Strategisk niveau', coordinating: 'Koordinerende niveau', executing: 'Udførende niveau' },
  en: { strategic: 'Strategic level', coordinating: 'Coordinating level', executing: 'Executing level' },
};

const num = (v: string | number | null) => (v === null ? null : Number(v));

function owner(scope: 'municipality' | 'police_district', mapScope: MapScope, field = 'scope') {
  if (scope === 'municipality') return { municipality_id: mapScope.municipalityId, police_district_id: null };
  if (!mapScope.policeDistrictId) throw invalidField(field, 'problem.no_police_district');
  return { municipality_id: null, police_district_id: mapScope.policeDistrictId };
}

const scopeOfRow = (row: { police_district_id: string | null }) => (row.police_district_id ? 'police_district' : 'municipality') as 'municipality' | 'police_district';

export class OrganisationService {
  private readonly views = new ViewCache();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly accessLog: AccessLogWriter | null = null,
  ) {}

  /**
   * A view of the whole map (matrix, level diagram) as JSON text, computed once per version of
   * the map (see ViewCache). Only for views that are the same for every reader of the scope
   * (no per-actor abilities, no partner filtering).
   */
  async cachedView(actor: Actor, view: 'matrix' | 'diagram', asOf: string | undefined, compute: () => Promise<unknown>): Promise<string> {
    const scope = this.scopeOf(actor);
    const key = [view, scope.municipalityId, scope.policeDistrictId ?? '-', asOf ?? 'now', actor.locale, await repo.readMapVersion(this.db, scope)].join('|');
    return this.views.json(key, compute);
  }

  scopeOf(actor: Actor): MapScope {
    return { municipalityId: requireMunicipality(actor), policeDistrictId: actor.policeDistrictId };
  }

  // --- reading ------------------------------------------------------------------------------

  /** How many forums each function sits in: the load indicator. */
  private forumCounts(scope: MapScope, asOf: Date | null): Promise<Map<string, number>> {
    return repo.countMemberships(this.db, scope, asOf, 'function_id');
  }

  async map(actor: Actor, asOf?: string): Promise<TOrganisationMap> {
    const [organisations, functions, pools] = await Promise.all([this.listOrganisations(actor, asOf), this.listFunctions(actor, asOf), this.listPools(actor, asOf)]);
    return { asOf: asOf ?? null, organisations, functions, pools };
  }

  async listOrganisations(actor: Actor, asOf?: string): Promise<TOrganisation[]> {
    return (await repo.listOrganisations(this.db, this.scopeOf(actor), asOfInstant(asOf))).map((o) => this.presentOrganisation(actor, o));
  }

  async listFunctions(actor: Actor, asOf?: string): Promise<TFunction[]> {
    const at = asOfInstant(asOf);
    const [functions, counts] = await Promise.all([repo.listFunctions(this.db, this.scopeOf(actor), at), this.forumCounts(this.scopeOf(actor), at)]);
    return functions.map((f) => this.presentFunction(actor, f, counts.get(f.id) ?? 0));
  }

  async listPools(actor: Actor, asOf?: string): Promise<TPool[]> {
    return (await repo.listPools(this.db, this.scopeOf(actor), asOfInstant(asOf))).map((p) => this.presentPool(actor, p));
  }

  /**
   * The forums the actor may see (all in scope, or for partners those they sit in) with the
   * actor's relations to them, asked once.
   */
  private async visibleForums(actor: Actor, at: Date | null): Promise<{ forums: ForumRow[]; relations: Relations }> {
    const forums = await repo.listForums(this.db, this.scopeOf(actor), at);
    const relations = await Relations.load({ sitsInForum: { ids: forums.map((f) => f.id), read: (ids) => repo.listForumIdsSatIn(this.db, actor.userId, ids, null) } });
    return { forums: forums.filter((f) => sees(actor, mapRecord('forums', f, relations))), relations };
  }

  async listForums(actor: Actor, asOf?: string): Promise<TForum[]> {
    return this.presentForums(actor, asOfInstant(asOf), () => true);
  }

  /** The forums in which a function the actor holds sits ("my forums"). */
  async myForums(actor: Actor): Promise<TForum[]> {
    return this.presentForums(actor, null, (forum, relations) => relations.holds('sitsInForum', forum.id));
  }

  private async presentForums(actor: Actor, at: Date | null, include: (forum: ForumRow, relations: Relations) => boolean): Promise<TForum[]> {
    const [{ forums, relations }, counts] = await Promise.all([this.visibleForums(actor, at), repo.countMemberships(this.db, this.scopeOf(actor), at, 'forum_id')]);
    return forums.filter((f) => include(f, relations)).map((f) => this.presentForum(actor, f, counts.get(f.id) ?? 0));
  }

  // --- who holds which function (function_holders) --------------------------------------------
  // The one place that answers it: the partner's forum filter, my forums, plan voters and
  // the front page's efforts all ask here or through the repository's set-wise relation.

  /** The functions in scope the user holds at an instant (now when null), with their organisation. */
  async functionsHeldBy(scope: MapScope, userId: string, at: Date | null = null): Promise<{ id: string; organisationId: string }[]> {
    return (await repo.listFunctionsHeldBy(this.db, scope, userId, at)).map((f) => ({ id: f.id, organisationId: f.organisation_id }));
  }

  /**
   * Who holds, now, the functions that sit in a forum in one of the roles (one row per user
   * and function). Inside a transaction pass it: PGlite has one connection.
   */
  holdersInForum(forumId: string, roles: TForumRole[], db: Kysely<Database> = this.db) {
    return repo.listHoldersInForum(db, forumId, roles);
  }

  /** A user of the actor's municipality, or 404. */
  private async requireUserOfMunicipality(actor: Actor, userId: string): Promise<void> {
    if (!(await repo.isUserOfMunicipality(this.db, userId, requireMunicipality(actor)))) throw notFound();
  }

  /** The functions a user holds, held and will hold: personal data, so the read is logged. */
  async holdingsOfUser(actor: Actor, userId: string, purpose: string, ctx: RequestContext): Promise<TFunctionHolding[]> {
    await this.requireUserOfMunicipality(actor, userId);
    const rows = await repo.listHoldingsOfUser(this.db, this.scopeOf(actor), userId);
    if (!this.accessLog) throw new Error('OrganisationService needs the access log to read holdings');
    await this.accessLog.record({ ...auditActor(ctx), action: 'function_holder.read', entityType: 'user', entityId: userId, subjectId: userId, purpose });
    const now = Date.now();
    return rows.map((h) => ({
      id: h.id,
      userId: h.user_id,
      functionId: h.function_id,
      functionTitle: h.function_title,
      organisationName: h.organisation_name ?? '—',
      validFrom: danishToday(h.valid_from),
      // Stored as the instant it ends; shown as the last day held.
      validTo: h.valid_to ? danishToday(new Date(h.valid_to.getTime() - 1)) : null,
      current: h.valid_from.getTime() <= now && (!h.valid_to || h.valid_to.getTime() > now),
    }));
  }

  /** Links a user to a function of the map from a day on (today by default). */
  async linkHolder(actor: Actor, userId: string, input: TFunctionHoldingInput, ctx: RequestContext): Promise<TFunctionHolding[]> {
    await this.requireUserOfMunicipality(actor, userId);
    if (!(await repo.findCurrent(this.db, 'functions', this.scopeOf(actor), input.functionId))) throw invalidField('functionId', 'problem.reference_not_found');
    const validFrom = input.validFrom ?? danishToday();
    const from = startOfDanishDay(validFrom);
    await runChange(this.db, ctx, async (trx) => {
      if (await repo.findOverlappingHolding(trx, userId, input.functionId, from)) throw conflict('problem.already_holder', [{ field: 'functionId', message: 'problem.already_holder' }]);
      const id = await repo.insertHolding(trx, { function_id: input.functionId, user_id: userId, valid_from: from, valid_to: null, created_by: actor.userId });
      await appendAuditEntries(trx, [{ ...auditActor(ctx), action: 'function_holder.linked', entityType: 'function_holder', entityId: id, subjectId: userId, after: { userId, functionId: input.functionId, validFrom } }]);
    });
    return this.holdingsOfUser(actor, userId, USER_ADMIN_PURPOSE, ctx);
  }

  /** Ends a holding after its last day; the link stays in history. */
  async endHolder(actor: Actor, userId: string, holdingId: string, input: TFunctionHoldingEnd, ctx: RequestContext): Promise<TFunctionHolding[]> {
    await this.requireUserOfMunicipality(actor, userId);
    const holding = await repo.findHolding(this.db, holdingId);
    if (!holding || holding.user_id !== userId || !(await repo.findCurrent(this.db, 'functions', this.scopeOf(actor), holding.function_id))) throw notFound();
    if (holding.valid_to) throw conflict('problem.holding_ended');
    const to = startOfDanishDay(input.validTo, 1);
    if (to <= holding.valid_from) throw invalidField('validTo', 'problem.holding_end_before_start');
    await runChange(this.db, ctx, async (trx) => {
      await repo.endHolding(trx, holdingId, to, actor.userId);
      await appendAuditEntries(trx, [{ ...auditActor(ctx), action: 'function_holder.ended', entityType: 'function_holder', entityId: holdingId, subjectId: userId, before: { validTo: null }, after: { validTo: input.validTo } }]);
    });
    return this.holdingsOfUser(actor, userId, USER_ADMIN_PURPOSE, ctx);
  }

  async forumDetail(actor: Actor, forumId: string, asOf?: string): Promise<TForumDetail> {
    const at = asOfInstant(asOf);
    const scope = this.scopeOf(actor);
    const forum = (await this.visibleForums(actor, at)).forums.find((f) => f.id === forumId);
    if (!forum) throw notFound();
    const members = await repo.listMembers(this.db, scope, at, [forumId]);
    const names = await this.memberFunctionNames(scope, forum, members, at);
    const presentMember = (m: MemberRow): TForumMember => ({
      id: m.id,
      functionId: m.function_id,
      functionTitle: names.get(m.function_id)?.title ?? '—',
      organisationName: names.get(m.function_id)?.organisation ?? '—',
      role: m.role as TForumRole,
    });
    const roleOrder: Record<string, number> = { chair: 0, secretary: 1, member: 2, observer: 3 };
    const history = await this.forumHistory(forumId, names);
    return {
      ...this.presentForum(actor, forum, members.length),
      members: members.map(presentMember).sort((a, b) => roleOrder[a.role] - roleOrder[b.role] || a.functionTitle.localeCompare(b.functionTitle, 'da')),
      history,
    };
  }

  /**
   * The title and organisation of each member's function. A forum the police district shares
   * (Kredsråd, Chefforum) may seat functions of any municipality in the district: every one of
   * them reads those two facts, and nothing else of the other municipality's map.
   */
  private async memberFunctionNames(scope: MapScope, forum: ForumRow, members: MemberRow[], at: Date | null) {
    const [functions, organisations] = await Promise.all([repo.listFunctions(this.db, scope, at), repo.listOrganisations(this.db, scope, at)]);
    const orgNames = new Map(organisations.map((o) => [o.id, o.name]));
    const names = new Map(functions.map((f) => [f.id, { title: f.title, organisation: orgNames.get(f.organisation_id) ?? '—' }]));
    const elsewhere = members.map((m) => m.function_id).filter((id) => !names.has(id));
    if (forum.police_district_id && elsewhere.length > 0) {
      // Other municipalities' rows: the query names the district, and reads two facts of each.
      const district = forum.police_district_id;
      const seated = await unscoped("titles of other municipalities' functions seated in a district forum", () => repo.listDistrictFunctionNames(this.db, district, elsewhere, at));
      for (const f of seated) names.set(f.id, { title: f.title, organisation: f.organisation_name });
    }
    return names;
  }

  private async forumHistory(forumId: string, functions: Map<string, { title: string }>): Promise<TForumDetail['history']> {
    const { forumVersions, memberVersions } = await repo.listForumHistory(this.db, forumId);
    const entries: TForumDetail['history'] = [];
    const fields = ['name', 'short_name', 'level', 'purpose', 'mandate', 'legal_basis', 'cadence', 'reports_to_id'] as const;
    forumVersions.forEach((version, index) => {
      const previous = forumVersions[index - 1];
      if (!previous) {
        entries.push({ at: version.valid_from.toISOString(), actorName: version.actor_name, what: 'created', entity: 'forum', summary: version.name });
      } else if (previous.valid_to?.getTime() === version.valid_from.getTime()) {
        const changed = fields.filter((f) => JSON.stringify(previous[f]) !== JSON.stringify(version[f]));
        entries.push({ at: version.valid_from.toISOString(), actorName: version.actor_name, what: 'changed', entity: 'forum', summary: changed.join(', ') });
      }
    });
    const last = forumVersions[forumVersions.length - 1];
    if (last?.valid_to) entries.push({ at: last.valid_to.toISOString(), actorName: last.ended_by_name, what: 'removed', entity: 'forum', summary: last.name });
    const byMember = new Map<string, typeof memberVersions>();
    for (const v of memberVersions) byMember.set(v.id, [...(byMember.get(v.id) ?? []), v]);
    for (const versions of byMember.values()) {
      const title = functions.get(versions[0].function_id)?.title ?? '—';
      versions.forEach((v, i) => {
        const prev = versions[i - 1];
        entries.push({ at: v.valid_from.toISOString(), actorName: v.actor_name, what: prev ? 'changed' : 'created', entity: 'member', summary: prev ? `${title}: ${prev.role} → ${v.role}` : `${title} (${v.role})` });
      });
      const final = versions[versions.length - 1];
      if (final.valid_to) entries.push({ at: final.valid_to.toISOString(), actorName: final.ended_by_name, what: 'removed', entity: 'member', summary: title });
    }
    return entries.sort((a, b) => a.at.localeCompare(b.at));
  }

  async matrix(actor: Actor, asOf?: string): Promise<TMatrix> {
    const at = asOfInstant(asOf);
    const scope = this.scopeOf(actor);
    const { functions, forums, members, organisations } = await repo.loadMatrixRows(this.db, scope, at);
    const orgNames = new Map(organisations.map((o) => [o.id, o.name]));
    const functionIds = new Set(functions.map((f) => f.id));
    const cells = members.filter((m) => functionIds.has(m.function_id)).map((m) => ({ functionId: m.function_id, forumId: m.forum_id, role: m.role as TForumRole }));
    const counts = new Map<string, number>();
    for (const c of cells) counts.set(c.functionId, (counts.get(c.functionId) ?? 0) + 1);
    const levelOrder = { strategic: 0, coordinating: 1, executing: 2 } as Record<string, number>;
    return {
      functions: functions.map((f) => ({ id: f.id, title: f.title, organisationName: orgNames.get(f.organisation_id) ?? '—', inScope: f.in_scope, forumCount: counts.get(f.id) ?? 0 })),
      forums: forums
        .map((f) => ({ id: f.id, name: f.name, level: f.level as TForum['level'] }))
        .sort((a, b) => levelOrder[a.level] - levelOrder[b.level] || a.name.localeCompare(b.name, 'da')),
      cells,
    };
  }

  async levelLabels(actor: Actor): Promise<TLevelLabels> {
    const municipality = await repo.findMunicipality(this.db, requireMunicipality(actor));
    const custom = (municipality?.settings as { forumLevelLabels?: TLevelLabels } | undefined)?.forumLevelLabels;
    return custom ?? DEFAULT_LEVEL_LABELS[actor.locale];
  }

  async setLevelLabels(actor: Actor, labels: TLevelLabels, ctx: RequestContext): Promise<TLevelLabels> {
    const municipalityId = requireMunicipality(actor);
    await runChange(this.db, ctx, async (trx) => {
      await repo.mergeMunicipalitySettings(trx, municipalityId, { forumLevelLabels: labels });
      await appendAuditEntries(trx, [{ ...auditActor(ctx), action: 'settings.level_labels_changed', entityType: 'municipality', entityId: municipalityId, after: labels }]);
    }, { touches: repo.mapVersionKeys(this.scopeOf(actor)) });
    return labels;
  }

  async diagram(actor: Actor, asOf?: string): Promise<TLevelDiagram> {
    const forums = await this.listForums(actor, asOf);
    return {
      labels: await this.levelLabels(actor),
      forums: forums.map((f) => ({ id: f.id, name: f.name, level: f.level, scope: f.scope, reportsToId: f.reportsToId, memberCount: f.memberCount })),
    };
  }

  async search(actor: Actor, q: string) {
    const needle = q.toLocaleLowerCase('da');
    const matches = (...texts: (string | null)[]) => texts.some((t) => t?.toLocaleLowerCase('da').includes(needle));
    const map = await this.map(actor);
    const orgNames = new Map(map.organisations.map((o) => [o.id, o.name]));
    const forums = await this.listForums(actor);
    return {
      organisations: map.organisations.filter((o) => matches(o.name, o.shortName, o.description)).map((o) => ({ id: o.id, name: o.name })),
      functions: map.functions.filter((f) => matches(f.title)).map((f) => ({ id: f.id, title: f.title, organisationName: orgNames.get(f.organisationId) ?? '—' })),
      forums: forums.filter((f) => matches(f.name, f.shortName, f.purpose, f.mandate)).map((f) => ({ id: f.id, name: f.name, level: f.level })),
    };
  }

  // --- changing -----------------------------------------------------------------------------

  /** Replaces the current version of a record with `next` (or ends it when next is null). */
  private async changeVersioned<T extends VersionedTable>(
    ctx: RequestContext,
    table: T,
    current: { id: string; valid_from: Date } & Record<string, unknown>,
    next: Record<string, unknown> | null,
  ): Promise<void> {
    // A version must last at least a millisecond: valid_to > valid_from.
    const at = nextVersionStart(current);
    const actorId = ctx.actor?.userId ?? null;
    await runChange(this.db, ctx, async (trx) => {
      if (!(await repo.closeVersion(trx, table, current.id, at, actorId))) throw conflict();
      if (next) {
        await repo.insertVersions(trx, table, [{ ...repo.followingVersion(current, next, at, actorId), id: current.id } as unknown as Insertable<Database[T]>]);
      } else if (table === 'functions') {
        await repo.closeMembershipsOf(trx, 'function_id', current.id, at, actorId);
        await repo.endHoldingsOfFunction(trx, current.id, at, actorId);
      } else if (table === 'forums') {
        await repo.closeMembershipsOf(trx, 'forum_id', current.id, at, actorId);
      }
      await appendAuditEntries(trx, [
        {
          ...auditActor(ctx),
          action: next ? 'organisation_map.updated' : 'organisation_map.removed',
          entityType: table,
          entityId: current.id,
          before: repo.versionData(current),
          after: next,
        },
      ]);
    }, { touches: this.mapKeysTouched(ctx) });
  }

  /** Every change to the map touches its version, so cached views are recomputed (see cachedView). */
  private mapKeysTouched(ctx: RequestContext): string[] {
    return ctx.actor ? repo.mapVersionKeys(this.scopeOf(ctx.actor)) : [];
  }

  private async create<T extends VersionedTable>(ctx: RequestContext, table: T, row: Record<string, unknown>): Promise<string> {
    const id = randomUUID();
    await runChange(this.db, ctx, async (trx) => {
      await repo.insertVersions(trx, table, [{ ...row, id, valid_from: new Date(), valid_to: null, changed_by: ctx.actor?.userId ?? null } as unknown as Insertable<Database[T]>]);
      await appendAuditEntries(trx, [{ ...auditActor(ctx), action: 'organisation_map.created', entityType: table, entityId: id, after: row }]);
    }, { touches: this.mapKeysTouched(ctx) });
    return id;
  }

  private async requireCurrent<T extends OwnedTable>(table: T, scope: MapScope, id: string) {
    const row = await repo.findCurrent(this.db, table, scope, id);
    if (!row) throw notFound();
    return row as Selectable<Database[T]>;
  }

  /** A reference to another record must point at a current record the actor can see. */
  private async requireReference(table: OwnedTable, scope: MapScope, id: string, field: string, ownerRow: { police_district_id: string | null }) {
    const target = await repo.findCurrent(this.db, table, scope, id);
    if (!target) throw invalidField(field, 'problem.reference_not_found');
    // A record the whole district shares may only point at records the district shares too.
    if (ownerRow.police_district_id && !target.police_district_id) throw invalidField(field, 'problem.reference_outside_district');
    return target;
  }

  private async organisationRow(actor: Actor, input: TOrganisationInput, selfId?: string) {
    const parsed = ZOrganisationInput.parse(input);
    const scope = this.scopeOf(actor);
    const own = owner(parsed.scope, scope);
    if (parsed.parentId) {
      if (parsed.parentId === selfId) throw invalidField('parentId', 'problem.reference_cycle');
      await this.requireReference('organisations', scope, parsed.parentId, 'parentId', own);
      if (selfId && (await this.isAncestor(scope, selfId, parsed.parentId))) throw invalidField('parentId', 'problem.reference_cycle');
    }
    return {
      ...own,
      kind: parsed.kind,
      short_name: parsed.shortName ?? null,
      name: parsed.name,
      parent_id: parsed.parentId ?? null,
      in_scope: parsed.inScope,
      description: parsed.description ?? null,
    };
  }

  private async isAncestor(scope: MapScope, ancestorId: string, of: string): Promise<boolean> {
    const organisations = new Map((await repo.listOrganisations(this.db, scope, null)).map((o) => [o.id, o]));
    for (let node = organisations.get(of); node; node = node.parent_id ? organisations.get(node.parent_id) : undefined) {
      if (node.id === ancestorId) return true;
    }
    return false;
  }

  async createOrganisation(actor: Actor, input: TOrganisationInput, ctx: RequestContext): Promise<TOrganisation> {
    const id = await this.create(ctx, 'organisations', await this.organisationRow(actor, input));
    return this.presentOrganisation(actor, await this.requireCurrent('organisations', this.scopeOf(actor), id));
  }

  async updateOrganisation(actor: Actor, id: string, input: TOrganisationInput, ctx: RequestContext): Promise<TOrganisation> {
    const scope = this.scopeOf(actor);
    const current = await this.requireCurrent('organisations', scope, id);
    await this.changeVersioned(ctx, 'organisations', current, await this.organisationRow(actor, input, id));
    return this.presentOrganisation(actor, await this.requireCurrent('organisations', scope, id));
  }

  async removeOrganisation(actor: Actor, id: string, ctx: RequestContext): Promise<void> {
    const scope = this.scopeOf(actor);
    const current = await this.requireCurrent('organisations', scope, id);
    if ((await repo.countDependentsOfOrganisation(this.db, id)) > 0) throw conflict('problem.organisation_in_use');
    await refuseIfEffortsRefer(this.db, scope, { organisationIds: [id] });
    await this.changeVersioned(ctx, 'organisations', current, null);
  }

  private async functionRow(actor: Actor, input: TFunctionInput) {
    const parsed = ZFunctionInput.parse(input);
    const scope = this.scopeOf(actor);
    const own = owner(parsed.scope, scope);
    await this.requireReference('organisations', scope, parsed.organisationId, 'organisationId', own);
    return {
      ...own,
      organisation_id: parsed.organisationId,
      title: parsed.title,
      headcount: parsed.headcount,
      hours_min: parsed.hoursMin ?? null,
      hours_max: parsed.hoursMax ?? null,
      fte: parsed.fte ?? null,
      in_scope: parsed.inScope,
      funding: parsed.funding,
      triangle_level: parsed.triangleLevel ?? null,
    };
  }

  async createFunction(actor: Actor, input: TFunctionInput, ctx: RequestContext): Promise<TFunction> {
    const id = await this.create(ctx, 'functions', await this.functionRow(actor, input));
    return this.presentFunction(actor, await this.requireCurrent('functions', this.scopeOf(actor), id), 0);
  }

  async updateFunction(actor: Actor, id: string, input: TFunctionInput, ctx: RequestContext): Promise<TFunction> {
    const scope = this.scopeOf(actor);
    const current = await this.requireCurrent('functions', scope, id);
    await this.changeVersioned(ctx, 'functions', current, await this.functionRow(actor, input));
    const counts = await this.forumCounts(scope, null);
    return this.presentFunction(actor, await this.requireCurrent('functions', scope, id), counts.get(id) ?? 0);
  }

  /** Removing a function also ends its forum memberships (kept in history). */
  async removeFunction(actor: Actor, id: string, ctx: RequestContext): Promise<void> {
    const scope = this.scopeOf(actor);
    const current = await this.requireCurrent('functions', scope, id);
    await refuseIfEffortsRefer(this.db, scope, { functionIds: [id] });
    await this.changeVersioned(ctx, 'functions', current, null);
  }

  private async poolRow(actor: Actor, input: TPoolInput) {
    const parsed = ZPoolInput.parse(input);
    const scope = this.scopeOf(actor);
    const own = owner(parsed.scope, scope);
    await this.requireReference('organisations', scope, parsed.organisationId, 'organisationId', own);
    return { ...own, organisation_id: parsed.organisationId, name: parsed.name, in_scope: parsed.inScope, description: parsed.description ?? null };
  }

  async createPool(actor: Actor, input: TPoolInput, ctx: RequestContext): Promise<TPool> {
    const id = await this.create(ctx, 'pools', await this.poolRow(actor, input));
    return this.presentPool(actor, await this.requireCurrent('pools', this.scopeOf(actor), id));
  }

  async updatePool(actor: Actor, id: string, input: TPoolInput, ctx: RequestContext): Promise<TPool> {
    const scope = this.scopeOf(actor);
    const current = await this.requireCurrent('pools', scope, id);
    await this.changeVersioned(ctx, 'pools', current, await this.poolRow(actor, input));
    return this.presentPool(actor, await this.requireCurrent('pools', scope, id));
  }

  async removePool(actor: Actor, id: string, ctx: RequestContext): Promise<void> {
    await this.changeVersioned(ctx, 'pools', await this.requireCurrent('pools', this.scopeOf(actor), id), null);
  }

  private async forumRow(actor: Actor, input: TForumInput, selfId?: string) {
    const parsed = ZForumInput.parse(input);
    const scope = this.scopeOf(actor);
    const own = owner(parsed.scope, scope);
    if (parsed.reportsToId) {
      if (parsed.reportsToId === selfId) throw invalidField('reportsToId', 'problem.reference_cycle');
      await this.requireReference('forums', scope, parsed.reportsToId, 'reportsToId', own);
      if (selfId) {
        const forums = new Map((await repo.listForums(this.db, scope, null)).map((f) => [f.id, f]));
        for (let node = forums.get(parsed.reportsToId); node; node = node.reports_to_id ? forums.get(node.reports_to_id) : undefined) {
          if (node.id === selfId) throw invalidField('reportsToId', 'problem.reference_cycle');
        }
      }
    }
    return {
      ...own,
      name: parsed.name,
      short_name: parsed.shortName ?? null,
      level: parsed.level,
      purpose: parsed.purpose ?? null,
      mandate: parsed.mandate ?? null,
      legal_basis: [...new Set(parsed.legalBasis)],
      cadence: parsed.cadence ?? null,
      reports_to_id: parsed.reportsToId ?? null,
    };
  }

  async createForum(actor: Actor, input: TForumInput, ctx: RequestContext): Promise<TForumDetail> {
    const id = await this.create(ctx, 'forums', await this.forumRow(actor, input));
    return this.forumDetail(actor, id);
  }

  async updateForum(actor: Actor, id: string, input: TForumInput, ctx: RequestContext): Promise<TForumDetail> {
    const current = await this.requireCurrent('forums', this.scopeOf(actor), id);
    await this.changeVersioned(ctx, 'forums', current, await this.forumRow(actor, input, id));
    return this.forumDetail(actor, id);
  }

  async removeForum(actor: Actor, id: string, ctx: RequestContext): Promise<void> {
    const scope = this.scopeOf(actor);
    const current = await this.requireCurrent('forums', scope, id);
    if ((await repo.countForumsReportingTo(this.db, id)) > 0) throw conflict('problem.forum_in_use');
    await refuseIfEffortsRefer(this.db, scope, { forumIds: [id] });
    await this.changeVersioned(ctx, 'forums', current, null);
  }

  async addMember(actor: Actor, forumId: string, input: { functionId: string; role: TForumRole }, ctx: RequestContext): Promise<TForumDetail> {
    const scope = this.scopeOf(actor);
    await this.requireCurrent('forums', scope, forumId);
    if (!(await repo.findCurrent(this.db, 'functions', scope, input.functionId))) throw invalidField('functionId', 'problem.reference_not_found');
    if (await repo.findCurrentMemberOfForum(this.db, forumId, input.functionId)) throw conflict('problem.already_member', [{ field: 'functionId', message: 'problem.already_member' }]);
    await this.create(ctx, 'forum_members', { forum_id: forumId, function_id: input.functionId, role: input.role });
    return this.forumDetail(actor, forumId);
  }

  private async requireMember(actor: Actor, forumId: string, memberId: string): Promise<MemberRow> {
    await this.requireCurrent('forums', this.scopeOf(actor), forumId);
    const member = await repo.findCurrentMember(this.db, memberId);
    if (!member || member.forum_id !== forumId) throw notFound();
    return member;
  }

  async changeMemberRole(actor: Actor, forumId: string, memberId: string, role: TForumRole, ctx: RequestContext): Promise<TForumDetail> {
    const member = await this.requireMember(actor, forumId, memberId);
    if (member.role !== role) await this.changeVersioned(ctx, 'forum_members', member, { role });
    return this.forumDetail(actor, forumId);
  }

  async removeMember(actor: Actor, forumId: string, memberId: string, ctx: RequestContext): Promise<TForumDetail> {
    await this.changeVersioned(ctx, 'forum_members', await this.requireMember(actor, forumId, memberId), null);
    return this.forumDetail(actor, forumId);
  }

  // --- import and export (organisation.transfer.ts) -------------------------------------------

  async exportWorkbook(actor: Actor, ctx: RequestContext): Promise<Buffer> {
    const file = await exportWorkbook(this.db, this.scopeOf(actor));
    await this.recordExport(ctx, 'xlsx');
    return file;
  }

  async exportCsv(actor: Actor, sheet: SheetName, ctx: RequestContext): Promise<string> {
    const csv = await exportCsv(this.db, this.scopeOf(actor), sheet);
    await this.recordExport(ctx, `csv:${sheet}`);
    return csv;
  }

  private async recordExport(ctx: RequestContext, format: string): Promise<void> {
    await runChange(this.db, ctx, (trx) => appendAuditEntries(trx, [{ ...auditActor(ctx), action: 'organisation_map.exported', entityType: 'organisation_map', after: { format } }]));
  }

  importFile(actor: Actor, rows: Partial<Rows>, dryRun: boolean, ctx: RequestContext): Promise<TImportResult> {
    return importRows(this.db, this.scopeOf(actor), rows, { dryRun }, ctx);
  }

  /** Imports into a municipality without an actor: the seed of the reference and peer data. */
  async unsafeImportInto(scope: MapScope, rows: Partial<Rows>, effectiveFrom: Date, ctx: RequestContext): Promise<TImportResult> {
    const result = await importRows(this.db, scope, rows, { dryRun: false, effectiveFrom }, ctx);
    if (result.errors.length > 0) throw new Error(`reference data does not import: ${JSON.stringify(result.errors.slice(0, 3))}`);
    return result;
  }

  /** Whether a municipality has any organisation yet (the seed fills only an empty map). */
  async unsafeHasMap(municipalityId: string): Promise<boolean> {
    return (await repo.listOrganisations(this.db, { municipalityId, policeDistrictId: null }, null)).length > 0;
  }

  // --- presenting ---------------------------------------------------------------------------

  presentOrganisation(actor: Actor, o: OrganisationRow): TOrganisation {
    return {
      id: o.id,
      kind: o.kind as TOrganisation['kind'],
      shortName: o.short_name,
      name: o.name,
      parentId: o.parent_id,
      inScope: o.in_scope,
      description: o.description,
      assumptions: o.assumptions,
      scope: scopeOfRow(o),
      abilities: abilitiesOf(actor, mapRecord('organisations', o)),
    };
  }

  presentFunction(actor: Actor, f: FunctionRow, forumCount: number): TFunction {
    return {
      id: f.id,
      title: f.title,
      organisationId: f.organisation_id,
      headcount: f.headcount,
      hoursMin: num(f.hours_min),
      hoursMax: num(f.hours_max),
      fte: num(f.fte),
      inScope: f.in_scope,
      funding: f.funding as TFunction['funding'],
      triangleLevel: f.triangle_level as TFunction['triangleLevel'],
      assumptions: f.assumptions,
      scope: scopeOfRow(f),
      forumCount,
      abilities: abilitiesOf(actor, mapRecord('functions', f)),
    };
  }

  presentPool(actor: Actor, p: PoolRow): TPool {
    return { id: p.id, name: p.name, organisationId: p.organisation_id, inScope: p.in_scope, description: p.description, scope: scopeOfRow(p), abilities: abilitiesOf(actor, mapRecord('pools', p)) };
  }

  presentForum(actor: Actor, f: ForumRow, memberCount: number): TForum {
    return {
      id: f.id,
      name: f.name,
      shortName: f.short_name,
      level: f.level as TForum['level'],
      scope: scopeOfRow(f),
      purpose: f.purpose,
      mandate: f.mandate,
      legalBasis: f.legal_basis,
      cadence: f.cadence as TForum['cadence'],
      reportsToId: f.reports_to_id,
      assumptions: f.assumptions,
      memberCount,
      abilities: abilitiesOf(actor, mapRecord('forums', f)),
    };
  }
}

/** A unit, function or forum that efforts not ended point at is removed only after they are moved (409 naming them). */
export async function refuseIfEffortsRefer(db: Kysely<Database>, scope: MapScope, references: Parameters<typeof effortsReferencing>[2]): Promise<void> {
  const efforts = await effortsReferencing(db, scope, references);
  if (efforts.length === 0) return;
  const own = efforts.filter((e) => e.own).map(({ id, title }) => ({ id, title }));
  const elsewhere = efforts.length - own.length;
  throw new Problem(409, problemType('referenced-by-efforts'), 'problem.referenced_by_efforts', {
    detailKey: elsewhere > 0 ? 'problem.referenced_by_efforts.elsewhere' : 'problem.referenced_by_efforts.detail',
    params: { efforts: own.map((e) => e.title).join(', ') || '—', elsewhere },
    extensions: { efforts: own, effortsElsewhere: elsewhere },
  });
}
