import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import {
  type TActionItemChanged,
  type TAgendaItem,
  type TBoard,
  type TBoardQuery,
  type TCadenceRow,
  type TMeetingDetail,
  type TMeetingSummary,
  type TMinutes,
  type TMinutesContent,
  type TMinutesStatus,
  type ZActionItemStatusChange,
  type ZAgendaUpdate,
  type ZMeetingCreate,
  type ZMeetingListQuery,
  type ZMeetingUpdate,
  type ZMinutesSave,
} from '../../../contracts/meetings.ts';
import { FORUM_ROLES, type TCadence, type TForumLevel, type TForumRole } from '../../../contracts/organisation.ts';
import { type Actor, requireMunicipality } from '../../platform/access/actor.ts';
import { abilitiesOf, can, sees } from '../../platform/access/decision.ts';
import { Relations } from '../../platform/access/relations.ts';
import type { AccessLogWriter } from '../../platform/audit/access-log.ts';
import { type AuditEntry, appendAuditEntries } from '../../platform/audit/audit-chain.ts';
import { type RequestContext, auditActor } from '../../platform/context.ts';
import { danishToday, startOfDanishDay } from '../../platform/danish-time.ts';
import { unscoped } from '../../platform/db/data-scope.ts';
import type { Database } from '../../platform/db/schema.ts';
import { runChange } from '../../platform/db/unit-of-work.ts';
import { type FieldError, Problem, forbidden, invalidField, notFound, problemType } from '../../platform/errors.ts';
import * as mapReader from '../organisation/organisation.public.ts';
import type { OrganisationService } from '../organisation/organisation.service.ts';
import { cadenceOf } from './meetings.cadence.ts';
import { type AgendaRef, actionItemChanges, keepUnmentionedClosedItems, minutesErrors, minutesFor, participantsOf } from './meetings.minutes.ts';
import { actionItemResource, forumFilter, meetingResource, minutesResource } from './meetings.policy.ts';
import * as repo from './meetings.repository.ts';

type Db = Kysely<Database>;
type ForumRef = { name: string; level: TForumLevel };
type LockedMeeting = NonNullable<Awaited<ReturnType<typeof repo.lockMeeting>>>;

const staleMeeting = () => new Problem(409, problemType('meeting-revision'), 'problem.meeting_revision');
const staleMinutes = () => new Problem(409, problemType('minutes-revision'), 'problem.minutes_revision');
const minutesStatus = () => new Problem(409, problemType('minutes-status'), 'problem.minutes_status');
const invalid = (errors: FieldError[]) => new Problem(422, problemType('validation'), 'problem.validation', { detailKey: 'problem.validation.detail', errors });

/**
 * Forums' meetings (issue #13 items 1, 3 and the board of 4): planned with invitations from the
 * forum's members, an agenda of open, closed and case items, minutes in versions approved by
 * those present, and the action items of approved minutes followed up on a board.
 */
export class MeetingsService {
  constructor(
    private readonly db: Db,
    private readonly organisation: OrganisationService,
    private readonly accessLog: AccessLogWriter,
  ) {}

  private scopeOf(actor: Actor): repo.MeetingScope {
    return { municipalityId: requireMunicipality(actor), policeDistrictId: actor.policeDistrictId };
  }

  /** The actor's seats in these forums, and those as chair or secretary, asked once each. */
  private relationsTo(actor: Actor, forumIds: readonly string[]): Promise<Relations> {
    const seats = (roles: TForumRole[] | null) => (ids: readonly string[]) => mapReader.listForumIdsSatIn(this.db, actor.userId, ids, roles);
    return Relations.load({ sitsInForum: { ids: forumIds, read: seats(null) }, organisesForum: { ids: forumIds, read: seats(['chair', 'secretary']) } });
  }

  /** The forums of the municipality and its district, as the map shows them now. */
  private async forumsOf(actor: Actor) {
    return mapReader.listForums(this.db, this.scopeOf(actor), null);
  }

