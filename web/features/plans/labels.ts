/**
 * Words and addresses of the action plan module: statuses, the plan's parts in order, the
 * names of an effort's fields in a difference, and the versions compared as the URL keeps them.
 */
import type { TLocale } from '../../../contracts/common.ts';
import type { TApprovalRule, TPlanDiff, TPlanStatus, TWrittenSection } from '../../../contracts/plans.ts';
import type { MessageKey, Params } from '../../i18n/i18n.tsx';

export type Translate = (key: MessageKey, params?: Params) => string;

/** The module's address; its pages live under it. */
export const PLANS_ROOT = '/handlingsplan';
export const planPath = (planId: string) => `${PLANS_ROOT}/${planId}`;
export const versionsPath = (planId: string) => `${planPath(planId)}/versioner`;
export const versionPath = (planId: string, version: number) => `${versionsPath(planId)}/${version}`;
export const sectionsPath = (planId: string) => `${planPath(planId)}/afsnit`;

/** Every query of the module starts with this key, so one invalidation refreshes them all. */
export const PLAN_KEY = 'plans';

export const PLAN_STATUS_KEYS: Record<TPlanStatus, MessageKey> = {
  draft: 'plan.status.draft',
  submitted: 'plan.status.submitted',
  approved: 'plan.status.approved',
  published: 'plan.status.published',
};

export const RULE_KEYS: Record<TApprovalRule, MessageKey> = {
  all: 'plan.rule.all',
  majority: 'plan.rule.majority',
};

export const SECTION_KEYS: Record<TWrittenSection, MessageKey> = {
  basis: 'plan.section.basis',
  purpose: 'plan.section.purpose',
  targetGroup: 'plan.section.targetGroup',
  strategy: 'plan.section.strategy',
  goals: 'plan.section.goals',
};

/** The plan's parts in the order it shows them: the written sections and the two generated ones. */
export const PLAN_PARTS = ['basis', 'purpose', 'targetGroup', 'organisation', 'strategy', 'goals', 'efforts'] as const;
export type TPlanPart = (typeof PLAN_PARTS)[number];
export const PART_KEYS: Record<TPlanPart, MessageKey> = { ...SECTION_KEYS, organisation: 'plan.section.organisation', efforts: 'plan.section.efforts' };
/** Anchors of the parts (Danish, ASCII only, as the public page has them). */
export const PART_ANCHORS: Record<TPlanPart, string> = {
  basis: 'grundlag',
  purpose: 'formaal',
  targetGroup: 'maalgruppe',
  organisation: 'organisering',
  strategy: 'strategi',
  goals: 'maal',
  efforts: 'indsatser',
};

/** An effort's fields as a difference names them (plans.content.ts), in words. */
const EFFORT_FIELD_KEYS: Record<string, MessageKey> = {
  title: 'plan.field.title',
  description: 'plan.field.description',
  status: 'plan.field.status',
  owner: 'plan.field.owner',
  responsibleFunction: 'plan.field.responsibleFunction',
  ageMin: 'plan.field.ageMin',
  ageMax: 'plan.field.ageMax',
  riskProfile: 'plan.field.riskProfile',
  periodStart: 'plan.field.periodStart',
  periodEnd: 'plan.field.periodEnd',
  goals: 'plan.field.goals',
  budget: 'plan.field.budget',
  level: 'plan.field.level',
};

/** `ansvarlig enhed, budget og niveau`: the changed fields as a Danish list; a field without a word yet shows its code. */
export function changedFields(fields: readonly string[], t: Translate, locale: TLocale): string {
  const words = fields.map((f) => (EFFORT_FIELD_KEYS[f] ? t(EFFORT_FIELD_KEYS[f]) : f));
  return new Intl.ListFormat(locale === 'da' ? 'da' : 'en', { type: 'conjunction' }).format(words);
}

export function isEmptyDiff(diff: TPlanDiff): boolean {
  const { added, removed, changed } = diff.efforts;
  return diff.sections.length === 0 && !diff.organisationChanged && added.length + removed.length + changed.length === 0;
}

/** Words kept on each side of a change when an unchanged stretch is shortened. */
const CONTEXT_WORDS = 12;

/**
 * An unchanged stretch of a text change, shortened to the words next to the changes: the last
 * words before a change (`before`), the first after one (`after`), both in the middle.
 */
export function shortenContext(text: string, after: boolean, before: boolean): string {
  // Words and the spaces between them alternate; keep whole words and the spacing next to the changes.
  const words = text.split(/(\s+)/);
  const keep = 2 * CONTEXT_WORDS;
  if (words.length <= 2 * keep + 1) return text;
  const head = after ? [words.slice(0, keep).join('').trimEnd()] : [];
  const tail = before ? [words.slice(-keep).join('').trimStart()] : [];
  return [...head, '…', ...tail].join(' ');
}

/**
 * A link's address as the plan keeps it (http, https or mailto, as the server's sanitiser
 * allows), from what a person types: `www.ishoj.dk` becomes `https://www.ishoj.dk`, an e-mail
 * address a mailto link. Null when it cannot be a link.
 */
export function linkHref(text: string): string | null {
  const value = text.trim();
  if (!value || /\s/.test(value)) return null;
  if (/^https?:\/\/[^/]+\.[^/]+/i.test(value)) return value;
  if (/^mailto:[^@]+@[^@]+\.[a-z]{2,}$/i.test(value)) return value;
  if (/^[^@/:]+@[^@/:]+\.[a-z]{2,}$/i.test(value)) return `mailto:${value}`;
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}(\/\S*)?$/i.test(value)) return `https://${value}`;
  return null;
}

/** Is there anything in a section (not only empty paragraphs)? */
export function hasText(html: string): boolean {
  return html.replace(/<[^>]*>/g, '').trim() !== '';
}

/**
 * The two versions to compare, from the URL (?fra=1&til=2); by default the newest and the
 * one before it. Null when the plan has only one version or the URL names one it does not have.
 */
export function comparedVersions(params: URLSearchParams, versions: readonly number[]): { from: number; to: number } | null {
  if (versions.length < 2) return null;
  const sorted = [...versions].sort((a, b) => a - b);
  const pick = (name: string, fallback: number) => {
    const value = Number(params.get(name));
    return sorted.includes(value) ? value : fallback;
  };
  return { from: pick('fra', sorted[sorted.length - 2]), to: pick('til', sorted[sorted.length - 1]) };
}
