import type { TMoneyView, TPlanStatus } from '../../../contracts/plans.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { type Resource, declareRules, hasPermission } from '../../platform/access/decision.ts';
import { Relations } from '../../platform/access/relations.ts';

/**
 * The amounts a reader sees in a version of the plan. Readers of the economy see them all;
 * anyone else only what a published version shows the public (no demo amounts), so a plan
 * does not open the economy to partners and street workers before it is published.
 */
export function moneyView(actor: Actor, status: TPlanStatus): TMoneyView {
  if (hasPermission(actor, 'economy.read')) return 'all';
  return status === 'published' ? 'published' : 'none';
}

/**
 * The workflow's rules on the plan's newest version. Writers draft, submit, withdraw and
 * revise; only those who may approve and vote in the approving forum (relation `votesOnPlan`)
 * decide and comment, each approval counted once.
 */
declareRules('plan', {
  sees: (actor) => hasPermission(actor, 'plans.read'),
  actions: {
    edit: (actor, plan) => hasPermission(actor, 'plans.edit') && plan.attributes.status === 'draft',
    submit: (actor, plan) => hasPermission(actor, 'plans.edit') && plan.attributes.status === 'draft' && plan.attributes.hasVoters,
    decide: (actor, plan) => votes(actor, plan) && !plan.attributes.approvedByActor,
    comment: votes,
    publish: (actor, plan) => hasPermission(actor, 'plans.publish') && plan.attributes.status === 'approved',
    revise: (actor, plan) => hasPermission(actor, 'plans.edit') && (plan.attributes.status === 'approved' || plan.attributes.status === 'published'),
    withdraw: (actor, plan) => hasPermission(actor, 'plans.edit') && plan.attributes.status === 'submitted',
  },
});

/** Takes part in the vote on a submitted plan. */
function votes(actor: Actor, plan: Resource<'plan'>): boolean {
  return hasPermission(actor, 'plans.approve') && plan.attributes.status === 'submitted' && plan.related.has('votesOnPlan');
}

export function planResource(plan: { id: string; municipality_id: string }, attributes: Resource<'plan'>['attributes'], relations: Relations = Relations.none): Resource<'plan'> {
  return { kind: 'plan', id: plan.id, municipalityId: plan.municipality_id, policeDistrictId: null, attributes, related: relations.of(plan.id) };
}