  private summary(row: repo.MeetingRow, forums: ReadonlyMap<string, ForumRef>): TMeetingSummary {
    const forum = forums.get(row.forum_id);
    return {
      id: row.id,
      forum: { id: row.forum_id, name: forum?.name ?? null, level: forum?.level ?? null },
      scope: row.municipality_id ? 'municipality' : 'police_district',
      title: row.title,
      startsAt: row.starts_at.toISOString(),
      endsAt: row.ends_at?.toISOString() ?? null,
      place: row.place,
      onlineLink: row.online_link,
      revision: row.revision,
      minutes: row.minutes_version === null ? null : { version: row.minutes_version, status: row.minutes_status as TMinutesStatus },
    };
  }

  /** The forums (of these) whose meetings and whose confidential action items the actor sees, as filters for one query. */
  private async forumFilter(actor: Actor, forumIds: readonly string[]) {
    const relations = await this.relationsTo(actor, forumIds);
    const holding = (relation: 'sitsInForum' | 'organisesForum') => forumIds.filter((id) => relations.holds(relation, id));
    return forumFilter(actor, holding('sitsInForum'), holding('organisesForum'));
  }

  async list(actor: Actor, query: z.output<typeof ZMeetingListQuery>): Promise<TMeetingSummary[]> {
    const forums = await this.forumsOf(actor);
    const { forums: visible } = await this.forumFilter(actor, forums.map((f) => f.id));
    const rows = await repo.listMeetings(this.db, this.scopeOf(actor), {
      forumIds: visible,
      forumId: query.forumId,
      from: query.from ? startOfDanishDay(query.from) : undefined,
      to: query.to ? startOfDanishDay(query.to, 1) : undefined,
      limit: query.limit,
    });
    const refs = forumRefs(forums);
    return rows.map((row) => this.summary(row, refs));
  }

  /** A meeting the actor sees, with their relations to its forum; anything else is 404. */
  private async requireMeeting(actor: Actor, id: string) {
    const row = await repo.findMeeting(this.db, this.scopeOf(actor), id);
    if (!row) throw notFound();
    const relations = await this.relationsTo(actor, [row.forum_id]);
    const resource = meetingResource(row, relations);
    if (!sees(actor, resource)) throw notFound();
    return { row, relations, resource };
  }

  private async requireOrganiser(actor: Actor, id: string) {
    const meeting = await this.requireMeeting(actor, id);
    if (!can(actor, 'organise', meeting.resource)) throw forbidden();
    return meeting;
  }

  /** Each closed item opened is logged with the purpose before anything of it is answered. */
  private async logClosedReads(ctx: RequestContext, itemIds: readonly string[], purpose: string): Promise<void> {
    await Promise.all(itemIds.map((id) => this.accessLog.record({ ...auditActor(ctx), action: 'meeting.closed_item_read', entityType: 'meeting_agenda_item', entityId: id, purpose })));
  }

  /**
   * The meeting with its invitations and agenda. Open items show; a case item only its
   * pseudonym; a closed item, to those who may open it, only with a purpose (logged), else
   * withheld; to anyone else it is not shown, only counted.
   */
  async detail(actor: Actor, id: string, purpose: string | undefined, ctx: RequestContext): Promise<TMeetingDetail> {
    const { row, resource } = await this.requireMeeting(actor, id);
    const [invitations, agenda, forums] = await Promise.all([repo.listInvitations(this.db, id), repo.listAgenda(this.db, id), this.forumsOf(actor)]);
    const opensClosed = can(actor, 'readClosed', resource);
    const shown = agenda.filter((item) => item.confidentiality !== 'closed' || opensClosed);
    const opened = purpose ? shown.filter((item) => item.confidentiality === 'closed') : [];
    if (purpose) await this.logClosedReads(ctx, opened.map((item) => item.id), purpose);
    return {
      ...this.summary(row, forumRefs(forums)),
      invitations: invitations.map((i) => ({ userId: i.user_id, name: i.name, functionId: i.function_id, functionTitle: i.function_title, role: i.role as TForumRole })),
      agenda: shown.map((item) => presentItem(item, item.confidentiality !== 'closed' || Boolean(purpose))),
      closedItemsNotShown: agenda.length - shown.length,
      abilities: abilitiesOf(actor, resource),
    };
  }

