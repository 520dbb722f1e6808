import { z } from 'zod';
import { ZAssumptions, ZCalendarDate, ZId, ZTimestamp } from './common.ts';
import { ZImportError, ZTriangleLevel } from './organisation.ts';

/** The life of an effort. Every change is dated and carries a reason. */
export const EFFORT_STATUSES = ['planned', 'active', 'paused', 'ended'] as const;
export const ZEffortStatus = z.enum(EFFORT_STATUSES);
export type TEffortStatus = z.infer<typeof ZEffortStatus>;

/** Which status may follow which. An ended effort may be resumed (a mistake, a renewed grant). */
export const STATUS_TRANSITIONS: Record<TEffortStatus, readonly TEffortStatus[]> = {
  planned: ['active', 'ended'],
  active: ['paused', 'ended'],
  paused: ['active', 'ended'],
  ended: ['active'],
};

export const RISK_PROFILES = ['all', 'early_concern', 'first_offence', 'repeat_offending'] as const;
export const ZRiskProfile = z.enum(RISK_PROFILES);
export type TRiskProfile = z.infer<typeof ZRiskProfile>;

/** The derived target group: people drawn in by an effort aimed at a young person. */
export const DERIVED_GROUPS = ['parents', 'siblings', 'others'] as const;
export const ZDerivedGroup = z.enum(DERIVED_GROUPS);

export const EVIDENCE_RATINGS = ['documented', 'promising', 'theory_based', 'unknown'] as const;
export const ZEvidenceRating = z.enum(EVIDENCE_RATINGS);
export type TEvidenceRating = z.infer<typeof ZEvidenceRating>;

export const BUDGET_KINDS = ['salary', 'activities', 'pool'] as const;
export const ZBudgetKind = z.enum(BUDGET_KINDS);
export type TBudgetKind = z.infer<typeof ZBudgetKind>;

/** Whether an indicator is better when it rises (participants) or falls (charges). */
export const DIRECTIONS = ['increase', 'decrease'] as const;
export const ZDirection = z.enum(DIRECTIONS);

/** Green / amber / red against target; `none` until the first measurement. */
export const RAG = ['green', 'amber', 'red', 'none'] as const;
export const ZRag = z.enum(RAG);
export type TRag = z.infer<typeof ZRag>;

/**
 * An effort's age band. The target group is 6–25 (the default band), but Exit programmes and
 * coordinated release serve adults, so a band may reach 99.
 */
export const AGE_MIN = 0;
export const AGE_MAX = 99;
const ZAge = z.number().int().min(AGE_MIN).max(AGE_MAX);
const ZYearQuery = z.coerce.number().int().min(2000).max(2100);
/** Kroner with øre: up to a billion per line. */
const ZAmount = z.number().min(0).max(1_000_000_000).multipleOf(0.01);
const ZText = (max: number) => z.string().trim().max(max);
const ZTitle = z.string().trim().min(1).max(200);
const ZDistrict = z.string().trim().min(1).max(80);
const ZReason = z.string().trim().min(3).max(1000);

const ZNamed = z.object({ id: ZId, name: z.string() });

/**
 * Read the efforts as they were at an instant (valid time): a date means the end of that day,
 * Danish time, as on the organisation map; a date and time with offset means that instant.
 */
export const ZAsOf = z.union([ZCalendarDate, ZTimestamp.refine((t) => t >= '1900-01-01' && t < '3000-01-01', { message: 'Datoen skal ligge mellem 1900 og 2999' })]);
export const ZEffortAsOfQuery = z.strictObject({ asOf: ZAsOf.optional() });

export const ZLegalBasis = z.object({
  id: ZId,
  law: z.string(),
  section: z.string().nullable(),
  label: z.string(),
  /** On the national list (kept by the platform), else the municipality's own entry. */
  national: z.boolean(),
  /** Retired: no longer offered, still shown where an effort cites it. */
  retired: z.boolean(),
  abilities: z.object({ retire: z.boolean() }),
});
export type TLegalBasis = z.infer<typeof ZLegalBasis>;
export const ZLegalBasisInput = z.strictObject({ law: z.string().trim().min(2).max(120), section: ZText(40).min(1).nullable().optional() });

export const ZTriangleLabels = z.object({ general: z.string(), targeted: z.string(), individual: z.string() });
export type TTriangleLabels = z.infer<typeof ZTriangleLabels>;
export const ZTriangleLabelsInput = z.strictObject({
  general: z.string().trim().min(1).max(60),
  targeted: z.string().trim().min(1).max(60),
  individual: z.string().trim().min(1).max(60),
});

