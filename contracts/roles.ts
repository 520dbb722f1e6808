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
] as const;
export const ZPermission = z.enum(PERMISSIONS);
export type TPermission = z.infer<typeof ZPermission>;

/** Which permissions each role grants. Anything not listed is denied. */
export const ROLE_PERMISSIONS: Record<TRole, readonly TPermission[]> = {
  administrator: [
    'account.self', 'users.read', 'users.manage', 'audit.read', 'audit.export', 'settings.manage', 'organisation.read', 'organisation.edit',
    'efforts.read', 'efforts.edit', 'efforts.measure', 'economy.read', 'economy.edit',
  ],
  leader: ['account.self', 'users.read', 'organisation.read', 'organisation.edit', 'efforts.read', 'efforts.edit', 'efforts.measure', 'economy.read', 'economy.edit'],
  consultant: ['account.self', 'organisation.read', 'efforts.read', 'efforts.edit', 'efforts.measure', 'economy.read'],
  street_worker: ['account.self', 'organisation.read', 'efforts.read', 'efforts.measure'],
  partner: ['account.self', 'forums.read_own'],
  analyst: ['account.self', 'organisation.read', 'efforts.read', 'economy.read'],
  steering_member: ['account.self', 'organisation.read', 'efforts.read', 'economy.read'],
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
