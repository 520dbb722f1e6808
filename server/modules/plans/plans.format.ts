import type { TEffortStatus, TRiskProfile } from '../../../contracts/efforts.ts';
import type { TForumRole } from '../../../contracts/organisation.ts';
import type { TMoneyView, TWrittenSection } from '../../../contracts/plans.ts';

/**
 * The plan's Danish words and formats, one set for every place that prints a plan: the DOCX,
 * the PDF and the public page. They need no ICU data, so they read the same on any Node build.
 */

/** What a printed plan says about its version besides the content. Timestamps are ISO. */
export interface PlanMeta {
  version: number;
  approvedAt: string | null;
  publishedAt: string | null;
  approvingForum: string | null;
  /** Which amounts the content holds for this reader (budgets withheld from it are null). */
  money: TMoneyView;
}

export const SECTION_TITLES: Record<TWrittenSection, string> = {
  basis: 'Grundlag',
  purpose: 'Formål',
  targetGroup: 'Målgruppe',
  strategy: 'Strategi',
  goals: 'Mål',
};
export const ORGANISATION_TITLE = 'Organisering';
export const EFFORTS_TITLE = 'Indsatser';

export const ROLE_WORDS: Record<TForumRole, string> = { chair: 'formand', secretary: 'sekretær', member: 'medlem', observer: 'observatør' };
export const RISK_WORDS: Record<TRiskProfile, string> = {
  all: 'alle',
  early_concern: 'tidlig bekymring',
  first_offence: 'førstegangskriminalitet',
  repeat_offending: 'gentagen kriminalitet',
};
export const STATUS_WORDS: Record<TEffortStatus, string> = { planned: 'planlagt', active: 'aktiv', paused: 'sat i bero', ended: 'afsluttet' };
export const DEMO_NOTE = 'Beløb markeret (demo) er illustrative og ikke kommunens tal';
/** Why a printed plan holds no amount, or not every amount (see `TMoneyView`). */
export const MONEY_NOTES: Record<Exclude<TMoneyView, 'all'>, string> = {
  published: 'Beløb, der ikke er vist, er endnu ikke offentliggjort.',
  none: 'Indsatsernes budgetter vises kun for dem, der har adgang til økonomien, og i den offentliggjorte plan.',
};

/** A number with thousands point and decimal comma: `1.234.567`, `12,5`. No ICU needed. */
export function formatNumber(value: number, minFractionDigits = 0, maxFractionDigits = 2): string {
  const [whole, fraction = ''] = Math.abs(value).toFixed(maxFractionDigits).split('.');
  let decimals = fraction;
  while (decimals.length > minFractionDigits && decimals.endsWith('0')) decimals = decimals.slice(0, -1);
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const sign = value < 0 && Number(whole + decimals) !== 0 ? '-' : '';
  return `${sign}${grouped}${decimals ? `,${decimals}` : ''}`;
}

/** `1.234.567 kr.`, with øre only when there are any: `12.500,50 kr.`. */
export function formatDkk(amount: number): string {
  const hasOre = Math.round(Math.abs(amount) * 100) % 100 !== 0;
  return `${formatNumber(amount, hasOre ? 2 : 0, hasOre ? 2 : 0)} kr.`;
}

/** `27.3.2023`: a calendar date (`2023-03-27`) as it is, a timestamp as the day in Denmark. */
export function formatDate(value: string): string {
  const calendar = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (calendar) return `${Number(calendar[3])}.${Number(calendar[2])}.${calendar[1]}`;
  const parts = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'numeric', year: 'numeric', timeZone: 'Europe/Copenhagen' }).formatToParts(new Date(value));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${Number(part('day'))}.${Number(part('month'))}.${part('year')}`;
}

export function formatPeriod(start: string, end: string | null): string {
  return end ? `${formatDate(start)}–${formatDate(end)}` : `fra ${formatDate(start)}`;
}

export function formatAgeBand(min: number, max: number): string {
  return min === max ? `${min} år` : `${min}–${max} år`;
}

export function municipalityDisplayName(name: string): string {
  return /kommune$/i.test(name.trim()) ? name.trim() : `${name.trim()} Kommune`;
}

export function planDocumentTitle(year: number): string {
  return `Lokal handlingsplan for tryghed og kriminalitetsforebyggelse ${year}`;
}

/** The first letter in upper case, as a word opening a table cell or a line. */
export function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase('da') + text.slice(1);
}