  async create(actor: Actor, input: z.output<typeof ZMeetingCreate>, ctx: RequestContext): Promise<TMeetingDetail> {
    const forum = await mapReader.findCurrent(this.db, 'forums', this.scopeOf(actor), input.forumId);
    // A forum the actor may not see (a partner's forum elsewhere) is as absent as one that never existed.
    const resource = forum && meetingResource({ id: forum.id, municipality_id: forum.municipality_id, police_district_id: forum.police_district_id, forum_id: forum.id }, await this.relationsTo(actor, [forum.id]));
    if (!forum || !resource || !sees(actor, resource)) throw invalidField('forumId', 'problem.reference_not_found');
    if (!can(actor, 'organise', resource)) throw forbidden();
    const holders = await (forum.police_district_id
      ? unscoped('a district forum seats functions of every municipality in the district: all their holders are invited', () => this.organisation.holdersInForum(forum.id, [...FORUM_ROLES]))
      : this.organisation.holdersInForum(forum.id, [...FORUM_ROLES]));
    const id = await runChange(this.db, ctx, async (trx) => {
      const meetingId = await repo.insertMeeting(trx, {
        municipality_id: forum.municipality_id,
        police_district_id: forum.police_district_id,
        forum_id: forum.id,
        title: input.title,
        starts_at: input.startsAt,
        ends_at: input.endsAt,
        place: input.place,
        online_link: input.onlineLink,
        created_by: actor.userId,
      });
      await repo.insertInvitations(
        trx,
        holders.map((h) => ({ meeting_id: meetingId, user_id: h.user_id, function_id: h.function_id, function_title: h.function_title, role: h.role })),
      );
      await appendAuditEntries(trx, [{ ...auditActor(ctx), action: 'meeting.created', entityType: 'meeting', entityId: meetingId, after: { forumId: forum.id, title: input.title, startsAt: input.startsAt, invited: holders.length } }]);
      return meetingId;
    });
    return this.detail(actor, id, undefined, ctx);
  }

  /** A change of the meeting or its agenda: locked, compared with the revision the organiser read, audited. */
  private async changeMeeting(
    actor: Actor,
    id: string,
    revision: number,
    ctx: RequestContext,
    work: (trx: Transaction<Database>, row: LockedMeeting) => Promise<{ entry: AuditEntry; changes?: Parameters<typeof repo.touchMeeting>[3] }>,
  ): Promise<void> {
    await this.requireOrganiser(actor, id);
    await runChange(this.db, ctx, async (trx) => {
      const row = await repo.lockMeeting(trx, this.scopeOf(actor), id);
      if (!row) throw notFound();
      if (row.revision !== revision) throw staleMeeting();
      const { entry, changes } = await work(trx, row);
      await repo.touchMeeting(trx, id, actor.userId, changes);
      await appendAuditEntries(trx, [entry]);
    });
  }

  async update(actor: Actor, id: string, input: z.output<typeof ZMeetingUpdate>, ctx: RequestContext): Promise<TMeetingDetail> {
    await this.changeMeeting(actor, id, input.revision, ctx, async (_trx, row) => {
      const changes = { title: input.title, starts_at: input.startsAt, ends_at: input.endsAt, place: input.place, online_link: input.onlineLink };
      const before = { title: row.title, startsAt: row.starts_at.toISOString(), endsAt: row.ends_at?.toISOString() ?? null, place: row.place, onlineLink: row.online_link };
      const after = { title: input.title, startsAt: input.startsAt, endsAt: input.endsAt, place: input.place, onlineLink: input.onlineLink };
      return { entry: { ...auditActor(ctx), action: 'meeting.updated', entityType: 'meeting', entityId: id, before, after }, changes };
    });
    return this.detail(actor, id, undefined, ctx);
  }

