import type { TCadence, TForumLevel, TForumRole, TTriangleLevel } from '../../../contracts/organisation.ts';
import { MEETINGS_PER_YEAR, TRIANGLE_LEVELS } from '../../../contracts/organisation.ts';
import type { TParty, TProgramme, TScenarioDocument } from '../../../contracts/scenarios.ts';
import { functionFte, weeklyHours } from '../efforts/efforts.public.ts';
import { ANNUAL_COST_PER_FTE } from './scenarios.templates.ts';

/** The live map and efforts as of a date, as the organisation and efforts modules give them. */
export interface LiveMap {
  inhabitants: number;
  levelLabels: Record<TTriangleLevel, string>;
  organisations: { id: string; kind: string; name: string; parent_id: string | null; in_scope: boolean; police_district_id: string | null }[];
  functions: {
    id: string;
    title: string;
    organisation_id: string;
    headcount: number;
    hours_min: string | null;
    hours_max: string | null;
    fte: string | null;
    in_scope: boolean;
    triangle_level: string | null;
    police_district_id: string | null;
  }[];
  forums: { id: string; name: string; level: string; reports_to_id: string | null; purpose: string | null; mandate: string | null; cadence: string | null }[];
  members: { forum_id: string; function_id: string; role: string }[];
  efforts: { id: string; title: string; triangle_level: string; age_min: number; age_max: number; budget: number }[];
}

const HOURS_PER_MEETING = 2;
/** Today's efforts carry these programmes when their title names them. */
const PROGRAMME_WORDS: [TProgramme, RegExp][] = [
  ['gadeplan', /gadeplan/i],
  ['god_loesladelse', /god løsladelse|løsladelse/i],
  ['exit', /exit/i],
  ['infohus', /infohus/i],
];

/** Short keys in order of the rows (`f1`, `f2`, …): the live id stays in `sourceId`, and a large map still fits in a request. */
function keysFor(prefix: string, rows: readonly { id: string }[]): (id: string) => string {
  const keys = new Map(rows.map((row, i) => [row.id, `${prefix}${i + 1}`]));
  return (id) => keys.get(id) ?? '';
}
const isLevel = (level: string | null): level is TTriangleLevel => (TRIANGLE_LEVELS as readonly string[]).includes(level ?? '');

/** SSP's parties from where a function sits: the police's records, the schools, external partners, else the municipality. */
function partyOf(organisation: LiveMap['organisations'][number] | undefined, fn: LiveMap['functions'][number]): TParty {
  if (fn.police_district_id || /politi/i.test(organisation?.name ?? '')) return 'police';
  // "Skolerne", not "Ungdomsskolen": the S of SSP is the schools.
  if (/(^|\s)skole/i.test(organisation?.name ?? '')) return 'school';
  return organisation?.kind === 'external' ? 'other' : 'municipality';
}

/**
 * Today's map as a scenario document: the units in scope (skærelinjen) with their staff, every
 * forum with its members and reporting line, and the efforts not ended, each in a pillar of its
 * triangle level (today's map has no pillars). Staff outside the units sit in forums only and
 * count no FTE. What the map does not say is assumed, and marked.
 */
