import { z } from 'zod';
import { ZCalendarDate, ZId, ZTimestamp } from './common.ts';
import { TRIANGLE_LEVELS, ZForumLevel, ZForumRole, ZTriangleLevel } from './organisation.ts';

/**
 * Organisation-model scenarios (issue #12 Part B): a named, dated draft of where the
 * crime-prevention work sits, who does it, in which forums, and which efforts each pillar
 * carries. The document is stored whole (jsonb) and bounded here, so one scenario always fits
 * in a request (the app's body limit is 1 MiB by default).
 */

export const SCENARIO_LIMITS = {
  functions: 1_000,
  forums: 200,
  membersPerForum: 100,
  /** All forums' members together: 200 × 100 would not fit in a request. */
  members: 5_000,
  efforts: 1_000,
  units: 200,
  pillars: 20,
  centres: 20,
  assumptions: 3_000,
  /** The document as JSON, in bytes: it must fit in a request (1 MiB by default) with the rest of the body. */
  documentBytes: 900_000,
  /** Compared side by side at once. */
  compared: 4,
} as const;

export const PLACEMENT_KINDS = ['staff_unit', 'youth_school', 'youth_centre', 'other'] as const;
export const ZPlacementKind = z.enum(PLACEMENT_KINDS);
/** Whose staff a function is: the SSP triangle is municipality (social), school and police. */
export const PARTIES = ['municipality', 'school', 'police', 'other'] as const;
export const ZParty = z.enum(PARTIES);
export type TParty = z.infer<typeof ZParty>;
/** What a forum is in the police's structure: the compare's path ends at the lokalråd. */
export const FORUM_KINDS = ['kredsraad', 'lokalraad', 'other'] as const;
export const ZScenarioForumKind = z.enum(FORUM_KINDS);
/** The named programmes whose coverage the memo's working group looks for. */
export const PROGRAMMES = ['gadeplan', 'god_loesladelse', 'exit', 'infohus'] as const;
export const ZProgramme = z.enum(PROGRAMMES);
export type TProgramme = z.infer<typeof ZProgramme>;
export const SHARINGS = ['private', 'working_group', 'steering'] as const;
export const ZSharing = z.enum(SHARINGS);
export type TSharing = z.infer<typeof ZSharing>;
export const SCENARIO_STATUSES = ['draft', 'adopted', 'discarded'] as const;
export const ZScenarioStatus = z.enum(SCENARIO_STATUSES);
export type TScenarioStatus = z.infer<typeof ZScenarioStatus>;
export const TEMPLATE_KEYS = ['clear_line', 'professional', 'integrated', 'albertslund', 'viborg', 'hoeje_taastrup'] as const;
export const ZTemplateKey = z.enum(TEMPLATE_KEYS);
export type TTemplateKey = z.infer<typeof ZTemplateKey>;

/** A key names a pillar, unit, function, forum or effort within one document. */
const ZKey = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/);
const ZText = (max: number) => z.string().trim().max(max);
const ZName = z.string().trim().min(1).max(160);
const ZAge = z.number().int().min(0).max(99);

