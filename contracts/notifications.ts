import { z } from 'zod';
import { ZCalendarDate, ZId, ZTimestamp } from './common.ts';

/** What the app tells a user about. A new kind is added here, in the migration's check and in the language files. */
export const NOTIFICATION_KINDS = ['plan_submitted', 'plan_revision_due'] as const;
export const ZNotificationKind = z.enum(NOTIFICATION_KINDS);
export type TNotificationKind = z.infer<typeof ZNotificationKind>;

export const ZNotification = z.object({
  id: ZId,
  kind: ZNotificationKind,
  entityType: z.string(),
  entityId: ZId,
  /** The facts the message is written from (plan year and version, who sent it). */
  data: z.object({ year: z.number().int().optional(), version: z.number().int().optional(), by: z.string().optional() }),
  createdAt: ZTimestamp,
  readAt: ZTimestamp.nullable(),
});
export type TNotification = z.infer<typeof ZNotification>;

export const ZNotificationList = z.object({ unread: z.number().int(), items: z.array(ZNotification) });
export type TNotificationList = z.infer<typeof ZNotificationList>;

export const ZUnreadCount = z.object({ unread: z.number().int() });

export const ZNotificationQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** A plan on the front page's "for you" list. */
const ZPlanItem = z.object({ planId: ZId, year: z.number().int(), version: z.number().int() });

/** What waits for the user: the front page's "for you" list. */
export const ZForYou = z.object({
  /** Submitted plans on which the user votes and has not yet approved. */
  awaitingApproval: z.array(ZPlanItem),
  /** For those who write the plan: approved plans whose efforts or forums have changed since. */
  outOfDate: z.array(ZPlanItem),
  /** For those who write the plan: approved plans due for their yearly revision, since the day given. */
  revisionDue: z.array(ZPlanItem.extend({ dueSince: ZCalendarDate })),
  /** Red indicators of running efforts whose responsible function the user holds, or whose owner unit they work in. */
  redIndicators: z.array(z.object({ effortId: ZId, effortTitle: z.string(), indicatorName: z.string(), relation: z.enum(['responsible', 'owner']) })),
});
export type TForYou = z.infer<typeof ZForYou>;
