import type { TMoneyView, TPlanStatus } from '../../../contracts/plans.ts';
import type { Actor } from '../../platform/access/actor.ts';

/**
 * The amounts a reader sees in a version of the plan. Readers of the economy see them all;
 * anyone else only what a published version shows the public (no demo amounts), so a plan
 * does not open the economy to partners and street workers before it is published.
 */
export function moneyView(actor: Actor, status: TPlanStatus): TMoneyView {
  if (actor.permissions.includes('economy.read')) return 'all';
  return status === 'published' ? 'published' : 'none';
}
