import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { TAuditAction } from '../../../contracts/audit.ts';
import {
  type TApprovalRule,
  type TMoneyView,
  type TOutboxMessage,
  type TPlanContent,
  type TPlanDetail,
  type TPlanDiff,
  type TPlanStatus,
  type TPlanSummary,
  type TPlanVersion,
  type TSections,
  WRITTEN_SECTIONS,
  type ZDecisionInput,
  type ZPlanSettingsInput,
  type ZSectionsInput,
} from '../../../contracts/plans.ts';
import { ROLES, ROLE_PERMISSIONS } from '../../../contracts/roles.ts';
import type { TForYou } from '../../../contracts/notifications.ts';
import { type Actor, requireMunicipality } from '../../platform/access/actor.ts';
import { abilitiesOf, can, hasPermission } from '../../platform/access/decision.ts';
import { Relations } from '../../platform/access/relations.ts';
import { danishToday } from '../../platform/danish-time.ts';
import { readDataVersions } from '../../platform/db/data-versions.ts';
import { runInDataScope, tenantScope, unscoped } from '../../platform/db/data-scope.ts';
import { ViewCache } from '../../platform/view-cache.ts';
import { appendAuditEntries } from '../../platform/audit/audit-chain.ts';
import { type RequestContext, auditActor, systemContext } from '../../platform/context.ts';
import type { Database } from '../../platform/db/schema.ts';
import { runChange } from '../../platform/db/unit-of-work.ts';
import { Problem, conflict, forbidden, invalidField, notFound, problemType } from '../../platform/errors.ts';
import { type Mail, queueMail } from '../../platform/mail.ts';
import * as effortsReader from '../efforts/efforts.public.ts';
import * as mapReader from '../organisation/organisation.public.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import type { OrganisationService } from '../organisation/organisation.service.ts';
import { defaultSections, diffContent, generateContent, isEmptyDiff, withMoney } from './plans.content.ts';
import type { PlanMeta } from './plans.format.ts';
import { moneyView, planResource } from './plans.policy.ts';
import * as repo from './plans.repository.ts';
import { sanitizeRichText } from './plans.richtext.ts';

type VersionRow = repo.VersionRow;
type PlanRow = repo.PlanRow;

/** A plan is revised about once a year: due eleven months after its approval. */
const REVISION_AFTER_MS = 335 * 24 * 3600 * 1000;

/** The roles whose permissions include approving a plan. */
const APPROVING_ROLES = ROLES.filter((r) => ROLE_PERMISSIONS[r].includes('plans.approve'));

const wrongStatus = () => new Problem(409, problemType('plan-status'), 'problem.plan_status');


/** A version was approved once it reached approved or published. */
const isApproved = (v: VersionRow) => v.status === 'approved' || v.status === 'published';
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * The local action plan: one per municipality and year, in versions that move draft →
 * submitted → approved → published. A draft shows live data; submitting freezes what it says.
 * An approved version is compared with live data on every read, so the plan knows when it has
 * stopped being true (an effort paused, ended or started; the forums changed).
 */
