import { describe, expect, it } from 'vitest';
import type { TFunction, TLevelDiagram, TMatrix, TOrganisation, TPool } from '../../../contracts/organisation.ts';
import { translate, type MessageKey, type Params } from '../../i18n/i18n.tsx';
import { BOX_HEIGHT, BOX_WIDTH, layoutDiagram, wrapName } from './diagram.ts';
import { formatFte, formatHours, historySummary, isHeavyLoad } from './labels.ts';
import { forumGroups, matrixFiltersFrom, matrixRows, withMatrixFilters } from './matrix.ts';
import { buildTree, descendantsOf, organisationOptions, summariseScope } from './tree.ts';

const collator = new Intl.Collator('da');
const t = (key: MessageKey, params?: Params) => translate('da', key, params);
const abilities = { update: true, delete: true };
let n = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;

function org(name: string, extra: Partial<TOrganisation> = {}): TOrganisation {
  return { id: uuid(), kind: 'centre', shortName: null, name, parentId: null, inScope: false, description: null, assumptions: {}, scope: 'municipality', abilities, ...extra };
}
function fn(title: string, organisationId: string, extra: Partial<TFunction> = {}): TFunction {
  return {
    id: uuid(),
    title,
    organisationId,
    headcount: 1,
    hoursMin: null,
    hoursMax: null,
    fte: null,
    inScope: false,
    funding: 'salary',
    triangleLevel: null,
    assumptions: {},
    scope: 'municipality',
    forumCount: 0,
    abilities,
    ...extra,
  };
}
function pool(name: string, organisationId: string, inScope = false): TPool {
  return { id: uuid(), name, organisationId, inScope, description: null, scope: 'municipality', abilities };
}

describe('the organisation tree', () => {
  const cbf = org('Center for Børn og Familier', { shortName: 'CBF' });
  const ckf = org('Center for Kultur og Fritid', { shortName: 'CKF' });
  const tkf = org('Tryghed og Kriminalitetsforebyggelse', { kind: 'unit', parentId: cbf.id, inScope: true, shortName: 'TKF' });
  const gadeplan = org('Gadeplan', { kind: 'unit', parentId: tkf.id, inScope: true });
  const uu = org('Ungdommens Uddannelsesvejledning', { kind: 'external', shortName: 'UU' });
  const police = org('Vestegnens Politi', { kind: 'external', scope: 'police_district' });
  const organisations = [gadeplan, police, uu, tkf, ckf, cbf];
  const functions = [
    fn('Gadeplansmedarbejder', gadeplan.id, { headcount: 4, hoursMin: 27, hoursMax: 37, inScope: true }),
    fn('Leder', tkf.id, { fte: 1, inScope: true }),
    fn('Centerchef', cbf.id),
    fn('Lokalbetjent', police.id, { scope: 'police_district' }),
  ];
  const pools = [pool('Pulje til indsatser', tkf.id, true)];

  it('nests units under their centre and groups the municipality, external parties and the police district', () => {
    const tree = buildTree({ organisations, functions, pools }, collator);
    expect(tree.municipality.map((node) => node.organisation.shortName)).toEqual(['CBF', 'CKF']);
    expect(tree.external.map((node) => node.organisation.name)).toEqual(['Ungdommens Uddannelsesvejledning']);
    expect(tree.district.map((node) => node.organisation.name)).toEqual(['Vestegnens Politi']);
    const tkfNode = tree.municipality[0].children[0];
    expect(tkfNode.organisation.name).toBe('Tryghed og Kriminalitetsforebyggelse');
    expect(tkfNode.depth).toBe(1);
    expect(tkfNode.pools.map((p) => p.name)).toEqual(['Pulje til indsatser']);
    expect(tkfNode.children[0].functions.map((f) => f.title)).toEqual(['Gadeplansmedarbejder']);
    expect(tkfNode.children[0].depth).toBe(2);
  });

  it('survives a reporting cycle in the data: each organisation appears once', () => {
    const a = org('A', { kind: 'unit' });
    const b = org('B', { kind: 'unit', parentId: a.id });
    a.parentId = b.id;
    const root = org('Rod');
    const tree = buildTree({ organisations: [a, b, root], functions: [], pools: [] }, collator);
    // Neither is a root (each has a parent in the map), so only the real root is shown.
    expect(tree.municipality.map((node) => node.organisation.name)).toEqual(['Rod']);
  });

  it('counts people, årsværk and pools on each side of the scope line, without the police district', () => {
    const { inScope, general } = summariseScope({ organisations, functions, pools });
    expect(inScope).toEqual({ organisations: 2, functions: 2, people: 5, fte: 1, pools: 1 });
    expect(general).toEqual({ organisations: 3, functions: 1, people: 1, fte: 0, pools: 0 });
  });

  it('offers no place under itself when an organisation moves', () => {
    expect([...descendantsOf(organisations, cbf.id)].sort()).toEqual([cbf.id, tkf.id, gadeplan.id].sort());
    const options = organisationOptions(organisations, collator, descendantsOf(organisations, tkf.id));
    expect(options.map((o) => o.label)).toEqual([
      'Center for Børn og Familier (CBF)',
      'Center for Kultur og Fritid (CKF)',
      'Ungdommens Uddannelsesvejledning (UU)',
      'Vestegnens Politi',
    ]);
    expect(organisationOptions(organisations, collator).map((o) => o.label)).toContain('— — Gadeplan');
  });
});

