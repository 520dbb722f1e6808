import type { Actor } from '../../platform/access/actor.ts';
import { type KindRules, type Resource, hasPermission } from '../../platform/access/decision.ts';

/** Money and hours are shown only to those who may read the economy. */
export function seesEconomy(actor: Actor): boolean {
  return hasPermission(actor, 'economy.read');
}

/** The rules of an effort: its readers see it; what else they may do follows their permissions. */
export const effortRules: KindRules<'effort'> = {
  sees: (actor) => hasPermission(actor, 'efforts.read'),
  actions: {
    update: (actor) => hasPermission(actor, 'efforts.edit'),
    changeStatus: (actor) => hasPermission(actor, 'efforts.edit'),
    measure: (actor) => hasPermission(actor, 'efforts.measure'),
    readEconomy: seesEconomy,
    editEconomy: (actor) => hasPermission(actor, 'economy.edit'),
  },
};

export function effortResource(row: { id: string; municipality_id: string }): Resource<'effort'> {
  return { kind: 'effort', id: row.id, municipalityId: row.municipality_id, policeDistrictId: null, attributes: {} };
}

/** The municipality's own legal bases are retired by those who manage its settings. */
export const legalBasisRules: KindRules<'legalBasis'> = {
  sees: () => true,
  actions: { retire: (actor, basis) => hasPermission(actor, 'settings.manage') && !basis.attributes.retired },
};

export function legalBasisResource(row: { id: string; municipality_id: string | null; retired_at: Date | null }): Resource<'legalBasis'> {
  return { kind: 'legalBasis', id: row.id, municipalityId: row.municipality_id, policeDistrictId: null, attributes: { retired: row.retired_at !== null } };
}
