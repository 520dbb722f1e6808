import { z } from 'zod';
import { ZAssumptions, ZCalendarDate, ZId, ZPurpose, ZTimestamp } from './common.ts';

/** Every audit event name. One closed list: a new event is added here first. */
export const AUDIT_ACTIONS = [
  'auth.login_succeeded',
  'auth.login_failed',
  'auth.second_factor_succeeded',
  'auth.second_factor_failed',
  'auth.logout',
  'auth.logout_everywhere',
  'account.password_changed',
  'account.password_check_failed',
  'account.settings_changed',
  'account.second_factor_enrolled',
  'account.second_factor_removed',
  'account.recovery_code_used',
  'account.session_revoked',
  'account.token_created',
  'account.token_revoked',
  'account.municipality_switched',
  'user.created',
  'user.membership_added',
  'user.updated',
  'user.read',
  'user.list_read',
  'settings.second_factor_policy_changed',
  'audit.searched',
  'audit.subject_access_exported',
  'audit.payloads_erased',
  'system.seeded',
  'organisation_map.created',
  'organisation_map.updated',
  'organisation_map.removed',
  'organisation_map.imported',
  'organisation_map.exported',
  'function_holder.read',
  'function_holder.linked',
  'function_holder.ended',
  'settings.level_labels_changed',
  'settings.triangle_labels_changed',
  'settings.districts_changed',
  'read_purpose.created',
  'read_purpose.retired',
  'legal_basis.created',
  'legal_basis.retired',
  'effort.created',
  'effort.updated',
  'effort.status_changed',
  'effort.goal_changed',
  'effort.indicator_changed',
  'effort.measurement_recorded',
  'effort.measurement_removed',
  'effort.economy_changed',
  'effort.imported',
  'effort.exported',
  'plan.created',
  'plan.sections_changed',
  'plan.settings_changed',
  'plan.submitted',
  'plan.withdrawn',
  'plan.decided',
  'plan.approved',
  'plan.published',
  'plan.revised',
  'plan.revision_reminded',
  'notification.read',
  'scenario.created',
  'scenario.updated',
  'scenario.shared',
  'scenario.discarded',
  'scenario.adopted',
  'meeting.created',
  'meeting.updated',
  'meeting.agenda_changed',
  'meeting.closed_item_read',
  'meeting.minutes_saved',
  'meeting.minutes_circulated',
  'meeting.minutes_approved',
  'meeting.minutes_locked',
  'meeting.minutes_corrected',
  'meeting.action_item_changed',
] as const;
export const ZAuditAction = z.enum(AUDIT_ACTIONS);
export type TAuditAction = z.infer<typeof ZAuditAction>;

export const ZAuditEntry = z.object({
  id: z.string(),
  at: ZTimestamp,
  actorUserId: ZId.nullable(),
  actorName: z.string().nullable(),
  municipalityId: ZId.nullable(),
  action: ZAuditAction,
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  subjectId: ZId.nullable(),
  /** Why the data was read: the logged code and its label in the user's language; rows logged before codes hold free text, shown as written (code null). */
  purpose: z.object({ code: z.string().nullable(), label: z.string() }).nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  requestId: z.string().nullable(),
  /** Set when retention erased the payload (subject, purpose, before, after): when, and under which rule. */
  erased: z.object({ at: ZTimestamp, rule: z.string() }).nullable(),
});
export type TAuditEntry = z.infer<typeof ZAuditEntry>;

/** The purpose the audit log's own searches are logged with. */
export const AUDIT_REVIEW_PURPOSE = 'audit_review';

/** A purpose a read of personal data may state: the national list and the municipality's own entries. */
export const ZReadPurpose = z.object({
  id: ZId,
  code: ZPurpose,
  labelDa: z.string(),
  labelEn: z.string(),
  /** The label in the user's language. */
  label: z.string(),
  /** On the national list (kept by the platform), else the municipality's own entry. */
  national: z.boolean(),
  /** Retired: no longer accepted with a read, still shown in the access log. */
  retired: z.boolean(),
  assumptions: ZAssumptions,
  abilities: z.object({ retire: z.boolean() }),
});
export type TReadPurpose = z.infer<typeof ZReadPurpose>;
const ZPurposeLabel = z.string().trim().min(3).max(120);
export const ZReadPurposeInput = z.strictObject({ code: ZPurpose, labelDa: ZPurposeLabel, labelEn: ZPurposeLabel });
export type TReadPurposeInput = z.infer<typeof ZReadPurposeInput>;

export const ZAuditQuery = z.strictObject({
  action: ZAuditAction.optional(),
  actorUserId: ZId.optional(),
  subjectId: ZId.optional(),
  entityType: z.string().max(60).optional(),
  from: ZCalendarDate.optional(),
  to: ZCalendarDate.optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type TAuditQuery = z.infer<typeof ZAuditQuery>;

export const ZAuditPage = z.object({
  items: z.array(ZAuditEntry),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type TAuditPage = z.infer<typeof ZAuditPage>;