describe('words and numbers of the map', () => {
  it('writes working hours per week and årsværk the Danish way', () => {
    expect(formatHours({ hoursMin: 27, hoursMax: 37 }, t, 'da')).toBe('27–37 t./uge');
    expect(formatHours({ hoursMin: 37, hoursMax: 37 }, t, 'da')).toBe('37 t./uge');
    expect(formatHours({ hoursMin: 18.5, hoursMax: null }, t, 'da')).toBe('18,5 t./uge');
    expect(formatHours({ hoursMin: null, hoursMax: null }, t, 'da')).toBe('');
    expect(formatHours({ hoursMin: 27, hoursMax: 37 }, (k, p) => translate('en', k, p), 'en')).toBe('27–37 h/week');
    expect(formatFte(1, 'da')).toBe('1,0');
    expect(formatFte(0.75, 'da')).toBe('0,75');
    expect(formatFte(null, 'da')).toBe('');
  });

  it('marks five forums or more as a heavy load', () => {
    expect(isHeavyLoad(4)).toBe(false);
    expect(isHeavyLoad(5)).toBe(true);
  });

  it("puts the server's history codes into words", () => {
    expect(historySummary({ what: 'changed', entity: 'forum', summary: 'short_name, reports_to_id, cadence' }, t)).toBe('Kort navn, Rapporterer til, Mødekadence');
    expect(historySummary({ what: 'created', entity: 'member', summary: 'SSP-lærer (member)' }, t)).toBe('SSP-lærer som medlem');
    expect(historySummary({ what: 'changed', entity: 'member', summary: 'SSP-lærer: member → chair' }, t)).toBe('SSP-lærer: fra medlem til formand');
    expect(historySummary({ what: 'removed', entity: 'member', summary: 'SSP-lærer' }, t)).toBe('SSP-lærer');
    // A title that happens to contain a role word is left alone.
    expect(historySummary({ what: 'created', entity: 'member', summary: 'Observer member (ekstern)' }, t)).toBe('Observer member (ekstern)');
  });
});

describe('the forum matrix', () => {
  const forums: TMatrix['forums'] = [
    { id: uuid(), name: 'Kredsråd', level: 'strategic' },
    { id: uuid(), name: 'SSP-NU u18', level: 'executing' },
    { id: uuid(), name: 'SSP-netværk', level: 'executing' },
  ];
  const proactive = { id: uuid(), title: 'Konsulent for proaktiv kriminalitetsforebyggelse', organisationName: 'TKF', inScope: true, forumCount: 2 };
  const teacher = { id: uuid(), title: 'SSP-lærer', organisationName: 'Skolerne', inScope: false, forumCount: 1 };
  const mayor = { id: uuid(), title: 'Borgmester', organisationName: 'Byrådet', inScope: false, forumCount: 1 };
  const matrix: TMatrix = {
    functions: [teacher, proactive, mayor],
    forums,
    cells: [
      { functionId: proactive.id, forumId: forums[1].id, role: 'member' },
      { functionId: proactive.id, forumId: forums[2].id, role: 'chair' },
      { functionId: teacher.id, forumId: forums[2].id, role: 'member' },
      { functionId: mayor.id, forumId: forums[0].id, role: 'member' },
    ],
  };

  it('reads and writes its filters in the URL, keeping the as-of date', () => {
    const params = new URLSearchParams('dato=2023-03-27&q=ssp&skaerelinje=1&sortering=belastning');
    const filters = matrixFiltersFrom(params);
    expect(filters).toEqual({ q: 'ssp', inScopeOnly: true, sort: 'load' });
    expect(withMatrixFilters(params, { q: '', inScopeOnly: false, sort: 'organisation' }).toString()).toBe('dato=2023-03-27');
    expect(withMatrixFilters(new URLSearchParams(), { q: 'lærer', inScopeOnly: true, sort: 'title' }).toString()).toBe('q=l%C3%A6rer&skaerelinje=1&sortering=funktion');
    expect(matrixFiltersFrom(new URLSearchParams('sortering=noget')).sort).toBe('organisation');
  });

  it('filters by text and by the scope line, and sorts by load', () => {
    const all = matrixRows(matrix, { q: '', inScopeOnly: false, sort: 'organisation' }, collator);
    expect(all.map((r) => r.fn.organisationName)).toEqual(['Byrådet', 'Skolerne', 'TKF']);
    expect(all[2].roles.get(forums[2].id)).toBe('chair');
    expect(all[2].roles.get(forums[0].id)).toBeUndefined();
    expect(matrixRows(matrix, { q: 'SKOLE', inScopeOnly: false, sort: 'title' }, collator).map((r) => r.fn.title)).toEqual(['SSP-lærer']);
    expect(matrixRows(matrix, { q: '', inScopeOnly: true, sort: 'title' }, collator).map((r) => r.fn.title)).toEqual([proactive.title]);
    expect(matrixRows(matrix, { q: '', inScopeOnly: false, sort: 'load' }, collator)[0].fn.id).toBe(proactive.id);
  });

  it('groups the forums by level, strategic first, leaving out empty levels', () => {
    expect(forumGroups(forums).map((g) => [g.level, g.forums.length])).toEqual([
      ['strategic', 1],
      ['executing', 2],
    ]);
  });
});

