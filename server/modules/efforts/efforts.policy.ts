import type { Actor } from '../../platform/access/actor.ts';
import { type Resource, declareRules, hasPermission } from '../../platform/access/decision.ts';

const readsEfforts = (actor: Actor) => hasPermission(actor, 'efforts.read');
const edits = (actor: Actor) => hasPermission(actor, 'efforts.edit');
/** Money and hours: the same rules on one effort and on the municipality's efforts as a whole. */
const economy = {
  readEconomy: (actor: Actor) => hasPermission(actor, 'economy.read'),
  editEconomy: (actor: Actor) => hasPermission(actor, 'economy.edit'),
};

/** The rules of an effort: its readers see it; what else they may do follows their permissions. */
declareRules('effort', {
  sees: readsEfforts,
  actions: { update: edits, changeStatus: edits, measure: (actor) => hasPermission(actor, 'efforts.measure'), ...economy },
});

/** The municipality's efforts as a whole: the list, the views, imports and exports. */
declareRules('effortRegister', { sees: readsEfforts, actions: { create: edits, ...economy } });

export function effortResource(row: { id: string; municipality_id: string }): Resource<'effort'> {
  return { kind: 'effort', id: row.id, municipalityId: row.municipality_id, policeDistrictId: null, attributes: {}, related: new Set() };
}

export function effortRegister(municipalityId: string): Resource<'effortRegister'> {
  return { kind: 'effortRegister', id: municipalityId, municipalityId, policeDistrictId: null, attributes: {}, related: new Set() };
}

/** The municipality's legal bases are retired by those who manage its settings. */
declareRules('legalBasis', {
  sees: () => true,
  actions: { retire: (actor, basis) => hasPermission(actor, 'settings.manage') && !basis.attributes.retired },
});

export function legalBasisResource(row: { id: string; municipality_id: string | null; retired_at: Date | null }): Resource<'legalBasis'> {
  return { kind: 'legalBasis', id: row.id, municipalityId: row.municipality_id, policeDistrictId: null, attributes: { retired: row.retired_at !== null }, related: new Set() };
}
