/**
 * Words and numbers of the organisation map: the names of codes (roles, levels, cadences),
 * working hours and årsværk (FTE) written the Danish way, and the load of a function.
 */
import type { TLocale } from '../../../contracts/common.ts';
import type { TForumLevel, TForumRole, TFunction, TLevelLabels, TOwnerScope, TTriangleLevel } from '../../../contracts/organisation.ts';
import type { MessageKey, Params } from '../../i18n/i18n.tsx';
import { formatDecimal, formatNumber } from '../../lib/format.ts';

export type Translate = (key: MessageKey, params?: Params) => string;

/** Every query of the module starts with this key, so one invalidation refreshes them all. */
export const ORG_KEY = 'org';

export const ROLE_KEYS: Record<TForumRole, MessageKey> = {
  chair: 'org.role.chair',
  secretary: 'org.role.secretary',
  member: 'org.role.member',
  observer: 'org.role.observer',
};
export const ROLE_ABBREVIATION_KEYS: Record<TForumRole, MessageKey> = {
  chair: 'org.role.chair.short',
  secretary: 'org.role.secretary.short',
  member: 'org.role.member.short',
  observer: 'org.role.observer.short',
};
export const LEVEL_KEYS: Record<TForumLevel, MessageKey> = {
  strategic: 'org.level.strategic',
  coordinating: 'org.level.coordinating',
  executing: 'org.level.executing',
};
export const CADENCE_KEYS: Record<string, MessageKey> = {
  weekly: 'org.cadence.weekly',
  biweekly: 'org.cadence.biweekly',
  monthly: 'org.cadence.monthly',
  quarterly: 'org.cadence.quarterly',
  half_yearly: 'org.cadence.half_yearly',
  yearly: 'org.cadence.yearly',
  as_needed: 'org.cadence.as_needed',
};
export const KIND_KEYS: Record<string, MessageKey> = { centre: 'org.kind.centre', unit: 'org.kind.unit', external: 'org.kind.external' };
export const TRIANGLE_KEYS: Record<TTriangleLevel, MessageKey> = {
  general: 'org.triangle.general',
  targeted: 'org.triangle.targeted',
  individual: 'org.triangle.individual',
};
export const FUNDING_KEYS: Record<string, MessageKey> = { salary: 'org.funding.salary', pool: 'org.funding.pool' };
export const SCOPE_KEYS: Record<TOwnerScope, MessageKey> = { municipality: 'org.owner.municipality', police_district: 'org.owner.police_district' };

/** The level names in the user's language, for when the municipality's own are not at hand. */
export function defaultLevelLabels(t: Translate): TLevelLabels {
  return { strategic: t('org.level.strategic'), coordinating: t('org.level.coordinating'), executing: t('org.level.executing') };
}

/** `27–37 t./uge`, `37 t./uge`, or an empty string when the hours are not known. */
export function formatHours(fn: Pick<TFunction, 'hoursMin' | 'hoursMax'>, t: Translate, locale: TLocale): string {
  const { hoursMin: min, hoursMax: max } = fn;
  if (min == null && max == null) return '';
  const n = (v: number) => formatNumber(v, locale, 1);
  if (min != null && max != null && min !== max) return t('org.hours.range', { min: n(min), max: n(max) });
  return t('org.hours.fixed', { hours: n((min ?? max) as number) });
}

/** Årsværk with a decimal comma (`1,0`), or an empty string when not given. */
export function formatFte(fte: number | null, locale: TLocale): string {
  return fte == null ? '' : formatDecimal(fte, locale, 1, 2);
}

/** From this many forums on, a function's load is marked as heavy in the matrix and the tree. */
export const HEAVY_LOAD = 5;
export const isHeavyLoad = (forumCount: number) => forumCount >= HEAVY_LOAD;

/** A forum's history names the fields that changed by their column names; these are their words. */
const HISTORY_FIELD_KEYS: Record<string, MessageKey> = {
  name: 'org.forum.name',
  short_name: 'org.forum.short_name',
  level: 'org.forum.level',
  purpose: 'org.forum.purpose',
  mandate: 'org.forum.mandate',
  legal_basis: 'org.forum.legal_basis',
  cadence: 'org.forum.cadence',
  reports_to_id: 'org.forum.reports_to',
};
const ROLE_CODES = Object.keys(ROLE_KEYS).join('|');

/**
 * The server writes a history entry's summary with codes ("short_name, cadence",
 * "Lokalbetjent (member)", "Lokalbetjent: member → chair"); this puts them in words.
 */
export function historySummary(entry: { what: string; entity: string; summary: string }, t: Translate): string {
  const role = (code: string) => t(ROLE_KEYS[code as TForumRole]);
  if (entry.entity === 'forum' && entry.what === 'changed') {
    return entry.summary
      .split(',')
      .map((field) => field.trim())
      .filter(Boolean)
      .map((field) => (HISTORY_FIELD_KEYS[field] ? t(HISTORY_FIELD_KEYS[field]) : field))
      .join(', ');
  }
  if (entry.entity === 'member') {
    const changed = new RegExp(`^(.*): (${ROLE_CODES}) → (${ROLE_CODES})$`).exec(entry.summary);
    if (changed) return t('org.history.role_changed', { function: changed[1], from: role(changed[2]).toLocaleLowerCase(), to: role(changed[3]).toLocaleLowerCase() });
    const added = new RegExp(`^(.*) \\((${ROLE_CODES})\\)$`).exec(entry.summary);
    if (added) return t('org.history.member_with_role', { function: added[1], role: role(added[2]).toLocaleLowerCase() });
  }
  return entry.summary;
}
