import type { TLocale } from '../../../contracts/common.ts';
import type { TMunicipalityRef, TSessionStage } from '../../../contracts/identity.ts';
import type { TPermission, TRole, TTokenScope } from '../../../contracts/roles.ts';

/** Who is making a request, resolved once per request from a session cookie or an API token. */
export interface Actor {
  userId: string;
  name: string;
  email: string;
  locale: TLocale;
  stage: TSessionStage;
  /** The session's id (not its secret), or null for an API token. */
  sessionId: string | null;
  csrfToken: string | null;
  tokenId: string | null;
  tokenScopes: TTokenScope[] | null;
  /** The municipality (tenant) the request acts in, and the actor's roles there. */
  municipalityId: string | null;
  policeDistrictId: string | null;
  roles: TRole[];
  permissions: TPermission[];
  /** Every municipality the user holds a role in, with those roles (read with the session). */
  municipalities: TMunicipalityRef[];
}

/** The actor's need-to-know scope for tenant data: their municipality only. */
export function requireMunicipality(actor: Actor): string {
  if (!actor.municipalityId) throw new Error('unsafe: actor without municipality reached a tenant-scoped service');
  return actor.municipalityId;
}

/**
 * The municipalities whose data the actor may see for a given kind of record. Today that is
 * the actor's own municipality. Police-district forums (Kredsråd, Chefforum) will add the
 * other municipalities of the actor's police district for records that the district shares;
 * modules that hold such records pass `sharedAcrossDistrict: true` and get them here, so the
 * rule lives in one place.
 */
export function visibleMunicipalityIds(actor: Actor, districtMunicipalityIds: readonly string[] = []): string[] {
  const own = actor.municipalityId ? [actor.municipalityId] : [];
  return [...new Set([...own, ...districtMunicipalityIds])];
}