  /**
   * Replaces the agenda, until minutes refer to it. The audit names the items and their
   * confidentiality, not what a closed item says.
   */
  async setAgenda(actor: Actor, id: string, input: z.output<typeof ZAgendaUpdate>, ctx: RequestContext): Promise<TMeetingDetail> {
    await this.changeMeeting(actor, id, input.revision, ctx, async (trx) => {
      if (await repo.lockNewestMinutes(trx, id)) throw new Problem(409, problemType('agenda-locked'), 'problem.agenda_locked');
      const existing = await repo.listAgenda(trx, id);
      const known = new Set(existing.map((item) => item.id));
      const errors = input.items.flatMap((item, i): FieldError[] => (item.id && !known.has(item.id) ? [{ field: `items[${i}].id`, message: 'meeting.unknown_agenda_item' }] : []));
      if (errors.length) throw invalid(errors);
      const items = input.items.map((item, i) => ({
        id: item.id ?? randomUUID(),
        meeting_id: id,
        position: i + 1,
        kind: item.kind,
        confidentiality: item.confidentiality,
        title: item.title,
        background: item.background,
        presenter: item.presenter,
        case_ref: item.caseRef,
      }));
      await repo.replaceAgenda(trx, id, items);
      const outline = (list: { id: string; kind: string; confidentiality: string }[]) => list.map(({ id: itemId, kind, confidentiality }) => ({ id: itemId, kind, confidentiality }));
      return { entry: { ...auditActor(ctx), action: 'meeting.agenda_changed', entityType: 'meeting', entityId: id, before: outline(existing), after: outline(items) } };
    });
    return this.detail(actor, id, undefined, ctx);
  }

  // --- minutes ------------------------------------------------------------------------------

  /**
   * A version of the minutes (the newest by default). What the reader may not open of closed
   * items (or opened without a purpose) and of case items is left out; closed items opened with
   * a purpose are logged.
   */
  async minutes(actor: Actor, id: string, query: { purpose?: string; version?: number }, ctx: RequestContext): Promise<TMinutes> {
    const { row, relations, resource } = await this.requireMeeting(actor, id);
    const [versions, agenda] = await Promise.all([repo.listMinutesVersions(this.db, id), repo.listAgenda(this.db, id)]);
    const minutes = query.version ? versions.find((v) => v.version === query.version) : versions.at(-1);
    if (!minutes) throw notFound();
    const content = minutes.content as TMinutesContent;
    const closed = new Set(agenda.filter((item) => item.confidentiality === 'closed').map((item) => item.id));
    const open = new Set(agenda.filter((item) => item.confidentiality === 'open').map((item) => item.id));
    const opensClosed = can(actor, 'readClosed', resource) && Boolean(query.purpose);
    const shown = minutesFor(content, (itemId) => open.has(itemId) || (opensClosed && closed.has(itemId)));
    if (opensClosed) await this.logClosedReads(ctx, [...closed], query.purpose!);
    const approvals = await repo.listApprovals(this.db, minutes.id);
    const participants = participantsOf(content);
    const names = new Map((await repo.listInvitations(this.db, id)).map((i) => [i.user_id, i.name]));
    const newest = minutes === versions.at(-1);
    const attributes = { status: minutes.status as TMinutesStatus, participant: participants.includes(actor.userId), approvedByActor: approvals.some((a) => a.user_id === actor.userId) };
    const abilities = abilitiesOf(actor, minutesResource(row, minutes, attributes, relations));
    return {
      meetingId: id,
      version: minutes.version,
      status: minutes.status as TMinutesStatus,
      revision: minutes.revision,
      lockedAt: minutes.locked_at?.toISOString() ?? null,
      ...shown,
      participants: participants.map((userId) => ({ id: userId, name: names.get(userId) ?? '' })),
      approvals: approvals.map((a) => ({ userId: a.user_id, name: a.name, approvedAt: a.approved_at.toISOString() })),
      versions: versions.map((v) => ({ version: v.version, status: v.status as TMinutesStatus, lockedAt: v.locked_at?.toISOString() ?? null })),
      // Only the newest version moves; older ones are history.
      abilities: newest ? abilities : { edit: false, circulate: false, approve: false, correct: false },
    };
  }

