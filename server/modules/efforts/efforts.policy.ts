import { type Resource, declareRules, hasPermission } from '../../platform/access/decision.ts';

/** The rules of an effort: its readers see it; what else they may do follows their permissions. */
declareRules('effort', {
  sees: (actor) => hasPermission(actor, 'efforts.read'),
  actions: {
    update: (actor) => hasPermission(actor, 'efforts.edit'),
    changeStatus: (actor) => hasPermission(actor, 'efforts.edit'),
    measure: (actor) => hasPermission(actor, 'efforts.measure'),
    readEconomy: (actor) => hasPermission(actor, 'economy.read'),
    editEconomy: (actor) => hasPermission(actor, 'economy.edit'),
  },
});

/** The municipality's efforts as a whole: money and hours are shown only to those who may read the economy. */
declareRules('effortRegister', {
  sees: (actor) => hasPermission(actor, 'efforts.read'),
  actions: {
    create: (actor) => hasPermission(actor, 'efforts.edit'),
    readEconomy: (actor) => hasPermission(actor, 'economy.read'),
    editEconomy: (actor) => hasPermission(actor, 'economy.edit'),
  },
});

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