export const ZScenarioPillar = z.strictObject({ key: ZKey, name: ZName, levels: z.array(ZTriangleLevel).max(TRIANGLE_LEVELS.length) });
/** A unit; `parentKey` null: under whatever it is under today (a new one: under nobody, e.g. a staff unit under top management). */
export const ZScenarioUnit = z.strictObject({ key: ZKey, name: ZName, parentKey: ZKey.nullable(), sourceId: ZId.nullable() });
export const ZScenarioFunction = z.strictObject({
  key: ZKey,
  title: ZName,
  unitKey: ZKey.nullable(),
  pillarKey: ZKey.nullable(),
  level: ZTriangleLevel.nullable(),
  headcount: z.number().int().min(0).max(500),
  hoursPerWeek: z.number().min(0).max(80).nullable(),
  fte: z.number().min(0).max(500),
  /** Kroner a year. */
  annualCost: z.number().min(0).max(1_000_000_000),
  /** Writes the crime picture (the memo's half-yearly reports). */
  analyst: z.boolean(),
  /** One coordinator per case across SSP, KSP and PSP (the memo's reactive pillar). */
  caseCoordinator: z.boolean(),
  party: ZParty,
  /** The live function this one was copied from. */
  sourceId: ZId.nullable(),
});
export type TScenarioFunction = z.infer<typeof ZScenarioFunction>;
export const ZScenarioMember = z.strictObject({ functionKey: ZKey, role: ZForumRole });
export const ZScenarioForum = z.strictObject({
  key: ZKey,
  name: ZName,
  kind: ZScenarioForumKind,
  level: ZForumLevel,
  reportsTo: ZKey.nullable(),
  mandate: ZText(2000),
  meetingsPerYear: z.number().int().min(0).max(365),
  hoursPerMeeting: z.number().min(0).max(24),
  members: z.array(ZScenarioMember).max(SCENARIO_LIMITS.membersPerForum),
  sourceId: ZId.nullable(),
});
export type TScenarioForum = z.infer<typeof ZScenarioForum>;
export const ZScenarioEffort = z.strictObject({
  key: ZKey,
  title: ZName,
  pillarKey: ZKey.nullable(),
  level: ZTriangleLevel.nullable(),
  ageMin: ZAge,
  ageMax: ZAge,
  programmes: z.array(ZProgramme).max(PROGRAMMES.length),
  /** Kroner a year beyond the functions' salaries (activities, pools). */
  annualBudget: z.number().min(0).max(1_000_000_000),
  sourceId: ZId.nullable(),
});
export type TScenarioEffort = z.infer<typeof ZScenarioEffort>;

const ZDocumentShape = z.strictObject({
  /** The inhabitants the document is sized for: the basis of every figure per 10,000. */
  inhabitants: z.number().int().min(1).max(10_000_000),
  placement: z.strictObject({
    kind: ZPlacementKind,
    text: ZText(500),
    /** Management layers between the unit and the top management (a staff unit under it: 0). */
    layersToTopManagement: z.number().int().min(0).max(10),
    /** The centres (or administrations) the work is anchored in. */
    centres: z.array(ZName).max(SCENARIO_LIMITS.centres),
  }),
  pillars: z.array(ZScenarioPillar).max(SCENARIO_LIMITS.pillars),
  units: z.array(ZScenarioUnit).max(SCENARIO_LIMITS.units),
  functions: z.array(ZScenarioFunction).max(SCENARIO_LIMITS.functions),
  forums: z.array(ZScenarioForum).max(SCENARIO_LIMITS.forums),
  efforts: z.array(ZScenarioEffort).max(SCENARIO_LIMITS.efforts),
  /**
   * What the document states that its source does not: a path (`functions.<key>.fte`,
   * `placement.layersToTopManagement`, …) → why it is assumed. The screen marks it "antaget".
   */
  assumptions: z.record(z.string().max(200), z.string().max(500)).refine((a) => Object.keys(a).length <= SCENARIO_LIMITS.assumptions, { message: 'scenario.too_many_assumptions' }),
});
type DocumentShape = z.infer<typeof ZDocumentShape>;

/** Keys point at what exists: each issue names the field path, so the editor can mark it. */
function checkReferences(doc: DocumentShape, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const keysOf = (collection: 'pillars' | 'units' | 'functions' | 'forums' | 'efforts') => {
    const seen = new Set<string>();
    doc[collection].forEach((item, i) => {
      if (seen.has(item.key)) issue([collection, i, 'key'], 'scenario.duplicate_key');
      seen.add(item.key);
    });
    return seen;
  };
  const pillars = keysOf('pillars');
  const units = keysOf('units');
  const functions = keysOf('functions');
  const forums = keysOf('forums');
  keysOf('efforts');
  doc.units.forEach((u, i) => {
    if (u.parentKey !== null && (!units.has(u.parentKey) || u.parentKey === u.key)) issue(['units', i, 'parentKey'], 'scenario.unknown_key');
  });
  doc.functions.forEach((f, i) => {
    if (f.unitKey !== null && !units.has(f.unitKey)) issue(['functions', i, 'unitKey'], 'scenario.unknown_key');
    if (f.pillarKey !== null && !pillars.has(f.pillarKey)) issue(['functions', i, 'pillarKey'], 'scenario.unknown_key');
  });
  doc.efforts.forEach((e, i) => {
    if (e.pillarKey !== null && !pillars.has(e.pillarKey)) issue(['efforts', i, 'pillarKey'], 'scenario.unknown_key');
    if (e.ageMin > e.ageMax) issue(['efforts', i, 'ageMax'], 'problem.age_range');
  });
  let members = 0;
  const reportsTo = new Map(doc.forums.map((f) => [f.key, f.reportsTo]));
  doc.forums.forEach((forum, i) => {
    if (forum.reportsTo !== null && !forums.has(forum.reportsTo)) issue(['forums', i, 'reportsTo'], 'scenario.unknown_key');
    else if (reachesItself(forum.key, reportsTo)) issue(['forums', i, 'reportsTo'], 'problem.reference_cycle');
    const seated = new Set<string>();
    forum.members.forEach((m, j) => {
      if (!functions.has(m.functionKey)) issue(['forums', i, 'members', j, 'functionKey'], 'scenario.unknown_key');
      else if (seated.has(m.functionKey)) issue(['forums', i, 'members', j, 'functionKey'], 'import.member_twice');
      seated.add(m.functionKey);
    });
    members += forum.members.length;
  });
  if (members > SCENARIO_LIMITS.members) issue(['forums'], 'scenario.too_many_members');
  // Within each bound, long texts everywhere could still make a document that cannot be saved back.
  if (new TextEncoder().encode(JSON.stringify(doc)).length > SCENARIO_LIMITS.documentBytes) issue([], 'scenario.too_large');
}