describe('the level diagram', () => {
  const f = (name: string, level: TLevelDiagram['forums'][number]['level'], reportsToId: string | null = null, scope: 'municipality' | 'police_district' = 'municipality') => ({
    id: uuid(),
    name,
    level,
    scope,
    reportsToId,
    memberCount: 3,
  });
  const kredsraad = f('Kredsråd', 'strategic', null, 'police_district');
  const lokalraad = f('Lokalråd', 'strategic', kredsraad.id);
  const chefforum = f('Chefforum', 'coordinating', kredsraad.id, 'police_district');
  const koordination = f('Koordinationsgruppen', 'coordinating', lokalraad.id);
  const executing = ['SSP-NU u18', 'SSP-NU o18', 'Infohus-samarbejdet', 'SSP-netværk', 'Femte forum'].map((name) => f(name, 'executing', koordination.id));
  const hiddenParent = f('Skjult barn', 'executing', uuid());

  it('puts the levels in bands from strategic down, district forums first in their band', () => {
    const layout = layoutDiagram([...executing, koordination, chefforum, lokalraad, kredsraad], collator);
    expect(layout.bands.map((b) => b.level)).toEqual(['strategic', 'coordinating', 'executing']);
    const strategic = layout.boxes.filter((b) => b.forum.level === 'strategic').sort((a, b) => a.x - b.x);
    expect(strategic.map((b) => b.forum.name)).toEqual(['Kredsråd', 'Lokalråd']);
    const band = (level: string) => layout.bands.find((b) => b.level === level)!;
    for (const box of layout.boxes) {
      const b = band(box.forum.level);
      expect(box.y).toBeGreaterThanOrEqual(b.y);
      expect(box.y + BOX_HEIGHT).toBeLessThanOrEqual(b.y + b.height);
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + BOX_WIDTH).toBeLessThanOrEqual(layout.width);
    }
    // Five executing forums wrap onto two lines in their band.
    expect(new Set(layout.boxes.filter((b) => b.forum.level === 'executing').map((b) => b.y)).size).toBe(2);
  });

  it('draws a line from each forum to the one it reports to, and none to a forum out of sight', () => {
    const layout = layoutDiagram([kredsraad, lokalraad, chefforum, koordination, ...executing, hiddenParent], collator);
    expect(layout.edges).toHaveLength(3 + executing.length);
    expect(layout.edges.some((e) => e.from === hiddenParent.id)).toBe(false);
    const box = (id: string) => layout.boxes.find((b) => b.forum.id === id)!;
    const ends = (d: string) => {
      const numbers = d.match(/-?[\d.]+/g)!.map(Number);
      return { from: numbers.slice(0, 2), to: numbers.slice(-2) };
    };
    // Up: from the top of the reporting forum to the bottom of the one above.
    const up = ends(layout.edges.find((e) => e.from === chefforum.id)!.d);
    expect(up.from).toEqual([box(chefforum.id).x + BOX_WIDTH / 2, box(chefforum.id).y]);
    expect(up.to[1]).toBe(box(kredsraad.id).y + BOX_HEIGHT);
    // The executing forums each meet Koordinationsgruppen at a point of their own on its edge.
    const parent = box(koordination.id);
    const meets = executing.map((f) => ends(layout.edges.find((e) => e.from === f.id)!.d).to);
    for (const [x, y] of meets) {
      expect(y).toBe(parent.y + BOX_HEIGHT);
      expect(x).toBeGreaterThan(parent.x);
      expect(x).toBeLessThan(parent.x + BOX_WIDTH);
    }
    expect(new Set(meets.map(([x]) => x)).size).toBe(executing.length);
    // Side by side in one band: a short horizontal line between the two boxes.
    const side = layout.edges.find((e) => e.from === lokalraad.id)!;
    expect(side.d).toBe(`M ${box(lokalraad.id).x} ${box(lokalraad.id).y + BOX_HEIGHT / 2} H ${box(kredsraad.id).x + BOX_WIDTH}`);
  });

  it('breaks long names into at most two lines', () => {
    expect(wrapName('SSP-NU u18')).toEqual(['SSP-NU u18']);
    expect(wrapName('Styregruppen for det kriminalpræventive samarbejde')).toEqual(['Styregruppen for det', 'kriminalpræventive…']);
    expect(wrapName('Koordinationsgruppenforkriminalitet')).toEqual(['Koordinationsgruppe…']);
  });
});
