/** The organisation tree: centres → units → functions and pools, grouped by who owns them. */
import type { TFunction, TOrganisation, TOrganisationMap, TPool } from '../../../contracts/organisation.ts';

export interface OrgNode {
  organisation: TOrganisation;
  depth: number;
  children: OrgNode[];
  functions: TFunction[];
  pools: TPool[];
}

export interface Tree {
  /** The municipality's own centres and units. */
  municipality: OrgNode[];
  /** Parties outside the municipality's line of management (schools' partners, PET, SIRI …). */
  external: OrgNode[];
  /** Records the police district shares with all its municipalities. */
  district: OrgNode[];
}

const KIND_ORDER: Record<string, number> = { centre: 0, unit: 1, external: 2 };

export function buildTree(map: Pick<TOrganisationMap, 'organisations' | 'functions' | 'pools'>, collator: Intl.Collator): Tree {
  const byId = new Map(map.organisations.map((o) => [o.id, o]));
  const childrenOf = new Map<string | null, TOrganisation[]>();
  for (const o of map.organisations) {
    // A parent that is not in the map (ended, or out of sight) makes the organisation a root.
    const parent = o.parentId && byId.has(o.parentId) ? o.parentId : null;
    childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), o]);
  }
  const functionsOf = new Map<string, TFunction[]>();
  for (const f of map.functions) functionsOf.set(f.organisationId, [...(functionsOf.get(f.organisationId) ?? []), f]);
  const poolsOf = new Map<string, TPool[]>();
  for (const p of map.pools) poolsOf.set(p.organisationId, [...(poolsOf.get(p.organisationId) ?? []), p]);

  const sortOrganisations = (list: TOrganisation[]) =>
    // Centres are known by their short names (CBF, CKF …): sort by what people call them.
    [...list].sort((a, b) => (KIND_ORDER[a.kind] ?? 9) - (KIND_ORDER[b.kind] ?? 9) || collator.compare(a.shortName ?? a.name, b.shortName ?? b.name));
  const seen = new Set<string>();
  const node = (organisation: TOrganisation, depth: number): OrgNode => {
    seen.add(organisation.id);
    return {
      organisation,
      depth,
      // A cycle in the data must not hang the page: a node appears once.
      children: sortOrganisations((childrenOf.get(organisation.id) ?? []).filter((c) => !seen.has(c.id))).map((c) => node(c, depth + 1)),
      functions: [...(functionsOf.get(organisation.id) ?? [])].sort((a, b) => collator.compare(a.title, b.title)),
      pools: [...(poolsOf.get(organisation.id) ?? [])].sort((a, b) => collator.compare(a.name, b.name)),
    };
  };
  const roots = sortOrganisations(childrenOf.get(null) ?? []).map((o) => node(o, 0));
  return {
    municipality: roots.filter((n) => n.organisation.scope === 'municipality' && n.organisation.kind !== 'external'),
    external: roots.filter((n) => n.organisation.scope === 'municipality' && n.organisation.kind === 'external'),
    district: roots.filter((n) => n.organisation.scope === 'police_district'),
  };
}

export interface ScopeSummary {
  organisations: number;
  functions: number;
  people: number;
  fte: number;
  pools: number;
}

/** The scope line in numbers: what lies inside it, and what is general prevention. */
export function summariseScope(map: Pick<TOrganisationMap, 'organisations' | 'functions' | 'pools'>): { inScope: ScopeSummary; general: ScopeSummary } {
  const sum = (inScope: boolean): ScopeSummary => {
    const functions = map.functions.filter((f) => f.inScope === inScope && f.scope === 'municipality');
    return {
      organisations: map.organisations.filter((o) => o.inScope === inScope && o.scope === 'municipality').length,
      functions: functions.length,
      people: functions.reduce((total, f) => total + f.headcount, 0),
      fte: functions.reduce((total, f) => total + (f.fte ?? 0), 0),
      pools: map.pools.filter((p) => p.inScope === inScope && p.scope === 'municipality').length,
    };
  };
  return { inScope: sum(true), general: sum(false) };
}

/** The organisation and all below it: it cannot be moved under one of them. */
export function descendantsOf(organisations: TOrganisation[], id: string): Set<string> {
  const result = new Set<string>([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const o of organisations) {
      if (o.parentId && result.has(o.parentId) && !result.has(o.id)) {
        result.add(o.id);
        grew = true;
      }
    }
  }
  return result;
}

/** Organisations as options of a select, indented to show the tree: "— — Gadeplan". */
export function organisationOptions(organisations: TOrganisation[], collator: Intl.Collator, exclude: Set<string> = new Set()): { value: string; label: string }[] {
  const tree = buildTree({ organisations, functions: [], pools: [] }, collator);
  const options: { value: string; label: string }[] = [];
  const walk = (n: OrgNode) => {
    if (exclude.has(n.organisation.id)) return;
    const name = n.organisation.shortName && n.organisation.shortName !== n.organisation.name ? `${n.organisation.name} (${n.organisation.shortName})` : n.organisation.name;
    options.push({ value: n.organisation.id, label: `${'— '.repeat(n.depth)}${name}` });
    n.children.forEach(walk);
  };
  [...tree.municipality, ...tree.external, ...tree.district].forEach(walk);
  return options;
}
