import { z } from 'zod';
import { ZCalendarDate, ZId, ZPurpose, ZTimestamp } from './common.ts';
import { ZCadence, ZForumLevel, ZForumRole, ZOwnerScope } from './organisation.ts';

/** Forums' meetings, agendas, minutes and action items (issue #13 items 1, 3 and the board of 4). */

export const AGENDA_ITEM_KINDS = ['information', 'discussion', 'decision'] as const;
export const ZAgendaItemKind = z.enum(AGENDA_ITEM_KINDS);

/** Open: everyone who sees the meeting; closed: the forum's members (and organisers); case: only a pseudonym (the case module opens it). */
export const CONFIDENTIALITIES = ['open', 'closed', 'case'] as const;
export const ZConfidentiality = z.enum(CONFIDENTIALITIES);
export type TConfidentiality = z.infer<typeof ZConfidentiality>;

export const ATTENDANCE = ['present', 'absent', 'substitute'] as const;
export const ZAttendance = z.enum(ATTENDANCE);

export const MINUTES_STATUSES = ['draft', 'circulated', 'approved'] as const;
export const ZMinutesStatus = z.enum(MINUTES_STATUSES);
export type TMinutesStatus = z.infer<typeof ZMinutesStatus>;

export const ACTION_ITEM_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export const ZActionItemStatus = z.enum(ACTION_ITEM_STATUSES);
export type TActionItemStatus = z.infer<typeof ZActionItemStatus>;

/** Bounds on what a client may send. */
export const MEETING_LIMITS = { agendaItems: 50, attendees: 300, decisionsPerItem: 10, actionItems: 100, boardPage: 100 } as const;

const ZText = (max: number) => z.string().trim().max(max);
const ZRevision = z.number().int().min(0).max(1_000_000);
/** An instant in the years a meeting can be held (the database refuses year 0 and beyond 9999). */
const ZMeetingTime = ZTimestamp.refine((t) => t >= '1900' && t < '3000', { message: 'meeting.time_out_of_range' });
/** A case's pseudonym, e.g. "2026-014": the agenda shows "Sag 2026-014", never the case. */
const ZCaseRef = z.string().regex(/^\d{4}-\d{1,6}$/);
const ZOnlineLink = z
  .url({ protocol: /^https$/ })
  .max(500)
  .nullable();

const meetingFields = {
  title: ZText(200).min(1),
  startsAt: ZMeetingTime,
  endsAt: ZMeetingTime.nullable().default(null),
  place: ZText(300).default(''),
  onlineLink: ZOnlineLink.default(null),
};
const endsAfterStart = (m: { startsAt: string; endsAt: string | null }) => m.endsAt === null || Date.parse(m.endsAt) > Date.parse(m.startsAt);
const ENDS_AFTER_START = { message: 'meeting.ends_before_start', path: ['endsAt'] };

/** Plan a meeting of a forum; its invitations are made from the forum's members. */
export const ZMeetingCreate = z.strictObject({ forumId: ZId, ...meetingFields }).refine(endsAfterStart, ENDS_AFTER_START);
export const ZMeetingUpdate = z.strictObject({ revision: ZRevision, ...meetingFields }).refine(endsAfterStart, ENDS_AFTER_START);
export type TMeetingCreate = z.input<typeof ZMeetingCreate>;

export const ZAgendaItemInput = z
  .strictObject({
    /** An item already on the agenda keeps its id; a new one has none. */
    id: ZId.optional(),
    kind: ZAgendaItemKind,
    confidentiality: ZConfidentiality,
    title: ZText(200).default(''),
    background: ZText(10_000).default(''),
    presenter: ZText(200).default(''),
    caseRef: ZCaseRef.nullable().default(null),
  })
  .superRefine((item, ctx) => {
    if (item.confidentiality === 'case') {
      if (!item.caseRef) ctx.addIssue({ code: 'custom', message: 'meeting.case_ref_required', path: ['caseRef'] });
      // The case holds what the item is about; the agenda must not repeat it.
      for (const field of ['title', 'background'] as const) if (item[field]) ctx.addIssue({ code: 'custom', message: 'meeting.case_item_content', path: [field] });
    } else {
      if (!item.title) ctx.addIssue({ code: 'custom', message: 'meeting.title_required', path: ['title'] });
      if (item.caseRef) ctx.addIssue({ code: 'custom', message: 'meeting.case_ref_only_for_cases', path: ['caseRef'] });
    }
  });

