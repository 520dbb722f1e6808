import { z } from 'zod';
import { ZId, ZTimestamp } from './common.ts';
import { ZEffortStatus, ZRiskProfile } from './efforts.ts';
import { ZForumLevel, ZForumRole, ZTriangleLevel } from './organisation.ts';

/** A version of the plan moves draft → submitted → approved → published. */
export const PLAN_STATUSES = ['draft', 'submitted', 'approved', 'published'] as const;
export const ZPlanStatus = z.enum(PLAN_STATUSES);
export type TPlanStatus = z.infer<typeof ZPlanStatus>;

/** When the approving forum has approved: every voting member, or more than half. */
export const APPROVAL_RULES = ['all', 'majority'] as const;
export const ZApprovalRule = z.enum(APPROVAL_RULES);
export type TApprovalRule = z.infer<typeof ZApprovalRule>;

/** The written sections, in the order the plan shows them (organisation and efforts are generated). */
export const WRITTEN_SECTIONS = ['basis', 'purpose', 'targetGroup', 'strategy', 'goals'] as const;
export const ZWrittenSection = z.enum(WRITTEN_SECTIONS);
export type TWrittenSection = z.infer<typeof ZWrittenSection>;

/**
 * Limited rich text as HTML: h2, h3, p, ul, ol, li, a (http, https, mailto), strong, em, br.
 * The server sanitises what it stores; anything else is removed.
 */
export const ZRichText = z.string().max(100_000);
export const ZSections = z.object({ basis: z.string(), purpose: z.string(), targetGroup: z.string(), strategy: z.string(), goals: z.string() });
export type TSections = z.infer<typeof ZSections>;
export const ZSectionsInput = z.strictObject({ basis: ZRichText, purpose: ZRichText, targetGroup: ZRichText, strategy: ZRichText, goals: ZRichText });

/** A generated effort as the plan shows it: no personal data, only functions and units. */
export const ZPlanEffort = z.object({
  id: ZId,
  title: z.string(),
  description: z.string().nullable(),
  status: ZEffortStatus,
  owner: z.string().nullable(),
  responsibleFunction: z.string().nullable(),
  ageMin: z.number().int(),
  ageMax: z.number().int(),
  riskProfile: ZRiskProfile,
  periodStart: z.iso.date(),
  periodEnd: z.iso.date().nullable(),
  goals: z.array(z.object({ title: z.string(), indicators: z.array(z.object({ name: z.string(), unit: z.string(), baseline: z.number(), target: z.number() })) })),
  /**
   * The year's budget in DKK; `demo` when it holds generated amounts. Null where the reader may
   * not see it (see `ZMoneyView`): a demo amount in published form, any amount without economy.read.
   */
  budget: z.number().nullable(),
  demo: z.boolean(),
});
export type TPlanEffort = z.infer<typeof ZPlanEffort>;

/** Everything a version of the plan says: frozen when it is submitted, live while a draft. */
export const ZPlanContent = z.object({
  municipality: z.object({ code: z.number().int(), name: z.string() }),
  year: z.number().int(),
  title: z.string(),
  sections: ZSections,
  /** The forums on the three levels with their members (by function). */
  organisation: z.array(
    z.object({
      level: ZForumLevel,
      label: z.string(),
      forums: z.array(z.object({ id: ZId, name: z.string(), purpose: z.string().nullable(), members: z.array(z.object({ functionTitle: z.string(), organisationName: z.string(), role: ZForumRole })) })),
    }),
  ),
  /** The efforts active or starting within the year, by triangle level. */
  efforts: z.array(z.object({ level: ZTriangleLevel, label: z.string(), efforts: z.array(ZPlanEffort) })),
});
export type TPlanContent = z.infer<typeof ZPlanContent>;

/**
 * Which amounts a reader sees in a version: `all` (readers of the economy), `published` (a
 * published version's real amounts, as the public page shows them: no demo amounts), `none`.
 */
export const MONEY_VIEWS = ['all', 'published', 'none'] as const;
export const ZMoneyView = z.enum(MONEY_VIEWS);
export type TMoneyView = z.infer<typeof ZMoneyView>;

/** A written section's text, word by word: unchanged, inserted and deleted runs in order. */
export const ZTextChange = z.object({ kind: z.enum(['same', 'inserted', 'deleted']), text: z.string() });
export type TTextChange = z.infer<typeof ZTextChange>;

const ZForumMemberRef = z.object({ functionTitle: z.string(), organisationName: z.string(), role: ZForumRole });
const ZForumRef = z.object({ id: ZId, name: z.string(), level: ZForumLevel });

/** What changed in the organisation: forums added and removed, and per forum its name, level, purpose and members. */
export const ZOrganisationDiff = z.object({
  added: z.array(ZForumRef),
  removed: z.array(ZForumRef),
  changed: z.array(
    ZForumRef.extend({
      renamedFrom: z.string().nullable(),
      levelFrom: ZForumLevel.nullable(),
      purposeChanged: z.boolean(),
      members: z.object({
        added: z.array(ZForumMemberRef),
        removed: z.array(ZForumMemberRef),
        roleChanged: z.array(z.object({ functionTitle: z.string(), organisationName: z.string(), from: ZForumRole, to: ZForumRole })),
      }),
    }),
  ),
});
export type TOrganisationDiff = z.infer<typeof ZOrganisationDiff>;

