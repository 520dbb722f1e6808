import { z } from 'zod';
import { ZAssumptions, ZCalendarDate, ZId, ZProblem, ZTimestamp } from './common.ts';

/** Who owns a record of the map: one municipality, or the police district its municipalities share. */
export const OWNER_SCOPES = ['municipality', 'police_district'] as const;
export const ZOwnerScope = z.enum(OWNER_SCOPES);
export type TOwnerScope = z.infer<typeof ZOwnerScope>;

export const ORGANISATION_KINDS = ['centre', 'unit', 'external'] as const;
export const ZOrganisationKind = z.enum(ORGANISATION_KINDS);

/** The three organisational levels of the memo; each municipality names them its own way. */
export const FORUM_LEVELS = ['strategic', 'coordinating', 'executing'] as const;
export const ZForumLevel = z.enum(FORUM_LEVELS);
export type TForumLevel = z.infer<typeof ZForumLevel>;

/** The prevention triangle's canonical levels (general / targeted / individual). */
export const TRIANGLE_LEVELS = ['general', 'targeted', 'individual'] as const;
export const ZTriangleLevel = z.enum(TRIANGLE_LEVELS);
export type TTriangleLevel = z.infer<typeof ZTriangleLevel>;

export const FUNDING_KINDS = ['salary', 'pool'] as const;
export const ZFunding = z.enum(FUNDING_KINDS);

export const FORUM_ROLES = ['chair', 'secretary', 'member', 'observer'] as const;
export const ZForumRole = z.enum(FORUM_ROLES);
export type TForumRole = z.infer<typeof ZForumRole>;

export const CADENCES = ['weekly', 'biweekly', 'monthly', 'quarterly', 'half_yearly', 'yearly', 'as_needed'] as const;
export const ZCadence = z.enum(CADENCES);
export type TCadence = z.infer<typeof ZCadence>;
/** Meetings a year each cadence means; "as needed" means none fixed. */
export const MEETINGS_PER_YEAR: Record<TCadence, number> = { weekly: 52, biweekly: 26, monthly: 12, quarterly: 4, half_yearly: 2, yearly: 1, as_needed: 0 };
/** The cadence a number of meetings a year is, if it is one. */
export const cadenceOfMeetings = (meetings: number): TCadence | null => CADENCES.find((c) => MEETINGS_PER_YEAR[c] === meetings) ?? null;

/** Legal bases the memo names (and barnets lov, since 2024), offered as suggestions; a forum may cite others. */
export const KNOWN_LEGAL_BASES = [
  'Retsplejeloven § 111',
  'Retsplejeloven § 114',
  'Retsplejeloven § 115',
  'Lov om bekæmpelse af ungdomskriminalitet',
  'Barnets lov',
  'Serviceloven',
  'Folkeskoleloven',
  'Ungdomsskoleloven',
  'Dagtilbudsloven (klubbestemmelserne)',
  'Lov om en aktiv beskæftigelsesindsats',
  'Forvaltningsloven',
] as const;

const ZText = (max: number) => z.string().trim().max(max);
const ZName = z.string().trim().min(1).max(160);
const ZHours = z.number().min(0).max(80);

export const ZAsOfQuery = z.strictObject({
  /** Show the map as it was at the end of this day (d.m.yyyy in the UI, ISO here). */
  asOf: ZCalendarDate.optional(),
});
export type TAsOfQuery = z.infer<typeof ZAsOfQuery>;

/** The 409 answer to removing a unit, function or forum that efforts not ended still point at. */
export const ZReferencedByEffortsProblem = ZProblem.extend({
  /** The municipality's efforts that refer to it: move them first. */
  efforts: z.array(z.object({ id: ZId, title: z.string() })),
  /** Efforts of other municipalities in the police district that refer to a record it shares. */
  effortsElsewhere: z.number().int(),
});

const ZAbilities = z.object({ update: z.boolean(), delete: z.boolean() });

export const ZOrganisation = z.object({
  id: ZId,
  kind: ZOrganisationKind,
  shortName: z.string().nullable(),
  name: z.string(),
  parentId: ZId.nullable(),
  inScope: z.boolean(),
  description: z.string().nullable(),
  assumptions: ZAssumptions,
  scope: ZOwnerScope,
  abilities: ZAbilities,
});
export type TOrganisation = z.infer<typeof ZOrganisation>;