const uniqueBy = <T>(key: (item: T) => string | undefined, message: string, field: string) => (items: T[], ctx: z.RefinementCtx) => {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const k = key(item);
    if (k === undefined) return;
    if (seen.has(k)) ctx.addIssue({ code: 'custom', message, path: [index, field] });
    seen.add(k);
  });
};

/** The whole agenda, in order, from the meeting's revision. */
export const ZAgendaUpdate = z.strictObject({
  revision: ZRevision,
  items: z.array(ZAgendaItemInput).max(MEETING_LIMITS.agendaItems).superRefine(uniqueBy((i) => i.id, 'meeting.duplicate_id', 'id')),
});
export type TAgendaUpdate = z.input<typeof ZAgendaUpdate>;

export const ZAttendanceEntry = z
  .strictObject({ userId: ZId, attendance: ZAttendance, substituteName: ZText(200).nullable().default(null) })
  .refine((a) => (a.attendance === 'substitute') === Boolean(a.substituteName), { message: 'meeting.substitute_name', path: ['substituteName'] });

export const ZMinutesItem = z.strictObject({
  agendaItemId: ZId,
  notes: ZText(10_000).default(''),
  decisions: z.array(ZText(2000).min(1)).max(MEETING_LIMITS.decisionsPerItem).default([]),
});

export const ZActionItemInput = z
  .strictObject({
    /** Kept from version to version; a new action item has none. */
    id: ZId.optional(),
    agendaItemId: ZId,
    what: ZText(500).min(1),
    ownerFunctionId: ZId.nullable().default(null),
    ownerUserId: ZId.nullable().default(null),
    dueOn: ZCalendarDate.nullable().default(null),
    level: ZForumLevel,
  })
  .refine((a) => (a.ownerFunctionId === null) !== (a.ownerUserId === null), { message: 'meeting.one_owner', path: ['ownerFunctionId'] });

export const ZMinutesContent = z.strictObject({
  attendance: z.array(ZAttendanceEntry).max(MEETING_LIMITS.attendees).superRefine(uniqueBy((a) => a.userId, 'meeting.duplicate_id', 'userId')),
  items: z.array(ZMinutesItem).max(MEETING_LIMITS.agendaItems).superRefine(uniqueBy((i) => i.agendaItemId, 'meeting.duplicate_id', 'agendaItemId')),
  actionItems: z.array(ZActionItemInput).max(MEETING_LIMITS.actionItems).superRefine(uniqueBy((a) => a.id, 'meeting.duplicate_id', 'id')),
});
export type TMinutesContent = z.output<typeof ZMinutesContent>;
export type TMinutesContentInput = z.input<typeof ZMinutesContent>;

/** Save the draft: `revision` as read, 0 when the meeting has no minutes yet. */
export const ZMinutesSave = z.strictObject({ revision: ZRevision, content: ZMinutesContent });
export const ZRevisionBody = z.strictObject({ revision: ZRevision });

export const ZActionItemStatusChange = z.strictObject({ revision: ZRevision, status: ZActionItemStatus });

/** A closed item's content is read only with a purpose, and the read is logged. */
export const ZClosedReadQuery = z.strictObject({ purpose: ZPurpose.optional() });
export const ZMinutesQuery = z.strictObject({ purpose: ZPurpose.optional(), version: z.coerce.number().int().min(1).max(10_000).optional() });

export const ZMeetingListQuery = z.strictObject({
  forumId: ZId.optional(),
  from: ZCalendarDate.optional(),
  to: ZCalendarDate.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const ZCadenceQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) });

export const ZBoardQuery = z.strictObject({
  level: ZForumLevel.optional(),
  forumId: ZId.optional(),
  ownerFunctionId: ZId.optional(),
  ownerUserId: ZId.optional(),
  /** Only items due on or before this day. */
  dueBy: ZCalendarDate.optional(),
  limit: z.coerce.number().int().min(1).max(MEETING_LIMITS.boardPage).default(50),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
});
export type TBoardQuery = z.output<typeof ZBoardQuery>;

const ZPersonRef = z.object({ id: ZId, name: z.string() });

export const ZInvitation = z.object({ userId: ZId, name: z.string(), functionId: ZId, functionTitle: z.string(), role: ZForumRole });

/**
 * An agenda item as the reader may see it. A closed item the reader may open but did not state a
 * purpose for is `withheld` (title and background null); a case item shows only its `caseRef`.
 */
