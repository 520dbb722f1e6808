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
] as const;
export const ZPermission = z.enum(PERMISSIONS);
export type TPermission = z.infer<typeof ZPermission>;

/** Which permissions each role grants. Anything not listed is denied. */
export const ROLE_PERMISSIONS: Record<TRole, readonly TPermission[]> = {
  administrator: ['account.self', 'users.read', 'users.manage', 'audit.read', 'audit.export', 'settings.manage', 'organisation.read', 'organisation.edit'],
  leader: ['account.self', 'users.read', 'organisation.read', 'organisation.edit'],
  consultant: ['account.self', 'organisation.read'],
  street_worker: ['account.self', 'organisation.read'],
  partner: ['account.self', 'forums.read_own'],
  analyst: ['account.self', 'organisation.read'],
  steering_member: ['account.self', 'organisation.read'],
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