export const ZOrganisationInput = z.strictObject({
  kind: ZOrganisationKind,
  shortName: ZText(20).min(1).nullable().optional(),
  name: ZName,
  parentId: ZId.nullable().optional(),
  inScope: z.boolean().default(false),
  description: ZText(2000).nullable().optional(),
  scope: ZOwnerScope.default('municipality'),
});
export type TOrganisationInput = z.input<typeof ZOrganisationInput>;

export const ZFunction = z.object({
  id: ZId,
  title: z.string(),
  organisationId: ZId,
  headcount: z.number().int(),
  hoursMin: z.number().nullable(),
  hoursMax: z.number().nullable(),
  fte: z.number().nullable(),
  inScope: z.boolean(),
  funding: ZFunding,
  triangleLevel: ZTriangleLevel.nullable(),
  /** Assumed fields ('hours_min', 'hours_max', 'fte') → why. */
  assumptions: ZAssumptions,
  scope: ZOwnerScope,
  /** How many forums the function sits in: the load indicator of the matrix. */
  forumCount: z.number().int(),
  abilities: ZAbilities,
});
export type TFunction = z.infer<typeof ZFunction>;

export const ZFunctionInput = z
  .strictObject({
    title: ZName,
    organisationId: ZId,
    headcount: z.number().int().min(1).max(500).default(1),
    hoursMin: ZHours.nullable().optional(),
    hoursMax: ZHours.nullable().optional(),
    fte: z.number().min(0).max(500).nullable().optional(),
    inScope: z.boolean().default(false),
    funding: ZFunding.default('salary'),
    triangleLevel: ZTriangleLevel.nullable().optional(),
    scope: ZOwnerScope.default('municipality'),
  })
  .refine((f) => f.hoursMin == null || f.hoursMax == null || f.hoursMin <= f.hoursMax, { path: ['hoursMax'], message: 'hoursMax < hoursMin' });
export type TFunctionInput = z.input<typeof ZFunctionInput>;

/** A user holding a function from a day until a day (the last day held; null: still holds it). */
export const ZFunctionHolding = z.object({
  id: ZId,
  userId: ZId,
  functionId: ZId,
  functionTitle: z.string(),
  organisationName: z.string(),
  validFrom: ZCalendarDate,
  validTo: ZCalendarDate.nullable(),
  /** Held today. */
  current: z.boolean(),
});
export type TFunctionHolding = z.infer<typeof ZFunctionHolding>;

export const ZFunctionHoldingInput = z.strictObject({
  functionId: ZId,
  /** The first day held; today when left out. */
  validFrom: ZCalendarDate.optional(),
});
export type TFunctionHoldingInput = z.infer<typeof ZFunctionHoldingInput>;

export const ZFunctionHoldingEnd = z.strictObject({
  /** The last day the user holds the function. */
  validTo: ZCalendarDate,
});
export type TFunctionHoldingEnd = z.infer<typeof ZFunctionHoldingEnd>;

export const ZHoldingParams = z.strictObject({ id: ZId, holdingId: ZId });

export const ZPool = z.object({
  id: ZId,
  name: z.string(),
  organisationId: ZId,
  inScope: z.boolean(),
  description: z.string().nullable(),
  scope: ZOwnerScope,
  abilities: ZAbilities,
});
export type TPool = z.infer<typeof ZPool>;
export const ZPoolInput = z.strictObject({
  name: ZName,
  organisationId: ZId,
  inScope: z.boolean().default(false),
  description: ZText(2000).nullable().optional(),
  scope: ZOwnerScope.default('municipality'),
});
export type TPoolInput = z.input<typeof ZPoolInput>;

export const ZForum = z.object({
  id: ZId,
  name: z.string(),
  shortName: z.string().nullable(),
  level: ZForumLevel,
  scope: ZOwnerScope,
  purpose: z.string().nullable(),
  mandate: z.string().nullable(),
  legalBasis: z.array(z.string()),
  cadence: ZCadence.nullable(),
  reportsToId: ZId.nullable(),
  assumptions: ZAssumptions,
  memberCount: z.number().int(),
  abilities: ZAbilities,
});
export type TForum = z.infer<typeof ZForum>;

