import { sql } from 'kysely';

/**
 * Whose records a query reads: a municipality's own, and those its police district shares with
 * it (the district's part of the map, its forums' meetings). The tables it applies to name
 * their owner in `municipality_id` xor `police_district_id`.
 */
export interface OwnerScope {
  municipalityId: string;
  policeDistrictId: string | null;
}

/** The rows of `table` the scope owns: the municipality's, and its police district's. */
export function ownedBy(table: string, scope: OwnerScope) {
  const municipality = sql.ref(`${table}.municipality_id`);
  const district = sql.ref(`${table}.police_district_id`);
  return scope.policeDistrictId
    ? sql<boolean>`(${municipality} = ${scope.municipalityId} OR ${district} = ${scope.policeDistrictId})`
    : sql<boolean>`${municipality} = ${scope.municipalityId}`;
}
