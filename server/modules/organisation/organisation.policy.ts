import { type Resource, declareRules, hasPermission } from '../../platform/access/decision.ts';
import { Relations } from '../../platform/access/relations.ts';

/**
 * The organisation map's rules. Readers see the whole map; partners only the forums a function
 * they hold sits in (relation `sitsInForum`); editors change and remove its records.
 */
declareRules('mapRecord', {
  sees: (actor, record) =>
    hasPermission(actor, 'organisation.read') || (record.attributes.table === 'forums' && hasPermission(actor, 'forums.read_own') && record.related.has('sitsInForum')),
  actions: {
    update: (actor) => hasPermission(actor, 'organisation.edit'),
    delete: (actor) => hasPermission(actor, 'organisation.edit'),
  },
});

export function mapRecord(
  table: Resource<'mapRecord'>['attributes']['table'],
  row: { id: string; municipality_id: string | null; police_district_id: string | null },
  relations: Relations = Relations.none,
): Resource<'mapRecord'> {
  return { kind: 'mapRecord', id: row.id, municipalityId: row.municipality_id, policeDistrictId: row.police_district_id, attributes: { table }, related: relations.of(row.id) };
}