export const ZPlanDiff = z.object({
  /** The changed written sections with their text change. */
  sections: z.array(z.object({ section: ZWrittenSection, changes: z.array(ZTextChange) })),
  /** Anything in the organisation differs (also the level names, which `organisation` does not list). */
  organisationChanged: z.boolean(),
  organisation: ZOrganisationDiff,
  efforts: z.object({
    added: z.array(z.object({ id: ZId, title: z.string() })),
    removed: z.array(z.object({ id: ZId, title: z.string(), status: ZEffortStatus.nullable() })),
    changed: z.array(z.object({ id: ZId, title: z.string(), fields: z.array(z.string()) })),
  }),
});
export type TPlanDiff = z.infer<typeof ZPlanDiff>;

export const ZDecision = z.object({
  userName: z.string(),
  functionTitle: z.string().nullable(),
  decision: z.enum(['approve', 'comment']),
  comment: z.string().nullable(),
  at: ZTimestamp,
});

export const ZPlanVersionSummary = z.object({
  number: z.number().int(),
  status: ZPlanStatus,
  submittedAt: ZTimestamp.nullable(),
  approvedAt: ZTimestamp.nullable(),
  publishedAt: ZTimestamp.nullable(),
});

export const ZPlanSummary = z.object({
  id: ZId,
  year: z.number().int(),
  title: z.string(),
  /** The newest version's number and status. */
  version: z.number().int(),
  status: ZPlanStatus,
  publishedVersion: z.number().int().nullable(),
  /** The newest approved or published version (the one in force); a draft or submitted newest version revises it. */
  approvedVersion: z.number().int().nullable(),
  /**
   * The newest version is approved or published and no longer matches the running efforts and
   * the organisation. Never true while a newer draft or submitted version is under way.
   */
  outOfDate: z.boolean(),
});
export type TPlanSummary = z.infer<typeof ZPlanSummary>;

export const ZPlanDetail = ZPlanSummary.extend({
  versions: z.array(ZPlanVersionSummary),
  approvingForum: z.object({ id: ZId, name: z.string() }).nullable(),
  approvalRule: ZApprovalRule,
  /** The users who vote: holders of the functions that sit in the approving forum as chair or member. */
  approvers: z.array(z.object({ userId: ZId, name: z.string(), functionTitle: z.string(), approved: z.boolean() })),
  decisions: z.array(ZDecision),
  /** What changed since the newest version was approved, when it is out of date. */
  changesSinceApproval: ZPlanDiff.nullable(),
  /** A draft or submitted newest version: what it changes from the approved version it revises. */
  revises: z.object({ version: z.number().int(), changes: ZPlanDiff }).nullable(),
  content: ZPlanContent,
  money: ZMoneyView,
  /** decide: approve (once); comment: any voter, before or after approving, while submitted. */
  abilities: z.object({ edit: z.boolean(), submit: z.boolean(), decide: z.boolean(), comment: z.boolean(), publish: z.boolean(), revise: z.boolean(), withdraw: z.boolean() }),
});
export type TPlanDetail = z.infer<typeof ZPlanDetail>;

/** One version as it was: its own content (frozen, or live while a draft) and its decisions. */
export const ZPlanVersion = ZPlanVersionSummary.extend({ content: ZPlanContent, money: ZMoneyView, decisions: z.array(ZDecision) });
export type TPlanVersion = z.infer<typeof ZPlanVersion>;

export const ZPlanCreate = z.strictObject({ year: z.number().int().min(2000).max(2100) });
export const ZPlanSettingsInput = z.strictObject({ approvingForumId: ZId, approvalRule: ZApprovalRule });
export const ZDecisionInput = z
  .strictObject({ decision: z.enum(['approve', 'comment']), comment: z.string().trim().max(4000).nullable().optional() })
  .refine((d) => d.decision === 'approve' || (d.comment ?? '').length >= 3, { path: ['comment'], message: 'problem.comment_required' });
export const ZVersionParams = z.strictObject({ id: ZId, version: z.coerce.number().int().min(1).max(10_000) });
export const ZDiffQuery = z.strictObject({ from: z.coerce.number().int().min(1).max(10_000), to: z.coerce.number().int().min(1).max(10_000) });

/** One e-mail the platform has sent or will send (the embedded default keeps them here). */
export const ZOutboxMessage = z.object({
  id: ZId,
  to: z.string(),
  subject: z.string(),
  body: z.string(),
  createdAt: ZTimestamp,
  sentAt: ZTimestamp.nullable(),
  error: z.string().nullable(),
});
export type TOutboxMessage = z.infer<typeof ZOutboxMessage>;

/**
 * A written section's HTML placed under the section's own heading (h2): the text's highest
 * heading becomes h3 and no heading skips a level, so `<h3>` alone stays h3 and `<h2>…<h3>`
 * becomes h3, h4. The sanitiser leaves headings without attributes, so the tags are exact,
 * and headings do not nest, so the n-th closing tag belongs to the n-th opening one.
 */
export function fitHeadings(html: string, sectionLevel = 2): string {
  const levels = [...html.matchAll(/<h([1-6])>/g)].map((m) => Number(m[1]));
  if (levels.length === 0) return html;
  const offset = sectionLevel + 1 - Math.min(...levels);
  let previous = sectionLevel;
  const fitted = levels.map((level) => (previous = Math.min(level + offset, previous + 1)));
  let opened = 0;
  let closed = 0;
  return html.replace(/<h[1-6]>/g, () => `<h${fitted[opened++]}>`).replace(/<\/h[1-6]>/g, () => `</h${fitted[closed++]}>`);
}