/** Whether following the reporting lines from a forum leads back to it. */
function reachesItself(start: string, reportsTo: ReadonlyMap<string, string | null>): boolean {
  let at = reportsTo.get(start) ?? null;
  for (let steps = 0; at !== null && steps <= reportsTo.size; steps++) {
    if (at === start) return true;
    at = reportsTo.get(at) ?? null;
  }
  return false;
}

export const ZScenarioDocument = ZDocumentShape.superRefine(checkReferences);
export type TScenarioDocument = z.infer<typeof ZScenarioDocument>;

/** The criteria the working group weighs (the memo's): each with a weight 0–5 and a rationale. */
export const CRITERIA = ['anchoring', 'resources', 'coverage', 'path_to_lokalraad', 'forum_load', 'cost', 'changes'] as const;
export const ZCriterion = z.enum(CRITERIA);
export const ZAssessment = z.strictObject({
  criteria: z.partialRecord(ZCriterion, z.strictObject({ weight: z.number().int().min(0).max(5), rationale: ZText(4000) })),
});
export type TAssessment = z.infer<typeof ZAssessment>;

export const WARNING_CODES = [
  'function_without_pillar',
  'effort_without_pillar',
  'level_uncovered',
  'no_analyst',
  'no_case_coordinator',
  'forum_missing_ssp_party',
  'function_in_many_forums',
  'forum_reports_to_nobody',
  'several_centres',
] as const;
export const ZScenarioWarning = z.object({
  code: z.enum(WARNING_CODES),
  severity: z.enum(['warning', 'notice']),
  da: z.string(),
  en: z.string(),
  /** The keys of the pillars, functions, forums or efforts it concerns (or the levels, parties). */
  keys: z.array(z.string()),
});
export type TScenarioWarning = z.infer<typeof ZScenarioWarning>;

/** `adopt`: apply the scenario to the live map (a leader who edits the map, on a draft shared with the steering group). */
const ZScenarioAbilities = z.object({ edit: z.boolean(), share: z.boolean(), discard: z.boolean(), adopt: z.boolean() });

export const ZScenarioSummary = z.object({
  id: ZId,
  title: z.string(),
  description: z.string(),
  asOf: ZCalendarDate,
  /** `today`, or the template's key. */
  origin: z.union([z.literal('today'), ZTemplateKey]),
  author: z.object({ id: ZId, name: z.string() }),
  sharing: ZSharing,
  status: ZScenarioStatus,
  /** The day an adopted scenario took effect on the live map; null until adopted. */
  adoptedFrom: ZCalendarDate.nullable(),
  revision: z.number().int(),
  updatedAt: ZTimestamp,
  abilities: ZScenarioAbilities,
});
export type TScenarioSummary = z.infer<typeof ZScenarioSummary>;

export const ZScenarioDetail = ZScenarioSummary.extend({
  document: ZDocumentShape,
  assessment: ZAssessment,
  warnings: z.array(ZScenarioWarning),
});
export type TScenarioDetail = z.infer<typeof ZScenarioDetail>;

