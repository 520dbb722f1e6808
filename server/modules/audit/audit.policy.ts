import { type Resource, declareRules, hasPermission } from '../../platform/access/decision.ts';

/** The municipality's own purposes of reading personal data are retired by those who manage its settings. */
declareRules('readPurpose', {
  sees: () => true,
  actions: { retire: (actor, purpose) => hasPermission(actor, 'settings.manage') && !purpose.attributes.retired },
});

export function readPurposeResource(row: { id: string; municipality_id: string | null; retired_at: Date | null }): Resource<'readPurpose'> {
  return { kind: 'readPurpose', id: row.id, municipalityId: row.municipality_id, policeDistrictId: null, attributes: { retired: row.retired_at !== null }, related: new Set() };
}