export function documentFromMap(map: LiveMap): TScenarioDocument {
  const assumptions: Record<string, string> = {
    pillars: 'Kortet har ingen søjler: én søjle pr. trekantniveau er antaget.',
    'functions.party': 'Parten (kommune, skole, politi, andre) er udledt af funktionens organisation.',
  };
  const orgById = new Map(map.organisations.map((o) => [o.id, o]));
  const inScope = map.organisations.filter((o) => o.in_scope);
  const unitKey = keysFor('u', inScope);
  const forumKey = keysFor('fo', map.forums);
  const inScopeIds = new Set(inScope.map((o) => o.id));

  // Where the work is anchored: each unit in scope whose parent is not, and the line above it.
  const roots = inScope.filter((o) => !o.parent_id || !inScopeIds.has(o.parent_id));
  const lines = roots.map((root) => {
    const above: LiveMap['organisations'] = [];
    for (let at = root.parent_id ? orgById.get(root.parent_id) : undefined; at && above.length <= map.organisations.length; at = at.parent_id ? orgById.get(at.parent_id) : undefined) above.push(at);
    return { root, above };
  });
  const centres = [...new Set(lines.flatMap(({ above }) => above.filter((o) => o.kind === 'centre').map((o) => o.name)))];
  assumptions['placement.kind'] = 'Kortet angiver ikke placeringens art.';

  const pillarOf = (level: string | null) => (isLevel(level) ? level : null);
  const seated = new Set(map.members.map((m) => m.function_id));
  const copied = map.functions.filter((f) => inScopeIds.has(f.organisation_id) || seated.has(f.id));
  const functionKey = keysFor('f', copied);
  const functions: TScenarioDocument['functions'] = copied.map((f) => {
    const staff = inScopeIds.has(f.organisation_id);
    const hours = weeklyHours(f);
    // As the efforts' peer comparison counts; a partner's function in a forum counts none.
    const fte = staff ? functionFte(f) : 0;
    const key = functionKey(f.id);
    if (staff) assumptions[`functions.${key}.annualCost`] = `Kortet angiver ingen lønudgift; sat til ${ANNUAL_COST_PER_FTE.toLocaleString('da-DK')} kr. pr. årsværk.`;
    return {
      key,
      title: f.title,
      unitKey: staff ? unitKey(f.organisation_id) : null,
      pillarKey: staff ? pillarOf(f.triangle_level) : null,
      level: isLevel(f.triangle_level) ? f.triangle_level : null,
      headcount: f.headcount,
      hoursPerWeek: staff ? hours : null,
      fte: Math.round(fte * 100) / 100,
      annualCost: Math.round(fte * ANNUAL_COST_PER_FTE),
      analyst: /analyti/i.test(f.title),
      caseCoordinator: /sagskoordinator/i.test(f.title),
      party: partyOf(orgById.get(f.organisation_id), f),
      sourceId: f.id,
    };
  });

  const known = new Set(copied.map((f) => f.id));
  const forums: TScenarioDocument['forums'] = map.forums.map((forum) => {
    const key = forumKey(forum.id);
    const meetings = forum.cadence ? MEETINGS_PER_YEAR[forum.cadence as TCadence] : undefined;
    assumptions[`forums.${key}.hoursPerMeeting`] = `Kortet angiver ikke mødelængden; sat til ${HOURS_PER_MEETING} timer.`;
    if (!meetings) assumptions[`forums.${key}.meetingsPerYear`] = 'Kortet angiver ingen fast mødekadence.';
    return {
      key,
      name: forum.name,
      kind: /kredsr[åa]d/i.test(forum.name) ? 'kredsraad' : /lokalr[åa]d/i.test(forum.name) ? 'lokalraad' : 'other',
      level: forum.level as TForumLevel,
      // A line to a forum this map does not hold (another district's) is left out, not dangling.
      reportsTo: (forum.reports_to_id && forumKey(forum.reports_to_id)) || null,
      mandate: (forum.mandate || forum.purpose || '').slice(0, 2000),
      meetingsPerYear: meetings ?? 0,
      hoursPerMeeting: HOURS_PER_MEETING,
      // A district forum may seat another municipality's function, which this map does not hold.
      members: map.members.filter((m) => m.forum_id === forum.id && known.has(m.function_id)).map((m) => ({ functionKey: functionKey(m.function_id), role: m.role as TForumRole })),
      sourceId: forum.id,
    };
  });

  const efforts: TScenarioDocument['efforts'] = map.efforts.map((e, i) => ({
    key: `e${i + 1}`,
    title: e.title,
    pillarKey: pillarOf(e.triangle_level),
    level: isLevel(e.triangle_level) ? e.triangle_level : null,
    ageMin: e.age_min,
    ageMax: e.age_max,
    programmes: PROGRAMME_WORDS.filter(([, words]) => words.test(e.title)).map(([programme]) => programme),
    annualBudget: e.budget,
    sourceId: e.id,
  }));

  return {
    inhabitants: map.inhabitants,
    placement: {
      kind: 'other',
      text: lines.map(({ root, above }) => [root.name, ...above.map((o) => o.name)].join(' under ')).join('; ').slice(0, 500),
      layersToTopManagement: Math.max(0, ...lines.map(({ above }) => above.length)),
      centres,
    },
    pillars: TRIANGLE_LEVELS.map((level) => ({ key: level, name: map.levelLabels[level], levels: [level] })),
    units: inScope.map((o) => ({ key: unitKey(o.id), name: o.name, parentKey: o.parent_id && inScopeIds.has(o.parent_id) ? unitKey(o.parent_id) : null, sourceId: o.id })),
    functions,
    forums,
    efforts,
    assumptions,
  };
}