export const ZScenarioCreate = z.strictObject({
  title: ZName,
  description: ZText(4000).default(''),
  from: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('today'), asOf: ZCalendarDate }),
    z.strictObject({ kind: z.literal('template'), key: ZTemplateKey }),
  ]),
});
export type TScenarioCreate = z.input<typeof ZScenarioCreate>;

export const ZScenarioUpdate = z.strictObject({
  /** The revision the change was made from: a newer one stored answers 409. */
  revision: z.number().int().min(1),
  title: ZName,
  description: ZText(4000),
  document: ZScenarioDocument,
  assessment: ZAssessment,
});
export type TScenarioUpdate = z.input<typeof ZScenarioUpdate>;

export const ZScenarioShare = z.strictObject({ sharing: ZSharing.exclude(['private']) });

export const ZTemplateSummary = z.object({ key: ZTemplateKey, name: z.string(), description: z.string() });
export type TTemplateSummary = z.infer<typeof ZTemplateSummary>;

export const ZCompareQuery = z.strictObject({
  /** 2–4 scenario ids, comma-separated. */
  ids: z
    .string()
    .max(200)
    .transform((s) => s.split(',').map((id) => id.trim()))
    .pipe(z.array(ZId).min(2).max(SCENARIO_LIMITS.compared)),
  withToday: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
});

/** The recommendation (an "Arbejdsnotat" to the steering group): the compared scenarios and the one recommended. */
export const ZRecommendationQuery = ZCompareQuery.extend({ recommended: ZId }).refine((q) => q.ids.includes(q.recommended), { path: ['recommended'], message: 'scenario.recommended_not_compared' });

/** Adopting applies the scenario, as read at `revision`, to the live map from `effectiveFrom`. */
export const ZScenarioAdopt = z.strictObject({ revision: z.number().int().min(1), effectiveFrom: ZCalendarDate });
export type TScenarioAdopt = z.infer<typeof ZScenarioAdopt>;

const ZAmount = z.object({ fte: z.number(), cost: z.number(), ftePer10k: z.number(), costPer10k: z.number() });
export const ZComparedScenario = z.object({
  /** Null for today's map (read live, not stored). */
  id: ZId.nullable(),
  title: z.string(),
  inhabitants: z.number().int(),
  centres: z.number().int(),
  layersToTopManagement: z.number().int(),
  total: ZAmount,
  /** Level null: staff and efforts on no level (not stated), listed only when there are any. */
  perLevel: z.array(ZAmount.extend({ level: ZTriangleLevel.nullable() })),
  /** Key null (name empty): what no pillar carries, listed only when there is any. */
  perPillar: z.array(ZAmount.extend({ key: z.string().nullable(), name: z.string() })),
  coverage: z.object({
    /** Ages 6–25 that no effort reaches. */
    uncoveredAges: z.array(z.number().int()),
    under18: z.boolean(),
    over18: z.boolean(),
    programmes: z.record(ZProgramme, z.boolean()),
  }),
  /**
   * Forums from each executing forum up its reporting line to the lokalråd, both counted; null
   * where the line never reaches one.
   */
  pathToLokalraad: z.object({ longest: z.number().int().nullable(), perForum: z.array(z.object({ key: z.string(), name: z.string(), forums: z.number().int().nullable() })) }),
  forumLoad: z.object({
    forums: z.number().int(),
    meetingHoursPerYear: z.number(),
    perFunction: z.array(z.object({ key: z.string(), title: z.string(), forums: z.number().int(), meetingHoursPerYear: z.number() })),
  }),
  costAgainstToday: z.number(),
  changesFromToday: z.object({
    functionsAdded: z.array(z.string()),
    functionsRemoved: z.array(z.string()),
    functionsMoved: z.array(z.object({ title: z.string(), from: z.string().nullable(), to: z.string().nullable() })),
    forumsAdded: z.array(z.string()),
    forumsClosed: z.array(z.string()),
    forumsMerged: z.array(z.object({ name: z.string(), into: z.string() })),
    /** The efforts' budgets (activities, pools) against today's; salaries are in `costAgainstToday`. */
    budgetDifference: z.number(),
  }),
  warnings: z.array(ZScenarioWarning),
});
export type TComparedScenario = z.infer<typeof ZComparedScenario>;
export const ZScenarioComparison = z.object({ scenarios: z.array(ZComparedScenario) });
export type TScenarioComparison = z.infer<typeof ZScenarioComparison>;
