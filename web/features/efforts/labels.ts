/**
 * Words and numbers of the efforts module: the names of codes (status, risk profile, evidence,
 * budget kinds, RAG), age bands and periods written the Danish way, and the list filters as
 * the URL keeps them.
 */
import type { TLocale } from '../../../contracts/common.ts';
import {
  AGE_MAX,
  AGE_MIN,
  EFFORT_STATUSES,
  type TBudgetKind,
  type TEffortStatus,
  type TEvidenceRating,
  type TRag,
  type TRiskProfile,
  type TTriangleLabels,
} from '../../../contracts/efforts.ts';
import { TRIANGLE_LEVELS, type TTriangleLevel } from '../../../contracts/organisation.ts';
import type { MessageKey, Params } from '../../i18n/i18n.tsx';
import { formatIsoDate } from '../../lib/format.ts';
import { isUuid } from '../../lib/ids.ts';

export type Translate = (key: MessageKey, params?: Params) => string;

/** The module's address; its pages live under it. */
export const EFFORTS_ROOT = '/indsatser';

/** Every query of the module starts with this key, so one invalidation refreshes them all. */
export const EFFORT_KEY = 'efforts';

export const STATUS_KEYS: Record<TEffortStatus, MessageKey> = {
  planned: 'effort.status.planned',
  active: 'effort.status.active',
  paused: 'effort.status.paused',
  ended: 'effort.status.ended',
};
export const RISK_KEYS: Record<TRiskProfile, MessageKey> = {
  all: 'effort.risk.all',
  early_concern: 'effort.risk.early_concern',
  first_offence: 'effort.risk.first_offence',
  repeat_offending: 'effort.risk.repeat_offending',
};
export const DERIVED_KEYS: Record<'parents' | 'siblings' | 'others', MessageKey> = {
  parents: 'effort.derived.parents',
  siblings: 'effort.derived.siblings',
  others: 'effort.derived.others',
};
export const EVIDENCE_KEYS: Record<TEvidenceRating, MessageKey> = {
  documented: 'effort.evidence.documented',
  promising: 'effort.evidence.promising',
  theory_based: 'effort.evidence.theory_based',
  unknown: 'effort.evidence.unknown',
};
export const BUDGET_KIND_KEYS: Record<TBudgetKind, MessageKey> = {
  salary: 'effort.budget.salary',
  activities: 'effort.budget.activities',
  pool: 'effort.budget.pool',
};
export const DIRECTION_KEYS: Record<'increase' | 'decrease', MessageKey> = {
  increase: 'effort.direction.increase',
  decrease: 'effort.direction.decrease',
};
export const RAG_KEYS: Record<TRag, MessageKey> = {
  green: 'effort.rag.green',
  amber: 'effort.rag.amber',
  red: 'effort.rag.red',
  none: 'effort.rag.none',
};
const DEFAULT_LEVEL_KEYS: Record<TTriangleLevel, MessageKey> = {
  general: 'org.triangle.general',
  targeted: 'org.triangle.targeted',
  individual: 'org.triangle.individual',
};

/** The triangle's standard level names, for when the municipality's own are not at hand. */
export function defaultTriangleLabels(t: Translate): TTriangleLabels {
  return { general: t(DEFAULT_LEVEL_KEYS.general), targeted: t(DEFAULT_LEVEL_KEYS.targeted), individual: t(DEFAULT_LEVEL_KEYS.individual) };
}

/** `6–25 år`, or `15 år` when the band is one age. */
export function formatAgeBand(min: number, max: number, t: Translate): string {
  return min === max ? t('effort.age.one', { age: min }) : t('effort.age.range', { min, max });
}

/** `1.1.2024–31.12.2026`, or `Fra 1.1.2024` for an effort without an end date. */
export function formatPeriod(start: string, end: string | null, t: Translate, locale: TLocale): string {
  const from = formatIsoDate(start, locale);
  return end ? t('effort.period.range', { from, to: formatIsoDate(end, locale) }) : t('effort.period.open', { from });
}

/** The statuses an effort can move to from `current`, in the contract's order. */
export function statusOptions(allowed: readonly TEffortStatus[]): TEffortStatus[] {
  return EFFORT_STATUSES.filter((s) => allowed.includes(s));
}

