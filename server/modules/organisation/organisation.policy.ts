import type { Actor } from '../../platform/access/actor.ts';

/** Pure rules for the organisation map, beyond the route's permission. */
export function canEditMap(actor: Actor): boolean {
  return actor.permissions.includes('organisation.edit');
}

/** Readers see the whole map; partners only the forums a function they hold sits in. */
export function seesWholeMap(actor: Actor): boolean {
  return actor.permissions.includes('organisation.read');
}

export function mapAbilities(actor: Actor) {
  const edit = canEditMap(actor);
  return { update: edit, delete: edit };
}