export const ZForumInput = z.strictObject({
  name: ZName,
  shortName: ZText(30).min(1).nullable().optional(),
  level: ZForumLevel,
  scope: ZOwnerScope.default('municipality'),
  purpose: ZText(4000).nullable().optional(),
  mandate: ZText(4000).nullable().optional(),
  legalBasis: z.array(z.string().trim().min(1).max(100)).max(10).default([]),
  cadence: ZCadence.nullable().optional(),
  reportsToId: ZId.nullable().optional(),
});
export type TForumInput = z.input<typeof ZForumInput>;

export const ZForumMember = z.object({
  id: ZId,
  functionId: ZId,
  functionTitle: z.string(),
  organisationName: z.string(),
  role: ZForumRole,
});
export type TForumMember = z.infer<typeof ZForumMember>;

export const ZForumMemberInput = z.strictObject({ functionId: ZId, role: ZForumRole.default('member') });
export const ZForumMemberUpdate = z.strictObject({ role: ZForumRole });

export const ZHistoryEntry = z.object({
  at: ZTimestamp,
  actorName: z.string().nullable(),
  what: z.enum(['created', 'changed', 'removed']),
  entity: z.enum(['forum', 'member']),
  /** The fields that changed, or the member's function title. */
  summary: z.string(),
});

export const ZForumDetail = ZForum.extend({
  members: z.array(ZForumMember),
  history: z.array(ZHistoryEntry),
});
export type TForumDetail = z.infer<typeof ZForumDetail>;

export const ZMatrix = z.object({
  functions: z.array(z.object({ id: ZId, title: z.string(), organisationName: z.string(), inScope: z.boolean(), forumCount: z.number().int() })),
  forums: z.array(z.object({ id: ZId, name: z.string(), level: ZForumLevel })),
  cells: z.array(z.object({ functionId: ZId, forumId: ZId, role: ZForumRole })),
});
export type TMatrix = z.infer<typeof ZMatrix>;

export const ZLevelLabels = z.object({ strategic: z.string(), coordinating: z.string(), executing: z.string() });
export type TLevelLabels = z.infer<typeof ZLevelLabels>;
export const ZLevelLabelsInput = z.strictObject({
  strategic: z.string().trim().min(1).max(60),
  coordinating: z.string().trim().min(1).max(60),
  executing: z.string().trim().min(1).max(60),
});

export const ZLevelDiagram = z.object({
  labels: ZLevelLabels,
  forums: z.array(z.object({ id: ZId, name: z.string(), level: ZForumLevel, scope: ZOwnerScope, reportsToId: ZId.nullable(), memberCount: z.number().int() })),
});
export type TLevelDiagram = z.infer<typeof ZLevelDiagram>;

export const ZOrganisationMap = z.object({
  asOf: z.iso.date().nullable(),
  organisations: z.array(ZOrganisation),
  functions: z.array(ZFunction),
  pools: z.array(ZPool),
});
export type TOrganisationMap = z.infer<typeof ZOrganisationMap>;

export const ZSearchQuery = z.strictObject({ q: z.string().trim().min(1).max(100) });
export const ZSearchResult = z.object({
  organisations: z.array(z.object({ id: ZId, name: z.string() })),
  functions: z.array(z.object({ id: ZId, title: z.string(), organisationName: z.string() })),
  forums: z.array(z.object({ id: ZId, name: z.string(), level: ZForumLevel })),
});

/** A row-level problem in an import: the sheet, the spreadsheet row (1 = header), the column. */
export const ZImportError = z.object({ sheet: z.string(), row: z.number().int(), column: z.string(), message: z.string() });
export type TImportError = z.infer<typeof ZImportError>;
export const ZImportResult = z.object({
  dryRun: z.boolean(),
  counts: z.object({ organisations: z.number().int(), functions: z.number().int(), pools: z.number().int(), forums: z.number().int(), members: z.number().int() }),
  errors: z.array(ZImportError),
  /** Errors beyond those listed (an answer lists at most 100). */
  errorsNotShown: z.number().int().min(0).default(0),
});
export type TImportResult = z.infer<typeof ZImportResult>;
