import type { Actor } from '../../platform/access/actor.ts';

/** Pure rules about users, beyond the route's permission. */
export function canUpdateUser(actor: Actor, target: { id: string }): boolean {
  // Administrators manage others; their own roles change only through another administrator,
  // so nobody can lock themselves out or raise their own rights.
  return actor.permissions.includes('users.manage') && actor.userId !== target.id;
}
