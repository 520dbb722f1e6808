import { type Kysely, sql } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';
import { unscoped } from '../../platform/db/data-scope.ts';
import { danishOrder } from '../../platform/db/danish-order.ts';
import type { MapScope } from '../organisation/organisation.repository.ts';

/** An effort that points at a record of the organisation map; `own` when it is the scope's municipality's. */
export interface ReferencingEffort {
  id: string;
  title: string;
  own: boolean;
}

/**
 * The efforts not ended that point at any of the given map records (as owner or partner
 * organisation, responsible function, forum): what the organisation module asks before a record
 * is removed. Efforts of the scope's municipality and, since a record may be the police
 * district's, of the district's other municipalities. An ended effort is history: its versions
 * keep naming the unit as it was.
 */
export async function effortsReferencing(
  db: Kysely<Database>,
  scope: MapScope,
  references: { organisationIds?: string[]; functionIds?: string[]; forumIds?: string[] },
): Promise<ReferencingEffort[]> {
  const organisationIds = references.organisationIds ?? [];
  const functionIds = references.functionIds ?? [];
  const forumIds = references.forumIds ?? [];
  if (organisationIds.length + functionIds.length + forumIds.length === 0) return [];
  const uuids = (ids: string[]) => sql`ARRAY[${sql.join(ids)}]::uuid[]`;
  // Other municipalities of the district, across the tenant wall: of theirs, only a count leaves.
  const rows = await unscoped("the district's efforts that point at a record being removed", () => db
    .selectFrom('efforts')
    .select(['id', 'title', 'municipality_id'])
    .where((eb) =>
      scope.policeDistrictId
        ? eb.or([eb('municipality_id', '=', scope.municipalityId), eb('municipality_id', 'in', eb.selectFrom('municipalities').select('id').where('police_district_id', '=', scope.policeDistrictId))])
        : eb('municipality_id', '=', scope.municipalityId),
    )
    .where('status', '<>', 'ended')
    .where((eb) =>
      eb.or([
        ...(organisationIds.length > 0 ? [eb('owner_organisation_id', 'in', organisationIds), sql<boolean>`partner_organisation_ids && ${uuids(organisationIds)}`] : []),
        ...(functionIds.length > 0 ? [eb('responsible_function_id', 'in', functionIds)] : []),
        ...(forumIds.length > 0 ? [sql<boolean>`forum_ids && ${uuids(forumIds)}`] : []),
      ]),
    )
    .orderBy(danishOrder('title'))
    .orderBy('id')
    .execute());
  return rows.map((r) => ({ id: r.id, title: r.title, own: r.municipality_id === scope.municipalityId }));
}