export class PlansService {
  /** What changed since each approved version, per version of the data it was computed from. */
  private readonly liveChanges = new ViewCache();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly publicUrl: string,
    private readonly organisation: OrganisationService,
    private readonly notifications: NotificationsService,
  ) {}

  // --- reading ------------------------------------------------------------------------------

  /** Every plan of the municipality with its versions, oldest version first. */
  private async loadAll(municipalityId: string) {
    const plans = await repo.listPlans(this.db, municipalityId);
    const versions = await repo.listVersions(this.db, plans.map((p) => p.id));
    return plans.map((plan) => ({ plan, versions: versions.filter((v) => v.plan_id === plan.id) }));
  }

  private async load(actor: Actor, id: string) {
    const plan = await repo.findPlan(this.db, requireMunicipality(actor), id);
    if (!plan) throw notFound();
    const versions = await repo.listVersions(this.db, [id]);
    return { plan, versions };
  }

  /** What a version says: frozen once submitted, live while a draft. */
  private async contentOf(plan: PlanRow, version: VersionRow): Promise<TPlanContent> {
    if (version.content) return version.content as TPlanContent;
    return generateContent(this.db, plan.municipality_id, plan.year, version.sections as TSections);
  }

  /**
   * What changed since the newest version was approved, or null while it is still true. Only
   * the version in force can be out of date: a newer draft or submitted version is the revision.
   */
  private async changesSinceApproval(plan: PlanRow, versions: VersionRow[]): Promise<TPlanDiff | null> {
    const newest = versions.at(-1)!;
    if (!isApproved(newest)) return null;
    // Regenerating the plan takes about ten queries; its answer changes only with the map, the
    // efforts (and their settings) or the day, whose version counters are in the key.
    const scope = await this.scopeOf(plan.municipality_id);
    const dataVersions = await readDataVersions(this.db, [...mapReader.mapVersionKeys(scope), effortsReader.effortsVersionKey(plan.municipality_id)]);
    const json = await this.liveChanges.json([newest.id, danishToday(), dataVersions].join('|'), async () => {
      const frozen = newest.content as TPlanContent;
      const diff = await this.diffWithStatus(frozen, await generateContent(this.db, plan.municipality_id, plan.year, frozen.sections));
      return isEmptyDiff(diff) ? null : diff;
    });
    return JSON.parse(json) as TPlanDiff | null;
  }

  /** The diff, with each removed effort's status now (read once, for those efforts only). */
  private async diffWithStatus(from: TPlanContent, to: TPlanContent): Promise<TPlanDiff> {
    const inTo = new Set(to.efforts.flatMap((l) => l.efforts.map((e) => e.id)));
    const removed = from.efforts.flatMap((l) => l.efforts.map((e) => e.id)).filter((id) => !inTo.has(id));
    return diffContent(from, to, await effortsReader.listStatuses(this.db, removed));
  }

  private summary(plan: PlanRow, versions: VersionRow[], outOfDate: boolean): TPlanSummary {
    const newest = versions.at(-1)!;
    return {
      approvedVersion: versions.filter(isApproved).at(-1)?.number ?? null,
      id: plan.id,
      year: plan.year,
      title: `Lokal handlingsplan for tryghed og kriminalitetsforebyggelse ${plan.year}`,
      version: newest.number,
      status: newest.status as TPlanStatus,
      publishedVersion: versions.filter((v) => v.status === 'published').at(-1)?.number ?? null,
      outOfDate,
    };
  }

  async list(actor: Actor): Promise<TPlanSummary[]> {
    const all = await this.loadAll(requireMunicipality(actor));
    return Promise.all(all.map(async ({ plan, versions }) => this.summary(plan, versions, (await this.changesSinceApproval(plan, versions)) !== null)));
  }

  async detail(actor: Actor, id: string): Promise<TPlanDetail> {
    const { plan, versions } = await this.load(actor, id);
    const newest = versions.at(-1)!;
    const approved = versions.filter(isApproved).at(-1);
    const [content, changes, approvers, decisions, forum] = await Promise.all([
      this.contentOf(plan, newest),
      this.changesSinceApproval(plan, versions),
      this.approversOf(plan),
      repo.listDecisions(this.db, [newest.id]),
      this.approvingForum(plan),
    ]);
    // A revision under way shows what it changes from the version in force.
    const revises = approved && approved !== newest ? { version: approved.number, changes: await this.diffWithStatus(approved.content as TPlanContent, content) } : null;
    const approvedBy = this.approvalsCounted(newest, decisions);
    const status = newest.status as TPlanStatus;
    const relations = await this.voteRelations(actor, [plan]);
    const resource = planResource(plan, { status, hasVoters: approvers.length > 0, approvedByActor: approvedBy.has(actor.userId) }, relations);
    return {
      ...this.summary(plan, versions, changes !== null),
      versions: versions.map(versionSummary),
      approvingForum: forum ? { id: forum.id, name: forum.name } : null,
      approvalRule: plan.approval_rule as TApprovalRule,
      approvers: approvers.map((a) => ({ userId: a.user_id, name: a.name, functionTitle: a.function_title, approved: approvedBy.has(a.user_id) })),
      decisions: decisions.map(presentDecision),
      changesSinceApproval: changes,
      revises,
      content: withMoney(content, moneyView(actor, status)),
      money: moneyView(actor, status),
      abilities: abilitiesOf(actor, resource),
    };
  }

  /**
   * The front page's plans for the actor: submitted plans awaiting their vote, and for those
   * who write the plan, approved plans that no longer hold true or are due for revision.
   */
  async forYou(actor: Actor, now = new Date()): Promise<Pick<TForYou, 'awaitingApproval' | 'outOfDate' | 'revisionDue'>> {
    const result: Pick<TForYou, 'awaitingApproval' | 'outOfDate' | 'revisionDue'> = { awaitingApproval: [], outOfDate: [], revisionDue: [] };
    const all = await this.loadAll(requireMunicipality(actor));
    const relations = await this.voteRelations(actor, all.filter(({ versions }) => versions.at(-1)?.status === 'submitted').map(({ plan }) => plan));
    for (const { plan, versions: own } of all) {
      const newest = own.at(-1);
      if (!newest) continue;
      const item = { planId: plan.id, year: plan.year, version: newest.number };
      const status = newest.status as TPlanStatus;
      if (relations.holds('votesOnPlan', plan.id)) {
        const approvedByActor = this.approvalsCounted(newest, await repo.listDecisions(this.db, [newest.id])).has(actor.userId);
        // The actor sits in the approving forum, so the plan has voters.
        if (can(actor, 'decide', planResource(plan, { status, hasVoters: true, approvedByActor }, relations))) result.awaitingApproval.push(item);
      }
      if (isApproved(newest) && hasPermission(actor, 'plans.edit')) {
        if ((await this.changesSinceApproval(plan, own)) !== null) result.outOfDate.push(item);
        const due = newest.approved_at && new Date(newest.approved_at.getTime() + REVISION_AFTER_MS);
        if (due && due <= now) result.revisionDue.push({ ...item, dueSince: danishToday(due) });
      }
    }
    return result;
  }

  async version(actor: Actor, id: string, number: number): Promise<TPlanVersion> {
    const { plan, versions } = await this.load(actor, id);
    const version = versions.find((v) => v.number === number);
    if (!version) throw notFound();
    const decisions = await repo.listDecisions(this.db, [version.id]);
    const money = moneyView(actor, version.status as TPlanStatus);
    return { ...versionSummary(version), content: withMoney(await this.contentOf(plan, version), money), money, decisions: decisions.map(presentDecision) };
  }

  async diffVersions(actor: Actor, id: string, from: number, to: number): Promise<TPlanDiff> {
    const { plan, versions } = await this.load(actor, id);
    const a = versions.find((v) => v.number === from);
    const b = versions.find((v) => v.number === to);
    if (!a) throw invalidField('from', 'problem.plan_version_not_found');
    if (!b) throw invalidField('to', 'problem.plan_version_not_found');
    return this.diffWithStatus(await this.contentOf(plan, a), await this.contentOf(plan, b));
  }

  /** A version with what documents print about it (for DOCX and PDF). */
  async forDocument(actor: Actor, id: string, number: number): Promise<{ content: TPlanContent; meta: PlanMeta }> {
    const { plan, versions } = await this.load(actor, id);
    const version = versions.find((v) => v.number === number);
    if (!version) throw notFound();
    const money = moneyView(actor, version.status as TPlanStatus);
    return { content: withMoney(await this.contentOf(plan, version), money), meta: await this.metaOf(plan, version, money) };
  }

  private async metaOf(plan: { municipality_id: string; approving_forum_id: string | null }, version: VersionRow, money: TMoneyView): Promise<PlanMeta> {
    const forum = await this.approvingForum(plan);
    return { version: version.number, approvedAt: iso(version.approved_at), publishedAt: iso(version.published_at), approvingForum: forum?.name ?? null, money };
  }

  /** The newest published plan of a municipality, for the public page; null when there is none. */
  async unsafePublished(code: number): Promise<{ municipality: string | null; plan: { content: TPlanContent; meta: PlanMeta } | null }> {
    const municipality = await repo.findMunicipalityByCode(this.db, code);
    if (!municipality) return { municipality: null, plan: null };
    // The visitor has no actor: the page reads in the scope of the municipality it names.
    return runInDataScope(tenantScope([municipality.id], [municipality.police_district_id]), async () => {
      const version = await repo.findNewestPublished(this.db, municipality.id);
      if (!version) return { municipality: municipality.name, plan: null };
      const meta = await this.metaOf({ municipality_id: municipality.id, approving_forum_id: version.approving_forum_id }, version, 'published');
      return { municipality: municipality.name, plan: { content: version.content as TPlanContent, meta } };
    });
  }

  async outbox(actor: Actor): Promise<TOutboxMessage[]> {
    const rows = await repo.listOutbox(this.db, requireMunicipality(actor), 200);
    return rows.map((m) => ({ id: m.id, to: m.to_address, subject: m.subject, body: m.body, createdAt: m.created_at.toISOString(), sentAt: iso(m.sent_at), error: m.error }));
  }

  // --- approvers ----------------------------------------------------------------------------

  // Inside a transaction these must read through it: PGlite has one connection.
  private async scopeOf(municipalityId: string, db: Kysely<Database> = this.db) {
    const m = await repo.findMunicipalityById(db, municipalityId);
    return { municipalityId, policeDistrictId: m.police_district_id };
  }

  /** The plan's approving forum as it is now (undefined when none is set or it has ended). */
  private async approvingForum(plan: { municipality_id: string; approving_forum_id: string | null }) {
    if (!plan.approving_forum_id) return undefined;
    return mapReader.findCurrent(this.db, 'forums', await this.scopeOf(plan.municipality_id), plan.approving_forum_id);
  }

  /**
   * The actor's relation `votesOnPlan` to these plans, in one query: a function they hold sits
   * as chair or member in the plan's approving forum. Whether their role lets them approve is
   * the rule's part (plans.policy.ts).
   */
  private voteRelations(actor: Actor, plans: readonly PlanRow[], db: Kysely<Database> = this.db): Promise<Relations> {
    const read = async (ids: readonly string[]) => {
      const asked = plans.filter((p) => ids.includes(p.id));
      const forumIds = [...new Set(asked.flatMap((p) => (p.approving_forum_id ? [p.approving_forum_id] : [])))];
      const satIn = new Set(forumIds.length ? await mapReader.listForumIdsSatIn(db, actor.userId, forumIds, ['chair', 'member']) : []);
      return asked.filter((p) => p.approving_forum_id && satIn.has(p.approving_forum_id)).map((p) => p.id);
    };
    return Relations.load({ votesOnPlan: { ids: plans.map((p) => p.id), read } });
  }

  private approversOf(plan: PlanRow, db: Kysely<Database> = this.db) {
    return plan.approving_forum_id ? this.votersOf(plan.municipality_id, plan.approving_forum_id, db) : Promise.resolve([]);
  }

  /**
   * Who votes in a forum: the holders of the functions sitting in it as chair or member whose
   * role in the municipality lets them approve (a consultant in the forum advises), each once
   * (one who holds two seats votes once, in the names of both).
   */
  async votersOf(municipalityId: string, forumId: string, db: Kysely<Database> = this.db) {
    const [approving, holders] = await Promise.all([repo.listUsersWithRoles(db, municipalityId, APPROVING_ROLES), this.organisation.holdersInForum(forumId, ['chair', 'member'], db)]);
    const mayApprove = new Set(approving.map((u) => u.id));
    const byUser = new Map<string, { user_id: string; name: string; email: string; function_title: string }>();
    for (const h of holders) {
      if (!mayApprove.has(h.user_id)) continue;
      const seen = byUser.get(h.user_id);
      byUser.set(h.user_id, seen ? { ...seen, function_title: `${seen.function_title}, ${h.function_title}` } : h);
    }
    return [...byUser.values()];
  }

  /** Approvals count from the latest submission on: a withdrawn and changed plan is voted on anew. */
  private approvalsCounted(version: VersionRow, decisions: { user_id: string; decision: string; decided_at: Date }[]): Set<string> {
    if (!version.submitted_at) return new Set();
    const since = version.submitted_at.getTime();
    return new Set(decisions.filter((d) => d.decision === 'approve' && d.decided_at.getTime() >= since).map((d) => d.user_id));
  }

  // --- changing -----------------------------------------------------------------------------

  /** Runs a workflow step on the plan's newest version, locked, with its audit row. */
  private async step(
    actor: Actor,
    id: string,
    ctx: RequestContext,
    allowed: TPlanStatus[],
    change: (trx: Transaction<Database>, plan: PlanRow, version: VersionRow) => Promise<{ action: TAuditAction; after?: unknown; before?: unknown }>,
  ): Promise<TPlanDetail> {
    const municipalityId = requireMunicipality(actor);
    await runChange(this.db, ctx, async (trx) => {
      const plan = await repo.lockPlan(trx, municipalityId, id);
      if (!plan) throw notFound();
      const version = (await repo.listVersions(trx, [id])).at(-1)!;
      if (!allowed.includes(version.status as TPlanStatus)) throw wrongStatus();
      const audit = await change(trx, plan, version);
      await appendAuditEntries(trx, [{ ...auditActor(ctx), entityType: 'action_plan', entityId: id, ...audit }]);
    });
    return this.detail(actor, id);
  }

  async create(actor: Actor, year: number, ctx: RequestContext): Promise<TPlanDetail> {
    const municipalityId = requireMunicipality(actor);
    const id = await runChange(this.db, ctx, async (trx) => {
      if (await repo.findPlanOfYear(trx, municipalityId, year)) throw conflict('problem.plan_exists', [{ field: 'year', message: 'problem.plan_exists' }]);
      // A new year's plan starts from the newest written text there is, else from the template.
      const previous = (await repo.listPlans(trx, municipalityId)).find((p) => p.year < year);
      const previousVersion = previous ? (await repo.listVersions(trx, [previous.id])).at(-1) : undefined;
      const municipality = await repo.findMunicipalityById(trx, municipalityId);
      const sections = (previousVersion?.sections as TSections | undefined) ?? defaultSections(municipality.name);
      const forumId = previous?.approving_forum_id ?? (await this.defaultApprovingForum(municipalityId, trx));
      const planId = await repo.insertPlan(trx, { municipality_id: municipalityId, year, approving_forum_id: forumId, approval_rule: previous?.approval_rule ?? 'all', created_by: actor.userId });
      await repo.insertVersion(trx, { plan_id: planId, number: 1, status: 'draft', sections: JSON.stringify(sections), created_by: actor.userId });
      await appendAuditEntries(trx, [{ ...auditActor(ctx), action: 'plan.created', entityType: 'action_plan', entityId: planId, after: { year } }]);
      return planId;
    });
    return this.detail(actor, id);
  }

  /** The steering group by default: a forum named so, else the municipality's own strategic forum. */
  async defaultApprovingForum(municipalityId: string, db: Kysely<Database> = this.db): Promise<string | null> {
    const forums = await mapReader.listForums(db, await this.scopeOf(municipalityId, db), null);
    const steering = forums.find((f) => f.name.toLocaleLowerCase('da').startsWith('styregruppe'));
    return (steering ?? forums.find((f) => f.level === 'strategic' && f.municipality_id === municipalityId))?.id ?? null;
  }

  setSections(actor: Actor, id: string, input: z.input<typeof ZSectionsInput>, ctx: RequestContext): Promise<TPlanDetail> {
    const sections = Object.fromEntries(WRITTEN_SECTIONS.map((s) => [s, sanitizeRichText(input[s])])) as TSections;
    return this.step(actor, id, ctx, ['draft'], async (trx, _plan, version) => {
      const before = version.sections as TSections;
      await repo.updateVersion(trx, version.id, { sections: JSON.stringify(sections) });
      const changed = WRITTEN_SECTIONS.filter((s) => before[s] !== sections[s]);
      return { action: 'plan.sections_changed', after: { version: version.number, sections: changed } };
    });
  }

  setSettings(actor: Actor, id: string, input: z.output<typeof ZPlanSettingsInput>, ctx: RequestContext): Promise<TPlanDetail> {
    return this.step(actor, id, ctx, ['draft'], async (trx, plan) => {
      if (!(await mapReader.findCurrent(trx, 'forums', await this.scopeOf(plan.municipality_id, trx), input.approvingForumId))) throw invalidField('approvingForumId', 'problem.reference_not_found');
      await repo.updatePlan(trx, plan.id, { approving_forum_id: input.approvingForumId, approval_rule: input.approvalRule });
      return { action: 'plan.settings_changed', before: { approvingForumId: plan.approving_forum_id, approvalRule: plan.approval_rule }, after: input };
    });
  }

  /** Freezes what the draft says and asks the approving forum's voting members to decide. */
  submit(actor: Actor, id: string, ctx: RequestContext): Promise<TPlanDetail> {
    return this.step(actor, id, ctx, ['draft'], async (trx, plan, version) => {
      const approvers = await this.approversOf(plan, trx);
      if (approvers.length === 0) throw invalidField('approvingForumId', 'problem.plan_no_approvers');
      const content = await generateContent(trx, plan.municipality_id, plan.year, version.sections as TSections);
      await repo.updateVersion(trx, version.id, { status: 'submitted', content: JSON.stringify(content), submitted_at: new Date(), submitted_by: actor.userId });
      const link = `${this.publicUrl}/handlingsplan/${plan.id}`;
      await queueMail(
        trx,
        approvers.map(
          (a): Mail => ({
            municipalityId: plan.municipality_id,
            to: a.email,
            subject: `Handlingsplan ${plan.year} (version ${version.number}) til godkendelse`,
            body: `Kære ${a.name}\n\n${actor.name} har sendt ${content.title}, version ${version.number}, til godkendelse i ${a.function_title ? `din rolle som ${a.function_title}` : 'forummet'}.\n\nLæs planen, og godkend den eller kommentér den her:\n${link}\n\nVenlig hilsen\nTrekant`,
          }),
        ),
      );
      await this.notifications.notify(
        trx,
        approvers.map((a) => ({ userId: a.user_id, municipalityId: plan.municipality_id, kind: 'plan_submitted', entityType: 'action_plan', entityId: plan.id, data: { year: plan.year, version: version.number, by: actor.name } })),
      );
      return { action: 'plan.submitted', after: { version: version.number, approvers: approvers.length } };
    });
  }

  /** Takes a submitted plan back to draft, e.g. to work in comments. */
  withdraw(actor: Actor, id: string, ctx: RequestContext): Promise<TPlanDetail> {
    return this.step(actor, id, ctx, ['submitted'], async (trx, _plan, version) => {
      await repo.updateVersion(trx, version.id, { status: 'draft', content: null, submitted_at: null, submitted_by: null });
      return { action: 'plan.withdrawn', after: { version: version.number } };
    });
  }

  /** A voting member approves or comments; the plan is approved when the rule is met. */
  decide(actor: Actor, id: string, input: z.output<typeof ZDecisionInput>, ctx: RequestContext): Promise<TPlanDetail> {
    return this.step(actor, id, ctx, ['submitted'], async (trx, plan, version) => {
      const [approvers, counted, relations] = await Promise.all([
        this.approversOf(plan, trx),
        repo.listDecisions(trx, [version.id]).then((decisions) => this.approvalsCounted(version, decisions)),
        this.voteRelations(actor, [plan], trx),
      ]);
      const resource = planResource(plan, { status: version.status as TPlanStatus, hasVoters: approvers.length > 0, approvedByActor: counted.has(actor.userId) }, relations);
      // The decision is recorded under the actor's seat, named in the list of voters.
      const me = approvers.find((a) => a.user_id === actor.userId);
      if (!me || !can(actor, 'comment', resource)) throw forbidden();
      if (input.decision === 'approve' && counted.has(actor.userId)) throw conflict('problem.plan_already_approved');
      await repo.insertDecision(trx, { version_id: version.id, user_id: actor.userId, function_title: me.function_title, decision: input.decision, comment: input.comment ?? null });
      if (input.decision === 'approve') counted.add(actor.userId);
      const voters = approvers.map((a) => a.user_id);
      const yes = voters.filter((v) => counted.has(v)).length;
      const met = isApprovalMet(plan.approval_rule as TApprovalRule, yes, voters.length);
      if (input.decision === 'approve' && met) {
        await repo.updateVersion(trx, version.id, { status: 'approved', approved_at: new Date() });
        await appendAuditEntries(trx, [{ ...auditActor(ctx), action: 'plan.approved', entityType: 'action_plan', entityId: plan.id, after: { version: version.number, approvals: yes, voters: voters.length, rule: plan.approval_rule } }]);
      }
      return { action: 'plan.decided', after: { version: version.number, decision: input.decision, comment: input.comment ?? null } };
    });
  }

  publish(actor: Actor, id: string, ctx: RequestContext): Promise<TPlanDetail> {
    return this.step(actor, id, ctx, ['approved'], async (trx, _plan, version) => {
      await repo.updateVersion(trx, version.id, { status: 'published', published_at: new Date(), published_by: actor.userId });
      return { action: 'plan.published', after: { version: version.number } };
    });
  }

  /** Starts the next version from the newest approved one: the same text, live data. */
  revise(actor: Actor, id: string, ctx: RequestContext): Promise<TPlanDetail> {
    return this.step(actor, id, ctx, ['approved', 'published'], async (trx, plan, version) => {
      await repo.insertVersion(trx, { plan_id: plan.id, number: version.number + 1, status: 'draft', sections: JSON.stringify(version.sections), created_by: actor.userId });
      return { action: 'plan.revised', after: { from: version.number, version: version.number + 1 } };
    });
  }

  // --- reminders ----------------------------------------------------------------------------

  /**
   * The yearly revision: when a plan's newest approved version is eleven months old, the
   * municipality's leaders and consultants get a reminder, once per version.
   */
  async remindRevisions(now = new Date()): Promise<number> {
    // The sweep looks across municipalities; each reminder is then written in its own.
    const due = await unscoped('finding plans due for revision in every municipality', () => repo.listVersionsDueForRevision(this.db, new Date(now.getTime() - REVISION_AFTER_MS)));
    const ctx = systemContext('job:plan-revision-reminders');
    for (const version of due) {
      await runInDataScope(tenantScope([version.municipality_id]), () => runChange(this.db, ctx, async (trx) => {
        const recipients = await repo.listUsersWithRoles(trx, version.municipality_id, ['leader', 'consultant']);
        await queueMail(
          trx,
          recipients.map((r) => ({
            municipalityId: version.municipality_id,
            to: r.email,
            subject: `Tid til at revidere handlingsplanen for ${version.year}`,
            body: `Kære ${r.name}\n\nHandlingsplanen for tryghed og kriminalitetsforebyggelse ${version.year} (version ${version.number}) blev godkendt for snart et år siden. Planen skal revideres cirka en gang om året og når indsatserne ændrer sig.\n\nStart revisionen her:\n${this.publicUrl}/handlingsplan/${version.plan_id}\n\nVenlig hilsen\nTrekant`,
          })),
        );
        await this.notifications.notify(
          trx,
          recipients.map((r) => ({ userId: r.id, municipalityId: version.municipality_id, kind: 'plan_revision_due', entityType: 'action_plan', entityId: version.plan_id, data: { year: version.year, version: version.number } })),
        );
        await repo.updateVersion(trx, version.id, { revision_reminded_at: now });
        await appendAuditEntries(trx, [
          {
            ...auditActor(ctx),
            municipalityId: version.municipality_id,
            action: 'plan.revision_reminded',
            entityType: 'action_plan',
            entityId: version.plan_id,
            after: { version: version.number, recipients: recipients.length },
          },
        ]);
      }));
    }
    return due.length;
  }
}

/** All: every voter approved. Majority: more than half of the voters approved. */
export function isApprovalMet(rule: TApprovalRule, approvals: number, voters: number): boolean {
  if (voters === 0) return false;
  return rule === 'majority' ? approvals * 2 > voters : approvals === voters;
}

function versionSummary(v: VersionRow) {
  return { number: v.number, status: v.status as TPlanStatus, submittedAt: iso(v.submitted_at), approvedAt: iso(v.approved_at), publishedAt: iso(v.published_at) };
}

function presentDecision(d: Awaited<ReturnType<typeof repo.listDecisions>>[number]) {
  return { userName: d.user_name, functionTitle: d.function_title, decision: d.decision as 'approve' | 'comment', comment: d.comment, at: d.decided_at.toISOString() };
}
