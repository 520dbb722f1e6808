import { type Kysely, sql } from 'kysely';
import type { MapScope } from '../server/modules/organisation/organisation.public.ts';
import type { Database } from '../server/platform/db/schema.ts';

/** A field of the map that the sources do not state: [table, name (a function's title) of the record, field, reason]. */
export type AssumedField = ['organisations' | 'forums' | 'functions', string, string, string];

/**
 * Marks fields of a freshly seeded map as assumed, with the reason the screen shows beside
 * "antaget". The seed sets the map's starting state, so the first versions carry the marks.
 */
export async function markAssumed(db: Kysely<Database>, scope: MapScope, fields: readonly AssumedField[]): Promise<void> {
  for (const [table, name, field, reason] of fields) {
    await db
      .updateTable(table)
      .set({ assumptions: sql`assumptions || ${JSON.stringify({ [field]: reason })}::jsonb` })
      .where(table === 'functions' ? 'title' : 'name', '=', name)
      .where('valid_to', 'is', null)
      .where((eb) => eb.or([eb('municipality_id', '=', scope.municipalityId), ...(scope.policeDistrictId ? [eb('police_district_id', '=', scope.policeDistrictId)] : [])]))
      .execute();
  }
}

/** Marks fields of a municipality ('inhabitants', 'districts' of its settings) as assumed, with the reason. */
export async function markMunicipalityAssumed(db: Kysely<Database>, municipalityId: string, fields: Record<string, string>): Promise<void> {
  await db
    .updateTable('municipalities')
    .set({ assumptions: sql`assumptions || ${JSON.stringify(fields)}::jsonb` })
    .where('id', '=', municipalityId)
    .execute();
}
