/**
 * Danish numbers, amounts, dates and words for what the server prints (documents, public
 * pages). They need no ICU data, so they read the same on any Node build.
 */

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

/** The first letter in upper case, as a word opening a table cell or a line. */
export function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase('da') + text.slice(1);
}
