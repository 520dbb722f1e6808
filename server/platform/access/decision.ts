import type { TPlanStatus } from '../../../contracts/plans.ts';
import type { TPermission } from '../../../contracts/roles.ts';
import { type Actor, visibleMunicipalityIds } from './actor.ts';
import { Relations } from './relations.ts';

/**
 * The kinds of record access is decided on: for each, the actions beyond seeing it (exactly
 * the `abilities` the client receives for it) and the attributes its rules read.
 */
export interface ResourceKinds {
  /** An organisation, function, pool or forum of the map. */
  mapRecord: { actions: 'update' | 'delete'; attributes: { table: 'organisations' | 'functions' | 'pools' | 'forums' } };
  effort: { actions: 'update' | 'changeStatus' | 'measure' | 'readEconomy' | 'editEconomy'; attributes: Record<string, never> };
  plan: {
    actions: 'edit' | 'submit' | 'decide' | 'comment' | 'publish' | 'revise' | 'withdraw';
    /** `hasVoters`: the approving forum has voting members; `approvedByActor`: the actor's approval counts already. */
    attributes: { status: TPlanStatus; hasVoters: boolean; approvedByActor: boolean };
  };
  /** A legal basis of the municipality's list (national ones belong to no tenant, so nobody retires them). */
  legalBasis: { actions: 'retire'; attributes: { retired: boolean } };
  /** A purpose of reading personal data on the municipality's list (national ones as legal bases). */
  readPurpose: { actions: 'retire'; attributes: { retired: boolean } };
  /** A user as administered in the actor's municipality: roles there. */
  user: { actions: 'update'; attributes: Record<string, never> };
  /** The account behind a user, shared by every municipality it works in (`memberships`): name and blocking. */
  account: { actions: 'update'; attributes: { memberships: readonly string[] } };
}
export type ResourceKind = keyof ResourceKinds;
export type ActionOf<K extends ResourceKind> = ResourceKinds[K]['actions'];

/** A record as access sees it: what it is, whose it is, and what its rules need to know. */
export interface Resource<K extends ResourceKind> {
  kind: K;
  id: string;
  /** The municipality that owns it, or null when a police district does. */
  municipalityId: string | null;
  policeDistrictId: string | null;
  attributes: ResourceKinds[K]['attributes'];
}

/** One rule: roles (the actor's permissions), the resource's attributes and the actor's relations to it. */
export type Rule<K extends ResourceKind> = (actor: Actor, resource: Resource<K>, relations: Relations) => boolean;

/**
 * A kind's rules, declared in its module's `<module>.policy.ts`: who sees a record of the kind
 * inside their tenant (outside it, nobody), and who may take each action on it.
 */
export interface KindRules<K extends ResourceKind> {
  sees: Rule<K>;
  actions: { [A in ActionOf<K>]: Rule<K> };
}

export const hasPermission = (actor: Actor, permission: TPermission) => actor.permissions.includes(permission);

/** Need-to-know by tenant: the record belongs to a municipality the actor may see, or to their police district. */
function insideTenant(actor: Actor, resource: Resource<ResourceKind>): boolean {
  if (resource.municipalityId) return visibleMunicipalityIds(actor).includes(resource.municipalityId);
  return resource.policeDistrictId !== null && resource.policeDistrictId === actor.policeDistrictId;
}

/** Whether the actor may know the record exists at all (a service answers 404 when not). */
export function sees<K extends ResourceKind>(rules: KindRules<K>, actor: Actor, resource: Resource<K>, relations: Relations = Relations.none): boolean {
  return insideTenant(actor, resource) && rules.sees(actor, resource, relations);
}

/** The one access decision: may the actor take this action on this resource? */
export function can<K extends ResourceKind>(rules: KindRules<K>, actor: Actor, action: ActionOf<K>, resource: Resource<K>, relations: Relations = Relations.none): boolean {
  return sees(rules, actor, resource, relations) && rules.actions[action](actor, resource, relations);
}

/** Every action of the resource's kind, decided by `can`: what the client shows as buttons. */
export function abilitiesOf<K extends ResourceKind>(rules: KindRules<K>, actor: Actor, resource: Resource<K>, relations: Relations = Relations.none): { [A in ActionOf<K>]: boolean } {
  const actions = Object.keys(rules.actions) as ActionOf<K>[];
  return Object.fromEntries(actions.map((action) => [action, can(rules, actor, action, resource, relations)])) as { [A in ActionOf<K>]: boolean };
}
