import { z } from 'zod';

/** The roles a user can hold in a municipality (tenant). One user may hold several. */
export const ROLES = [
  'administrator',
  'leader',
  'consultant',
  'street_worker',
  'partner',
  'analyst',
  'steering_member',
] as const;
export const ZRole = z.enum(ROLES);
export type TRole = z.infer<typeof ZRole>;

/** Permission names: what a route or a button may require. Closed list. */
export const PERMISSIONS = [
  'account.self',
  'users.read',
  'users.manage',
  'audit.read',
  'audit.export',
  'settings.manage',
  'organisation.read',
  'organisation.edit',
  /** Partners: only the forums a function they hold sits in. */
  'forums.read_own',
  'efforts.read',
  'efforts.edit',
  /** Enter measurements of an effort's indicators (street workers count participants). */
  'efforts.measure',
  'economy.read',
  'economy.edit',
  'plans.read',
  /** Write the plan's sections, submit it for approval, start a revision. */
  'plans.edit',
  /** Vote on a submitted plan; only members of the approving forum actually can. */
  'plans.approve',
  'plans.publish',
  /** Read the e-mails the platform has sent or holds (the embedded default's outbox). */
  'outbox.read',
  /** The working group's scenarios: their own drafts and those shared with the working group or the steering group. */
  'scenarios.read',
  /** Draft organisation scenarios and share them. */
  'scenarios.edit',
  /** Only the scenarios shared with the steering group. */
  'scenarios.steering',
  /** Forums' meetings, open agenda items, minutes and the follow-up board of the municipality and its police district. */
  'meetings.read',
  /** Partners: only the meetings of forums a function they hold sits in. */
  'meetings.read_own',
  /** Plan meetings of any forum of the municipality (or its district), write agendas and minutes; chairs and secretaries may without it. */
  'meetings.organise',
] as const;
export const ZPermission = z.enum(PERMISSIONS);
export type TPermission = z.infer<typeof ZPermission>;

/** Which permissions each role grants. Anything not listed is denied. */
export const ROLE_PERMISSIONS: Record<TRole, readonly TPermission[]> = {
  administrator: [
    'account.self', 'users.read', 'users.manage', 'audit.read', 'audit.export', 'settings.manage', 'organisation.read', 'organisation.edit',
    'efforts.read', 'efforts.edit', 'efforts.measure', 'economy.read', 'economy.edit',
    'plans.read', 'plans.edit', 'plans.publish', 'outbox.read', 'scenarios.read', 'scenarios.edit', 'meetings.read',
  ],
  leader: [
    'account.self', 'users.read', 'organisation.read', 'organisation.edit', 'efforts.read', 'efforts.edit', 'efforts.measure', 'economy.read', 'economy.edit',
    'plans.read', 'plans.edit', 'plans.approve', 'plans.publish', 'scenarios.read', 'scenarios.edit', 'meetings.read', 'meetings.organise',
  ],
  consultant: ['account.self', 'organisation.read', 'efforts.read', 'efforts.edit', 'efforts.measure', 'economy.read', 'plans.read', 'plans.edit', 'scenarios.read', 'scenarios.edit', 'meetings.read'],
  street_worker: ['account.self', 'organisation.read', 'efforts.read', 'efforts.measure', 'plans.read', 'meetings.read'],
  partner: ['account.self', 'forums.read_own', 'plans.read', 'meetings.read_own'],
  analyst: ['account.self', 'organisation.read', 'efforts.read', 'economy.read', 'plans.read', 'scenarios.read', 'meetings.read'],
  steering_member: ['account.self', 'organisation.read', 'efforts.read', 'economy.read', 'plans.read', 'plans.approve', 'scenarios.steering', 'meetings.read'],
};

export function permissionsForRoles(roles: readonly TRole[]): TPermission[] {
  const granted = new Set<TPermission>();
  for (const role of roles) for (const p of ROLE_PERMISSIONS[role]) granted.add(p);
  return PERMISSIONS.filter((p) => granted.has(p));
}

/** Scopes an API token may carry; a token can never exceed its owner's permissions. */
export const TOKEN_SCOPES = ['read', 'write'] as const;
export const ZTokenScope = z.enum(TOKEN_SCOPES);
export type TTokenScope = z.infer<typeof ZTokenScope>;