  /** Minutes content against the meeting: its agenda and invitations, and the functions on the organiser's map. */
  private async checkMinutes(trx: Transaction<Database>, actor: Actor, id: string, content: TMinutesContent): Promise<void> {
    const [agenda, invitations, names] = await Promise.all([repo.listAgenda(trx, id), repo.listInvitations(trx, id), mapReader.listNames(trx, this.scopeOf(actor))]);
    const errors = minutesErrors(content, agenda as { id: string; confidentiality: TAgendaItem['confidentiality'] }[], new Set(invitations.map((i) => i.user_id)));
    content.actionItems.forEach((a, i) => {
      if (a.ownerFunctionId && !names.functions.has(a.ownerFunctionId)) errors.push({ field: `content.actionItems[${i}].ownerFunctionId`, message: 'problem.reference_not_found' });
    });
    if (errors.length) throw invalid(errors);
  }

  /** Saves the draft (the first save makes version 1): `revision` as read, 0 before any minutes. */
  async saveMinutes(actor: Actor, id: string, input: z.output<typeof ZMinutesSave>, ctx: RequestContext): Promise<TMinutes> {
    await this.requireOrganiser(actor, id);
    // New action items get their id now, so that a correction keeps following the same one.
    const saved: TMinutesContent = { ...input.content, actionItems: input.content.actionItems.map((a) => ({ ...a, id: a.id ?? randomUUID() })) };
    await runChange(this.db, ctx, async (trx) => {
      // Under the meeting's lock, as the agenda is changed: the minutes are checked against the agenda they are saved with.
      if (!(await repo.lockMeeting(trx, this.scopeOf(actor), id))) throw notFound();
      await this.checkMinutes(trx, actor, id, input.content);
      const newest = await repo.lockNewestMinutes(trx, id);
      if ((newest?.revision ?? 0) !== input.revision) throw staleMinutes();
      if (newest && newest.status !== 'draft') throw minutesStatus();
      const agenda = (await repo.listAgenda(trx, id)) as AgendaRef[];
      const content = keepUnmentionedClosedItems((newest?.content as TMinutesContent | undefined) ?? null, saved, agenda);
      if (newest) await repo.updateMinutes(trx, newest.id, { content: JSON.stringify(content) });
      else await repo.insertMinutes(trx, { meeting_id: id, version: 1, content: JSON.stringify(content), created_by: actor.userId });
      const counts = { present: participantsOf(content).length, items: content.items.length, actionItems: content.actionItems.length };
      await appendAuditEntries(trx, [{ ...auditActor(ctx), action: 'meeting.minutes_saved', entityType: 'meeting', entityId: id, after: { version: newest?.version ?? 1, ...counts } }]);
    });
    return this.minutes(actor, id, {}, ctx);
  }

  /**
   * A step on the newest minutes, under its row lock, decided by the `minutes` rules on the
   * locked row (so two approvals at once count once each).
   */
  private async stepMinutes(
    actor: Actor,
    id: string,
    action: 'circulate' | 'approve' | 'correct',
    ctx: RequestContext,
    work: (trx: Transaction<Database>, minutes: repo.MinutesRow, meeting: repo.MeetingRow) => Promise<AuditEntry[]>,
  ): Promise<TMinutes> {
    const { row, relations } = await this.requireMeeting(actor, id);
    await runChange(this.db, ctx, async (trx) => {
      const minutes = await repo.lockNewestMinutes(trx, id);
      if (!minutes) throw notFound();
      const content = minutes.content as TMinutesContent;
      const approvals = await repo.listApprovals(trx, minutes.id);
      const attributes = { status: minutes.status as TMinutesStatus, participant: participantsOf(content).includes(actor.userId), approvedByActor: approvals.some((a) => a.user_id === actor.userId) };
      const resource = minutesResource(row, minutes, attributes, relations);
      // Refused for the minutes' state (not at this step, already approved) as a conflict; else for who asks.
      if (!can(actor, action, resource)) throw minutes.status !== NEEDED_STATUS[action] || (action === 'approve' && attributes.approvedByActor) ? minutesStatus() : forbidden();
      await appendAuditEntries(trx, await work(trx, minutes, row));
    });
    return this.minutes(actor, id, {}, ctx);
  }

