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

/** A share (0–1) as a percentage: `34,5 %` in Danish (with a space, as Danish writes it), `34.5%` in English. */
export function formatPercent(share: number, locale: TLocale = 'da', maximumFractionDigits = 1): string {
  const number = new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits }).format(share * 100);
  return locale === 'da' ? `${number} %` : `${number}%`;
}

/** A `yyyy-mm-dd` date string for date inputs and the API, in Danish time. */
export function isoDate(value: Date): string {
  const parts = new Intl.DateTimeFormat('en-GB', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: TIME_ZONE }).formatToParts(value);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** A number with a fixed range of decimals, e.g. årsværk: `1,0`, `0,75` (decimal comma in Danish). */
export function formatDecimal(value: number, locale: TLocale = 'da', minimumFractionDigits = 1, maximumFractionDigits = 2): string {
  return new Intl.NumberFormat(intlLocale(locale), { minimumFractionDigits, maximumFractionDigits }).format(value);
}

/**
 * Reads a number typed by a person: `0,5` and `0.5` alike, `1.000,5` with a thousands point.
 * Returns null for anything that is not a number.
 */
export function parseDecimal(text: string): number | null {
  let value = text.trim().replace(/\s/g, '');
  if (!value) return null;
  if (value.includes(',')) value = value.replace(/\./g, '').replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(value)) return null;
  return Number(value);
}

/**
 * Reads an amount or a count as Danes type it, where a point groups thousands: `250.000` is
 * 250000 and `1.234,5` is 1234.5. A point before one or two digits (`0.5`, `12.50`) is still
 * read as a decimal point, as parseDecimal does. Returns null for anything that is not a number.
 */
export function parseGroupedNumber(text: string): number | null {
  const value = text.trim().replace(/\s/g, '');
  if (/^-?\d{1,3}(\.\d{3})+$/.test(value)) return Number(value.replace(/\./g, ''));
  return parseDecimal(value);
}

/** `2023-03-27` (a calendar date, no time zone involved) as `27.3.2023` or `27/3/2023`. */
export function formatIsoDate(iso: string, locale: TLocale = 'da'): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  return [Number(match[3]), Number(match[2]), match[1]].join(locale === 'da' ? '.' : '/');
}

/**
 * Reads a date as people type it: `27.3.2023`, `27-03-2023`, `27/3/2023` or `2023-03-27`.
 * Returns `yyyy-mm-dd`, or null when it is not a real date.
 */
export function parseDateInput(text: string): string | null {
  const value = text.trim();
  let day: number, month: number, year: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  const danish = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(value);
  if (iso) [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (danish) [day, month, year] = [Number(danish[1]), Number(danish[2]), Number(danish[3])];
  else return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
