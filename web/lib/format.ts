/**
 * Dates, times and numbers the way Danish public-sector screens write them: 1.12.2026,
 * kl. 14.30, 12.500,5 and 12.500 kr. Times are shown in Danish time, wherever the browser is.
 */
import type { TLocale } from '../../contracts/common.ts';

export const TIME_ZONE = 'Europe/Copenhagen';

const intlLocale = (locale: TLocale) => (locale === 'da' ? 'da-DK' : 'en-GB');

function toDate(value: Date | string): Date {
  return typeof value === 'string' ? new Date(value) : value;
}

/** `1.12.2026` (Danish) or `1/12/2026` (English). */
export function formatDate(value: Date | string, locale: TLocale = 'da'): string {
  const date = toDate(value);
  const parts = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'numeric', year: 'numeric', timeZone: TIME_ZONE }).formatToParts(date);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const separator = locale === 'da' ? '.' : '/';
  return [Number(part('day')), Number(part('month')), part('year')].join(separator);
}

/** `kl. 14.30` (Danish) or `14:30` (English). */
export function formatTime(value: Date | string, locale: TLocale = 'da'): string {
  const date = toDate(value);
  const parts = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: TIME_ZONE }).formatToParts(date);
  const hour = parts.find((p) => p.type === 'hour')?.value ?? '';
  const minute = parts.find((p) => p.type === 'minute')?.value ?? '';
  return locale === 'da' ? `kl. ${hour}.${minute}` : `${hour}:${minute}`;
}

/** `1.12.2026 kl. 14.30` (Danish) or `1/12/2026 14:30` (English). */
export function formatDateTime(value: Date | string, locale: TLocale = 'da'): string {
  return `${formatDate(value, locale)} ${formatTime(value, locale)}`;
}

/** Decimal comma and thousands point in Danish: `12.500,5`. */
export function formatNumber(value: number, locale: TLocale = 'da', maximumFractionDigits = 2): string {
  return new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits }).format(value);
}

/** `12.500 kr.`, with øre only when there are any: `12.500,50 kr.`. */
export function formatDkk(amount: number, locale: TLocale = 'da'): string {
  const hasOre = Math.round(amount * 100) % 100 !== 0;
  const number = new Intl.NumberFormat(intlLocale(locale), { minimumFractionDigits: hasOre ? 2 : 0, maximumFractionDigits: 2 }).format(amount);
  return locale === 'da' ? `${number} kr.` : `DKK ${number}`;
}

/** A `yyyy-mm-dd` date string for date inputs and the API, in Danish time. */
export function isoDate(value: Date): string {
  const parts = new Intl.DateTimeFormat('en-GB', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: TIME_ZONE }).formatToParts(value);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}