  async circulate(actor: Actor, id: string, revision: number, ctx: RequestContext): Promise<TMinutes> {
    return this.stepMinutes(actor, id, 'circulate', ctx, async (trx, minutes) => {
      if (minutes.revision !== revision) throw staleMinutes();
      if (participantsOf(minutes.content as TMinutesContent).length === 0) throw invalidField('content.attendance', 'meeting.no_participants');
      await repo.updateMinutes(trx, minutes.id, { status: 'circulated' });
      return [{ ...auditActor(ctx), action: 'meeting.minutes_circulated', entityType: 'meeting', entityId: id, after: { version: minutes.version } }];
    });
  }

  /** One participant's approval; the last one locks the minutes and starts (or corrects) their action items. */
  async approve(actor: Actor, id: string, ctx: RequestContext): Promise<TMinutes> {
    return this.stepMinutes(actor, id, 'approve', ctx, async (trx, minutes, meeting) => {
      await repo.insertApproval(trx, minutes.id, actor.userId);
      const entries: AuditEntry[] = [{ ...auditActor(ctx), action: 'meeting.minutes_approved', entityType: 'meeting', entityId: id, after: { version: minutes.version } }];
      const content = minutes.content as TMinutesContent;
      const approved = new Set((await repo.listApprovals(trx, minutes.id)).map((a) => a.user_id));
      if (participantsOf(content).every((userId) => approved.has(userId))) {
        await repo.updateMinutes(trx, minutes.id, { status: 'approved', locked_at: new Date() });
        const changes = await this.followUp(trx, actor, meeting, content);
        entries.push({ ...auditActor(ctx), action: 'meeting.minutes_locked', entityType: 'meeting', entityId: id, after: { version: minutes.version, actionItems: changes } });
      }
      return entries;
    });
  }

  /** The locked minutes' action items onto the board: new ones open, corrected ones keep their status, removed ones are cancelled. */
  private async followUp(trx: Transaction<Database>, actor: Actor, meeting: repo.MeetingRow, content: TMinutesContent) {
    const agenda = new Map((await repo.listAgenda(trx, meeting.id)).map((item) => [item.id, item]));
    const locked = content.actionItems.map((a) => ({ ...a, id: a.id! }));
    const changes = actionItemChanges(await repo.listActionItemIds(trx, meeting.id), locked);
    const fields = (a: (typeof locked)[number]) => ({
      agenda_item_id: a.agendaItemId,
      confidential: agenda.get(a.agendaItemId)?.confidentiality !== 'open',
      what: a.what,
      owner_function_id: a.ownerFunctionId,
      owner_user_id: a.ownerUserId,
      due_on: a.dueOn,
      level: a.level,
    });
    await repo.insertActionItems(
      trx,
      changes.insert.map((a) => ({ id: a.id, municipality_id: meeting.municipality_id, police_district_id: meeting.police_district_id, meeting_id: meeting.id, forum_id: meeting.forum_id, ...fields(a) })),
    );
    for (const a of changes.update) await repo.updateActionItem(trx, a.id, fields(a), actor.userId);
    for (const cancelled of changes.cancel) await repo.updateActionItem(trx, cancelled, { status: 'cancelled' }, actor.userId);
    return { started: changes.insert.length, corrected: changes.update.length, cancelled: changes.cancel.length };
  }

  /** A correction of approved minutes: the next version, a draft with the same content; the approved one stays as it was. */
  async correct(actor: Actor, id: string, ctx: RequestContext): Promise<TMinutes> {
    return this.stepMinutes(actor, id, 'correct', ctx, async (trx, minutes) => {
      await repo.insertMinutes(trx, { meeting_id: id, version: minutes.version + 1, content: JSON.stringify(minutes.content), created_by: actor.userId });
      return [{ ...auditActor(ctx), action: 'meeting.minutes_corrected', entityType: 'meeting', entityId: id, after: { version: minutes.version + 1, corrects: minutes.version } }];
    });
  }

  // --- follow-up ----------------------------------------------------------------------------

