import { type KindRules, type Resource, hasPermission } from '../../platform/access/decision.ts';

/**
 * The organisation map's rules. Readers see the whole map; partners only the forums a function
 * they hold sits in (relation `sitsInForum`); editors change and remove its records.
 */
export const mapRecordRules: KindRules<'mapRecord'> = {
  sees: (actor, record, relations) =>
    hasPermission(actor, 'organisation.read') || (record.attributes.table === 'forums' && hasPermission(actor, 'forums.read_own') && relations.holds('sitsInForum', record.id)),
  actions: {
    update: (actor) => hasPermission(actor, 'organisation.edit'),
    delete: (actor) => hasPermission(actor, 'organisation.edit'),
  },
};

export function mapRecord(table: Resource<'mapRecord'>['attributes']['table'], row: { id: string; municipality_id: string | null; police_district_id: string | null }): Resource<'mapRecord'> {
  return { kind: 'mapRecord', id: row.id, municipalityId: row.municipality_id, policeDistrictId: row.police_district_id, attributes: { table } };
}