// --- filters kept in the URL -------------------------------------------------------------------

/** The list's filters. Empty strings mean "all"; `page` counts from 1. */
export interface EffortFilters {
  level: TTriangleLevel | '';
  status: TEffortStatus | '';
  unit: string;
  /** The target group's age, from–to: efforts whose age band reaches into it. */
  ageFrom: string;
  ageTo: string;
  district: string;
  text: string;
  /** The triangle and the economy look at one year; the list shows every year when empty. */
  year: string;
  page: number;
}

/** The URL's words: ?niveau=…&status=…&enhed=…&alder-fra=…&alder-til=…&bydel=…&q=…&aar=…&side=… */
const PARAMS: Record<Exclude<keyof EffortFilters, 'page'>, string> = {
  level: 'niveau',
  status: 'status',
  unit: 'enhed',
  ageFrom: 'alder-fra',
  ageTo: 'alder-til',
  district: 'bydel',
  text: 'q',
  year: 'aar',
};

export const isValidAge = (text: string) => /^\d{1,2}$/.test(text) && Number(text) >= AGE_MIN && Number(text) <= AGE_MAX;
export const isValidYear = (text: string) => /^\d{4}$/.test(text) && Number(text) >= 2000 && Number(text) <= 2100;

/** Reads the filters from the URL, dropping values the server would refuse (a hand-edited address). */
export function effortFiltersFrom(params: URLSearchParams): EffortFilters {
  const get = (key: keyof typeof PARAMS) => params.get(PARAMS[key])?.trim() ?? '';
  const level = get('level');
  const status = get('status');
  const unit = get('unit');
  const ageFrom = get('ageFrom');
  const ageTo = get('ageTo');
  // A range the wrong way round (a hand-edited address) is dropped whole.
  const ages = isValidAge(ageFrom) && isValidAge(ageTo) && Number(ageFrom) > Number(ageTo) ? ['', ''] : [ageFrom, ageTo].map((a) => (isValidAge(a) ? a : ''));
  const year = get('year');
  const page = Number(params.get('side') ?? '1');
  return {
    level: (TRIANGLE_LEVELS as readonly string[]).includes(level) ? (level as TTriangleLevel) : '',
    status: (EFFORT_STATUSES as readonly string[]).includes(status) ? (status as TEffortStatus) : '',
    unit: isUuid(unit) ? unit : '',
    ageFrom: ages[0],
    ageTo: ages[1],
    district: get('district').slice(0, 80),
    text: (params.get(PARAMS.text) ?? '').slice(0, 200),
    year: isValidYear(year) ? year : '',
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

/** Writes the filters into `params`, keeping anything else there (the chosen band). A change of filter goes back to page 1. */
export function withEffortFilters(params: URLSearchParams, filters: Partial<EffortFilters>): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [key, name] of Object.entries(PARAMS) as [keyof typeof PARAMS, string][]) {
    if (!(key in filters)) continue;
    const value = String(filters[key] ?? '');
    if (value) next.set(name, value);
    else next.delete(name);
  }
  const page = filters.page ?? 1;
  if (page > 1) next.set('side', String(page));
  else next.delete('side');
  return next;
}

/** The filters as the API's query (the text search only when it has words). */
export function filterQuery(filters: EffortFilters) {
  return {
    level: filters.level || undefined,
    status: filters.status || undefined,
    unit: filters.unit || undefined,
    ageFrom: filters.ageFrom ? Number(filters.ageFrom) : undefined,
    ageTo: filters.ageTo ? Number(filters.ageTo) : undefined,
    district: filters.district || undefined,
    text: filters.text.trim() || undefined,
    year: filters.year ? Number(filters.year) : undefined,
  };
}

/** The years a user may pick: from five years back to next year, and any year already in use. */
export function yearChoices(current: number, extra: readonly number[] = []): number[] {
  const years = new Set<number>(extra);
  for (let y = current - 5; y <= current + 1; y++) years.add(y);
  return [...years].sort((a, b) => b - a);
}

/** Which levels to draw and list, in the triangle's order from the tip down. */
export const LEVELS_TOP_DOWN: readonly TTriangleLevel[] = ['individual', 'targeted', 'general'];