  async changeActionItem(actor: Actor, meetingId: string, itemId: string, input: z.output<typeof ZActionItemStatusChange>, ctx: RequestContext): Promise<TActionItemChanged> {
    const { relations } = await this.requireMeeting(actor, meetingId);
    return runChange(this.db, ctx, async (trx) => {
      const item = await repo.lockActionItem(trx, meetingId, itemId);
      const resource = item && actionItemResource(item, actor, relations);
      if (!item || !resource || !sees(actor, resource)) throw notFound();
      if (!can(actor, 'changeStatus', resource)) throw forbidden();
      if (item.revision !== input.revision) throw new Problem(409, problemType('action-item-revision'), 'problem.action_item_revision');
      await repo.updateActionItem(trx, itemId, { status: input.status }, actor.userId);
      await appendAuditEntries(trx, [{ ...auditActor(ctx), action: 'meeting.action_item_changed', entityType: 'action_item', entityId: itemId, before: { status: item.status }, after: { status: input.status } }]);
      return { id: itemId, status: input.status, revision: item.revision + 1 };
    });
  }

  /** The board: open action items the actor may see, filtered, overdue first, a bounded page. */
  async board(actor: Actor, query: TBoardQuery): Promise<TBoard> {
    const scope = this.scopeOf(actor);
    const forums = await this.forumsOf(actor);
    const [filter, names] = await Promise.all([this.forumFilter(actor, forums.map((f) => f.id)), mapReader.listNames(this.db, scope)]);
    const today = danishToday();
    const rows = await repo.listBoard(this.db, scope, filter, query, today);
    const refs = forumRefs(forums);
    const items = rows.map((r) => ({
      id: r.id,
      what: r.what,
      meeting: { id: r.meeting_id, title: r.meeting_title, startsAt: r.meeting_starts_at.toISOString() },
      forum: { id: r.forum_id, name: refs.get(r.forum_id)?.name ?? null },
      agendaItemId: r.agenda_item_id,
      confidential: r.confidential,
      owner: { functionId: r.owner_function_id, userId: r.owner_user_id, name: r.owner_user_id ? r.owner_user_name : (names.functions.get(r.owner_function_id!) ?? null) },
      dueOn: r.due_on,
      overdue: r.overdue,
      level: r.level as TForumLevel,
      status: r.status as TBoard['items'][number]['status'],
      revision: r.revision,
    }));
    return { items: items.slice(0, query.limit), hasMore: items.length > query.limit };
  }

  /** Each visible forum's meetings in a year against its cadence rule, with the dates the rule proposes. */
  async cadence(actor: Actor, year: number): Promise<TCadenceRow[]> {
    const forums = await this.forumsOf(actor);
    const [relations, counts] = await Promise.all([
      this.relationsTo(actor, forums.map((f) => f.id)),
      repo.countMeetingsPerForum(this.db, this.scopeOf(actor), startOfDanishDay(`${year}-01-01`), startOfDanishDay(`${year + 1}-01-01`)),
    ]);
    return forums
      .filter((f) => sees(actor, meetingResource({ ...f, forum_id: f.id }, relations)))
      .map((f) => {
        const meetingsInYear = counts.get(f.id) ?? 0;
        return { forumId: f.id, forumName: f.name, cadence: f.cadence as TCadence | null, meetingsInYear, ...cadenceOf(f.cadence as TCadence | null, year, meetingsInYear) };
      });
  }
}

/** The status each step starts from: what a refusal for the minutes' state is told apart by. */
const NEEDED_STATUS: Record<'circulate' | 'approve' | 'correct', TMinutesStatus> = { circulate: 'draft', approve: 'circulated', correct: 'approved' };

function forumRefs(forums: readonly { id: string; name: string; level: string }[]): Map<string, ForumRef> {
  return new Map(forums.map((f) => [f.id, { name: f.name, level: f.level as TForumLevel }]));
}

function presentItem(item: repo.AgendaRow, opened: boolean): TAgendaItem {
  const isCase = item.confidentiality === 'case';
  return {
    id: item.id,
    position: item.position,
    kind: item.kind as TAgendaItem['kind'],
    confidentiality: item.confidentiality as TAgendaItem['confidentiality'],
    title: isCase || !opened ? null : item.title,
    background: isCase || !opened ? null : item.background,
    presenter: opened ? item.presenter : '',
    caseRef: item.case_ref,
    withheld: !isCase && !opened,
  };
}
