import { permissionsForRoles } from '../../../contracts/roles.ts';
import type { Actor } from '../../platform/access/actor.ts';

/** Pure rules about users, beyond the route's permission. */
export function canUpdateUser(actor: Actor, target: { id: string }): boolean {
  // Administrators manage others; their own roles change only through another administrator,
  // so nobody can lock themselves out or raise their own rights.
  return actor.permissions.includes('users.manage') && actor.userId !== target.id;
}

/**
 * Name and blocking belong to the account, which every municipality the user works in shares:
 * only someone who administers users in all of them may change those.
 */
export function canUpdateAccount(actor: Actor, memberships: readonly { municipality_id: string }[]): boolean {
  return memberships.every((m) => actor.municipalities.some((own) => own.id === m.municipality_id && permissionsForRoles(own.roles).includes('users.manage')));
}
