import { permissionsForRoles } from '../../../contracts/roles.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { type Resource, declareRules, hasPermission } from '../../platform/access/decision.ts';

// Administrators manage others; their own roles change only through another administrator,
// so nobody can lock themselves out or raise their own rights.
const managesOther = (actor: Actor, target: { id: string }) => hasPermission(actor, 'users.manage') && actor.userId !== target.id;

declareRules('user', {
  sees: (actor) => hasPermission(actor, 'users.read'),
  actions: { update: managesOther },
});

/**
 * Name and blocking belong to the account, which every municipality the user works in shares:
 * only someone who administers users in all of them may change those.
 */
declareRules('account', {
  sees: (actor) => hasPermission(actor, 'users.read'),
  actions: {
    update: (actor, account) =>
      actor.userId !== account.id &&
      account.attributes.memberships.every((municipalityId) => actor.municipalities.some((own) => own.id === municipalityId && permissionsForRoles(own.roles).includes('users.manage'))),
  },
});

/** A user as seen from the municipality the actor administers. */
export function userResource(user: { id: string }, municipalityId: string): Resource<'user'> {
  return { kind: 'user', id: user.id, municipalityId, policeDistrictId: null, attributes: {}, related: new Set() };
}

export function accountResource(user: { id: string }, municipalityId: string, memberships: readonly { municipality_id: string }[]): Resource<'account'> {
  return { kind: 'account', id: user.id, municipalityId, policeDistrictId: null, attributes: { memberships: memberships.map((m) => m.municipality_id) }, related: new Set() };
}