export const ZDistricts = z.object({
  districts: z.array(z.string()),
  /** Why the list is assumed (the seeded one), until someone sets it. */
  assumed: z.string().nullable(),
});
export type TDistricts = z.infer<typeof ZDistricts>;
export const ZDistrictsInput = z.strictObject({ districts: z.array(ZDistrict).max(100) });

/** One line of an effort in a list: enough to filter, sort and open it. */
export const ZEffortSummary = z.object({
  id: ZId,
  title: z.string(),
  level: ZTriangleLevel,
  inScope: z.boolean(),
  status: ZEffortStatus,
  owner: ZNamed.nullable(),
  responsibleFunction: z.object({ id: ZId, title: z.string() }).nullable(),
  ageMin: z.number().int(),
  ageMax: z.number().int(),
  riskProfile: ZRiskProfile,
  districts: z.array(z.string()),
  periodStart: z.iso.date(),
  periodEnd: z.iso.date().nullable(),
  evidenceRating: ZEvidenceRating,
});
export type TEffortSummary = z.infer<typeof ZEffortSummary>;

export const ZEffortList = z.object({ total: z.number().int(), items: z.array(ZEffortSummary) });
export type TEffortList = z.infer<typeof ZEffortList>;

/** Filters shared by the list, the triangle and the economy. Repeated keys are not used: one value each. */
const effortFilters = {
  level: ZTriangleLevel.optional(),
  status: ZEffortStatus.optional(),
  /** The owner unit (an organisation of the map). */
  unit: ZId.optional(),
  /** Efforts whose age band includes this age. */
  age: z.coerce.number().int().min(AGE_MIN).max(AGE_MAX).optional(),
  /** Efforts whose age band reaches into ageFrom–ageTo; either end may be left open. */
  ageFrom: z.coerce.number().int().min(AGE_MIN).max(AGE_MAX).optional(),
  ageTo: z.coerce.number().int().min(AGE_MIN).max(AGE_MAX).optional(),
  /** Efforts that reach this district; efforts for the whole municipality reach every district. */
  district: ZDistrict.optional(),
  asOf: ZAsOf.optional(),
};

