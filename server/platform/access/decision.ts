import type { TMinutesStatus } from '../../../contracts/meetings.ts';
import type { TPlanStatus } from '../../../contracts/plans.ts';
import type { TPermission } from '../../../contracts/roles.ts';
import type { TScenarioStatus, TSharing } from '../../../contracts/scenarios.ts';
import { type Actor, visibleMunicipalityIds } from './actor.ts';
import type { RelationName } from './relations.ts';

/**
 * The kinds of record access is decided on: for each, the actions beyond seeing it (exactly
 * the `abilities` the client receives for it) and the attributes its rules read.
 */
export interface ResourceKinds {
  /** An organisation, function, pool or forum of the map. */
  mapRecord: { actions: 'update' | 'delete'; attributes: { table: 'organisations' | 'functions' | 'pools' | 'forums' } };
  effort: { actions: 'update' | 'changeStatus' | 'measure' | 'readEconomy' | 'editEconomy'; attributes: Record<string, never> };
  /** A municipality's efforts as a whole: the list, the triangle, the economy overview, imports and exports. */
  effortRegister: { actions: 'create' | 'readEconomy' | 'editEconomy'; attributes: Record<string, never> };
  plan: {
    actions: 'edit' | 'submit' | 'decide' | 'comment' | 'publish' | 'revise' | 'withdraw';
    /** `hasVoters`: the approving forum has voting members; `approvedByActor`: the actor's approval counts already. */
    attributes: { status: TPlanStatus; hasVoters: boolean; approvedByActor: boolean };
  };
  /** An organisation-model scenario: private to its author until shared with the working group or the steering group. */
  scenario: { actions: 'edit' | 'share' | 'discard' | 'adopt'; attributes: { authorId: string; sharing: TSharing; status: TScenarioStatus } };
  /** A forum's meeting: seen with the forum (relations `sitsInForum`, `organisesForum` to its forum); closed items opened by members and organisers. */
  meeting: { actions: 'organise' | 'readClosed'; attributes: Record<string, never> };
  /** A meeting's newest minutes: `participant`: present at the meeting; `approvedByActor`: has approved this version. */
  minutes: { actions: 'edit' | 'circulate' | 'approve' | 'correct'; attributes: { status: TMinutesStatus; participant: boolean; approvedByActor: boolean } };
  /** An action item of approved minutes: `confidential` when made on a closed or case item; `owner`: the actor is its owning user. */
  actionItem: { actions: 'changeStatus'; attributes: { confidential: boolean; owner: boolean } };
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
  /** The relations the actor stands in to this record, loaded set-wise for the request (relations.ts). */
  related: ReadonlySet<RelationName>;
}

/** One rule: roles (the actor's permissions), the resource's attributes and the actor's relations to it. */
export type Rule<K extends ResourceKind> = (actor: Actor, resource: Resource<K>) => boolean;

/**
 * A kind's rules, declared in its module's `<module>.policy.ts`: who sees a record of the kind
 * inside their tenant (outside it, nobody), and who may take each action on it.
 */
export interface KindRules<K extends ResourceKind> {
  sees: Rule<K>;
  actions: { [A in ActionOf<K>]: Rule<K> };
}

export const hasPermission = (actor: Actor, permission: TPermission) => actor.permissions.includes(permission);

const declared: { [K in ResourceKind]?: KindRules<K> } = {};

/**
 * Declares a kind's rules, once, from the module that owns the kind (its `<module>.policy.ts`,
 * which also builds the kind's resources, so no resource exists before its rules do). The
 * platform never imports a module: the modules bring their rules to it.
 */
export function declareRules<K extends ResourceKind>(kind: K, rules: KindRules<K>): KindRules<K> {
  const existing = declared[kind];
  if (existing && existing !== rules) throw new Error(`access rules for '${kind}' are declared twice`);
  (declared as Record<K, KindRules<K>>)[kind] = rules;
  return rules;
}

function rulesOf<K extends ResourceKind>(kind: K): KindRules<K> {
  const rules = declared[kind] as KindRules<K> | undefined;
  if (!rules) throw new Error(`no access rules are declared for '${kind}'`);
  return rules;
}

/** Need-to-know by tenant: the record belongs to a municipality the actor may see, or to their police district. */
function insideTenant(actor: Actor, resource: Resource<ResourceKind>): boolean {
  if (resource.municipalityId) return visibleMunicipalityIds(actor).includes(resource.municipalityId);
  return resource.policeDistrictId !== null && resource.policeDistrictId === actor.policeDistrictId;
}

/** Whether the actor may know the record exists at all (a service answers 404 when not). */
export function sees<K extends ResourceKind>(actor: Actor, resource: Resource<K>): boolean {
  return insideTenant(actor, resource) && rulesOf(resource.kind).sees(actor, resource);
}

/** The one access decision: may the actor take this action on this resource? */
export function can<K extends ResourceKind>(actor: Actor, action: ActionOf<K>, resource: Resource<K>): boolean {
  return sees(actor, resource) && rulesOf(resource.kind).actions[action](actor, resource);
}

/** Every action of the resource's kind, decided by `can`: what the client shows as buttons. */
export function abilitiesOf<K extends ResourceKind>(actor: Actor, resource: Resource<K>): { [A in ActionOf<K>]: boolean } {
  const actions = Object.keys(rulesOf(resource.kind).actions) as ActionOf<K>[];
  return Object.fromEntries(actions.map((action) => [action, can(actor, action, resource)])) as { [A in ActionOf<K>]: boolean };
}
