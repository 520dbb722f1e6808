import type { Actor } from '../../platform/access/actor.ts';

/** What the actor may do with an effort, beyond reading it (the route's permission). */
export function effortAbilities(actor: Actor) {
  const has = (p: Actor['permissions'][number]) => actor.permissions.includes(p);
  return {
    update: has('efforts.edit'),
    changeStatus: has('efforts.edit'),
    measure: has('efforts.measure'),
    readEconomy: has('economy.read'),
    editEconomy: has('economy.edit'),
  };
}

/** Money and hours are shown only to those who may read the economy. */
export function seesEconomy(actor: Actor): boolean {
  return actor.permissions.includes('economy.read');
}