export const ZEffortListQuery = z.strictObject({
  ...effortFilters,
  /** Full text in Danish over title, description and evidence. */
  text: z.string().trim().min(1).max(200).optional(),
  /** Efforts running at some time in this year. */
  year: ZYearQuery.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type TEffortListQuery = z.infer<typeof ZEffortListQuery>;

const ZEffortFields = z.strictObject({
    title: ZTitle,
    description: ZText(8000).nullable().optional(),
    level: ZTriangleLevel,
    inScope: z.boolean().default(true),
    ownerOrganisationId: ZId,
    responsibleFunctionId: ZId.nullable().optional(),
    partnerOrganisationIds: z.array(ZId).max(50).default([]),
    forumIds: z.array(ZId).max(50).default([]),
    ageMin: ZAge.default(6),
    ageMax: ZAge.default(25),
    riskProfile: ZRiskProfile.default('all'),
    derivedGroups: z.array(ZDerivedGroup).max(3).default([]),
    /** Empty: the whole municipality. */
    districts: z.array(ZDistrict).max(100).default([]),
    legalBasisIds: z.array(ZId).max(20).default([]),
    periodStart: ZCalendarDate,
    periodEnd: ZCalendarDate.nullable().optional(),
    evidenceRating: ZEvidenceRating.default('unknown'),
    evidenceDocumentation: ZText(4000).nullable().optional(),
});
const effortRules = <T extends z.ZodType<{ ageMin: number; ageMax: number; periodStart: string; periodEnd?: string | null }>>(schema: T) =>
  schema
    .refine((e) => e.ageMin <= e.ageMax, { path: ['ageMax'], message: 'problem.age_range' })
    .refine((e) => e.periodEnd == null || e.periodEnd >= e.periodStart, { path: ['periodEnd'], message: 'problem.period_order' });

export const ZEffortInput = effortRules(ZEffortFields);
export type TEffortInput = z.input<typeof ZEffortInput>;
/** A new effort starts as planned or active; later changes go through a status change. */
export const ZEffortCreate = effortRules(ZEffortFields.extend({ status: z.enum(['planned', 'active']).default('planned') }));
export type TEffortCreate = z.input<typeof ZEffortCreate>;

export const ZStatusChangeInput = z.strictObject({
  status: ZEffortStatus,
  /** The day the change takes effect; today when left out. */
  effectiveOn: ZCalendarDate.optional(),
  reason: ZReason,
});
export type TStatusChangeInput = z.input<typeof ZStatusChangeInput>;

export const ZStatusChange = z.object({
  status: ZEffortStatus,
  previousStatus: ZEffortStatus.nullable(),
  effectiveOn: z.iso.date(),
  reason: z.string(),
  at: ZTimestamp,
  actorName: z.string().nullable(),
});

export const ZMeasurement = z.object({ id: ZId, measuredOn: z.iso.date(), value: z.number(), note: z.string().nullable() });
export type TMeasurement = z.infer<typeof ZMeasurement>;
export const ZMeasurementInput = z.strictObject({ measuredOn: ZCalendarDate, value: z.number().min(-1e9).max(1e9), note: ZText(500).nullable().optional() });

export const ZIndicator = z.object({
  id: ZId,
  name: z.string(),
  unit: z.string(),
  baseline: z.number(),
  target: z.number(),
  direction: ZDirection,
  periodStart: z.iso.date(),
  periodEnd: z.iso.date(),
  countsParticipants: z.boolean(),
  latest: ZMeasurement.nullable(),
  rag: ZRag,
  measurements: z.array(ZMeasurement),
});
export type TIndicator = z.infer<typeof ZIndicator>;
export const ZIndicatorInput = z
  .strictObject({
    name: ZTitle,
    unit: z.string().trim().min(1).max(40),
    baseline: z.number().min(-1e9).max(1e9),
    target: z.number().min(-1e9).max(1e9),
    direction: ZDirection.default('increase'),
    periodStart: ZCalendarDate,
    periodEnd: ZCalendarDate,
    /** This indicator counts the effort's participants (cost per participant uses it). */
    countsParticipants: z.boolean().default(false),
  })
  .refine((i) => i.periodEnd >= i.periodStart, { path: ['periodEnd'], message: 'problem.period_order' })
  .refine((i) => (i.direction === 'increase' ? i.target >= i.baseline : i.target <= i.baseline), { path: ['target'], message: 'problem.target_direction' });
export type TIndicatorInput = z.input<typeof ZIndicatorInput>;

export const ZGoal = z.object({ id: ZId, title: z.string(), description: z.string().nullable(), assumptions: ZAssumptions, indicators: z.array(ZIndicator) });
export type TGoal = z.infer<typeof ZGoal>;
export const ZGoalInput = z.strictObject({ title: ZTitle, description: ZText(4000).nullable().optional() });

export const ZBudgetLine = z.object({ kind: ZBudgetKind, budget: z.number(), actual: z.number().nullable() });
export const ZStaffHours = z.object({ functionId: ZId, functionTitle: z.string(), hours: z.number() });
export const ZEffortYear = z.object({
  year: z.number().int(),
  lines: z.array(ZBudgetLine),
  hours: z.array(ZStaffHours),
  /** Illustrative amounts, not the municipality's figures: shown marked wherever they appear. */
  demo: z.boolean(),
});
export type TEffortYear = z.infer<typeof ZEffortYear>;
export const ZEffortYearInput = z.strictObject({
  lines: z
    .array(z.strictObject({ kind: ZBudgetKind, budget: ZAmount, actual: ZAmount.nullable().optional() }))
    .max(3)
    .refine((lines) => new Set(lines.map((l) => l.kind)).size === lines.length, { message: 'problem.duplicate_kind' }),
  hours: z
    .array(z.strictObject({ functionId: ZId, hours: z.number().min(0).max(100_000) }))
    .max(100)
    .refine((rows) => new Set(rows.map((r) => r.functionId)).size === rows.length, { message: 'problem.duplicate_function' }),
});
export type TEffortYearInput = z.input<typeof ZEffortYearInput>;

const ZEffortAbilities = z.object({ update: z.boolean(), changeStatus: z.boolean(), measure: z.boolean(), readEconomy: z.boolean(), editEconomy: z.boolean() });

export const ZEffortDetail = ZEffortSummary.extend({
  description: z.string().nullable(),
  partners: z.array(ZNamed),
  forums: z.array(ZNamed),
  derivedGroups: z.array(ZDerivedGroup),
  legalBases: z.array(ZLegalBasis),
  evidenceDocumentation: z.string().nullable(),
  /** Fields the sources do not state (column name → why), shown as "antaget". */
  assumptions: ZAssumptions,
  statusHistory: z.array(ZStatusChange),
  goals: z.array(ZGoal),
  /** Budget, actual spend and hours per year; null for readers without access to the economy. */
  economy: z.array(ZEffortYear).nullable(),
  updatedAt: ZTimestamp,
  abilities: ZEffortAbilities,
});
export type TEffortDetail = z.infer<typeof ZEffortDetail>;

export const ZTriangleQuery = z.strictObject({ ...effortFilters, year: ZYearQuery.optional() });
export type TTriangleQuery = z.infer<typeof ZTriangleQuery>;

export const ZTriangleBand = z.object({
  level: ZTriangleLevel,
  label: z.string(),
  count: z.number().int(),
  /** Budget and hours for the year; null for readers without access to the economy. */
  budget: z.number().nullable(),
  hours: z.number().nullable(),
  demo: z.boolean(),
  efforts: z.array(z.object({ id: ZId, title: z.string(), status: ZEffortStatus })),
});
export const ZTriangle = z.object({ year: z.number().int(), status: ZEffortStatus.nullable(), bands: z.array(ZTriangleBand) });
export type TTriangle = z.infer<typeof ZTriangle>;

export const ZEconomyQuery = z.strictObject({ year: ZYearQuery.optional(), asOf: ZAsOf.optional() });
export type TEconomyQuery = z.infer<typeof ZEconomyQuery>;
const ZMoney = z.object({ budget: z.number(), actual: z.number(), hours: z.number() });
export const ZEconomy = z.object({
  year: z.number().int(),
  demo: z.boolean(),
  total: ZMoney,
  levels: z.array(ZMoney.extend({ level: ZTriangleLevel, label: z.string(), budgetShare: z.number(), hoursShare: z.number() })),
  units: z.array(ZMoney.extend({ id: ZId.nullable(), name: z.string() })),
  efforts: z.array(
    ZMoney.extend({
      id: ZId,
      title: z.string(),
      level: ZTriangleLevel,
      unitName: z.string().nullable(),
      demo: z.boolean(),
      /** Participants in the year: the latest count of each indicator that counts them. */
      participants: z.number().nullable(),
      costPerParticipant: z.number().nullable(),
      /** Whether the cost per participant is from actual spend or, while nothing is booked, the budget. */
      costBasis: z.enum(['actual', 'budget']).nullable(),
    }),
  ),
});
export type TEconomy = z.infer<typeof ZEconomy>;

export const ZPeerComparison = z.object({
  labels: ZTriangleLabels,
  municipalities: z.array(
    z.object({
      id: ZId,
      name: z.string(),
      own: z.boolean(),
      inhabitants: z.number().int().nullable(),
      /** FTE per level; `unassigned` holds staff without a level (leaders). */
      fte: z.object({ general: z.number(), targeted: z.number(), individual: z.number(), unassigned: z.number() }),
      /**
       * Whether any of its staff is placed on a level. A municipality whose staff the source gives
       * no levels (Viborg, in the memo) has its levels "not stated", not zero.
       */
      levelsStated: z.boolean(),
      /** FTE per 10,000 inhabitants, per level; null without a known population. */
      per10k: z.object({ general: z.number(), targeted: z.number(), individual: z.number() }).nullable(),
      /** Why some of these figures are assumed or estimated (inhabitants, part-time staff), shown as "antaget". */
      assumptions: z.array(z.string()),
      /** A reference municipality (the memo's peers) has a page of its own. */
      reference: z.boolean(),
    }),
  ),
});
export type TPeerComparison = z.infer<typeof ZPeerComparison>;

/** What the memo says of a peer beyond its staff, in the memo's words. */
export const ZPeerProfile = z.object({
  functions: z.array(z.object({ heading: z.string(), items: z.array(z.string()) })),
  /** Whom it draws in for young people under 18, and from 16–18 up. */
  partnersUnder18: z.array(z.string()),
  partnersOver18: z.array(z.string()),
  /** What it counts (the memo's remarks on its data). */
  data: z.array(z.string()),
  remarks: z.array(z.string()),
  /** 'partners' → why that attribution is assumed. */
  assumptions: ZAssumptions,
});
export type TPeerProfile = z.infer<typeof ZPeerProfile>;

export const ZPeer = z.object({
  id: ZId,
  name: z.string(),
  inhabitants: z.number().int().nullable(),
  placement: z.string().nullable(),
  staff: z.array(
    z.object({
      title: z.string(),
      headcount: z.number().int(),
      fte: z.number(),
      level: ZTriangleLevel.nullable(),
      /** Why its FTE is an estimate, when it is. */
      assumed: z.string().nullable(),
    }),
  ),
  profile: ZPeerProfile.nullable(),
  /** 'inhabitants' → why, when assumed. */
  assumptions: ZAssumptions,
});
export type TPeer = z.infer<typeof ZPeer>;

export const ZEffortImportResult = z.object({
  dryRun: z.boolean(),
  counts: z.object({ efforts: z.number().int(), goals: z.number().int(), indicators: z.number().int(), measurements: z.number().int(), budgetLines: z.number().int(), hours: z.number().int() }),
  errors: z.array(ZImportError),
  /** Errors beyond those listed (an answer lists at most 100). */
  errorsNotShown: z.number().int().min(0).default(0),
});
export type TEffortImportResult = z.infer<typeof ZEffortImportResult>;
