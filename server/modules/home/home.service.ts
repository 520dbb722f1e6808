import type { TForYou } from '../../../contracts/notifications.ts';
import { type Actor, requireMunicipality } from '../../platform/access/actor.ts';
import { sees } from '../../platform/access/decision.ts';
import { effortRegister } from '../efforts/efforts.public.ts';
import type { EffortsService } from '../efforts/efforts.service.ts';
import type { OrganisationService } from '../organisation/organisation.service.ts';
import type { PlansService } from '../plans/plans.service.ts';

/** The front page: what waits for the user, read through the modules that own it. */
export class HomeService {
  constructor(
    private readonly organisation: OrganisationService,
    private readonly efforts: EffortsService,
    private readonly plans: PlansService,
  ) {}

  async forYou(actor: Actor): Promise<TForYou> {
    const readsEfforts = sees(actor, effortRegister(requireMunicipality(actor)));
    const [plans, held] = await Promise.all([this.plans.forYou(actor), readsEfforts ? this.organisation.functionsHeldBy(this.organisation.scopeOf(actor), actor.userId) : []]);
    const redIndicators = held.length > 0 ? await this.efforts.redIndicators(actor, { functionIds: held.map((f) => f.id), organisationIds: [...new Set(held.map((f) => f.organisationId))] }) : [];
    return { ...plans, redIndicators };
  }
}