export const ZAgendaItem = z.object({
  id: ZId,
  position: z.number().int(),
  kind: ZAgendaItemKind,
  confidentiality: ZConfidentiality,
  title: z.string().nullable(),
  background: z.string().nullable(),
  presenter: z.string(),
  caseRef: z.string().nullable(),
  withheld: z.boolean(),
});
export type TAgendaItem = z.infer<typeof ZAgendaItem>;

export const ZMeetingAbilities = z.object({ organise: z.boolean(), readClosed: z.boolean() });

export const ZMeetingSummary = z.object({
  id: ZId,
  /** The forum as the map shows it now (name null: no longer on the map). */
  forum: z.object({ id: ZId, name: z.string().nullable(), level: ZForumLevel.nullable() }),
  scope: ZOwnerScope,
  title: z.string(),
  startsAt: ZTimestamp,
  endsAt: ZTimestamp.nullable(),
  place: z.string(),
  onlineLink: z.string().nullable(),
  revision: z.number().int(),
  /** The newest minutes' version and status, or null before any. */
  minutes: z.object({ version: z.number().int(), status: ZMinutesStatus }).nullable(),
});
export type TMeetingSummary = z.infer<typeof ZMeetingSummary>;

export const ZMeetingDetail = ZMeetingSummary.extend({
  invitations: z.array(ZInvitation),
  agenda: z.array(ZAgendaItem),
  /** Closed items the reader may not open: not shown, only counted. */
  closedItemsNotShown: z.number().int(),
  abilities: ZMeetingAbilities,
});
export type TMeetingDetail = z.infer<typeof ZMeetingDetail>;

export const ZMinutesAbilities = z.object({ edit: z.boolean(), circulate: z.boolean(), approve: z.boolean(), correct: z.boolean() });

export const ZMinutes = z.object({
  meetingId: ZId,
  version: z.number().int(),
  status: ZMinutesStatus,
  revision: z.number().int(),
  lockedAt: ZTimestamp.nullable(),
  /** Notes, decisions and action items of items the reader may not open (or opened without a purpose) are left out. */
  content: ZMinutesContent,
  withheldItemIds: z.array(ZId),
  /** Those present, who approve; and who has. */
  participants: z.array(ZPersonRef),
  approvals: z.array(z.object({ userId: ZId, name: z.string(), approvedAt: ZTimestamp })),
  versions: z.array(z.object({ version: z.number().int(), status: ZMinutesStatus, lockedAt: ZTimestamp.nullable() })),
  abilities: ZMinutesAbilities,
});
export type TMinutes = z.infer<typeof ZMinutes>;

export const ZCadenceRow = z.object({
  forumId: ZId,
  forumName: z.string(),
  cadence: ZCadence.nullable(),
  /** How many meetings a year the forum's rule asks for (null: as needed, or no rule). */
  requiredPerYear: z.number().int().nullable(),
  meetingsInYear: z.number().int(),
  /** The forum meets (has planned) fewer meetings in the year than its rule asks. */
  belowRule: z.boolean(),
  /** Dates the rule proposes for the year's meetings, spread evenly. */
  proposedDates: z.array(ZCalendarDate),
});
export type TCadenceRow = z.infer<typeof ZCadenceRow>;

export const ZBoardItem = z.object({
  id: ZId,
  what: z.string(),
  meeting: z.object({ id: ZId, title: z.string(), startsAt: ZTimestamp }),
  forum: z.object({ id: ZId, name: z.string().nullable() }),
  agendaItemId: ZId,
  confidential: z.boolean(),
  /** The owning function's title (null: not on the reader's map, e.g. another municipality's in a district forum) or the user's name. */
  owner: z.object({ functionId: ZId.nullable(), userId: ZId.nullable(), name: z.string().nullable() }),
  dueOn: ZCalendarDate.nullable(),
  overdue: z.boolean(),
  level: ZForumLevel,
  status: ZActionItemStatus,
  revision: z.number().int(),
});
export type TBoardItem = z.infer<typeof ZBoardItem>;

export const ZActionItemChanged = z.object({ id: ZId, status: ZActionItemStatus, revision: z.number().int() });
export type TActionItemChanged = z.infer<typeof ZActionItemChanged>;

export const ZBoard = z.object({ items: z.array(ZBoardItem), hasMore: z.boolean() });
export type TBoard = z.infer<typeof ZBoard>;
