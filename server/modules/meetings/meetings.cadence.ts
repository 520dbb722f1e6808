import type { TCadence } from '../../../contracts/organisation.ts';

/** Meetings a year each cadence asks for; "as needed" asks for none. */
const PER_YEAR: Record<TCadence, number | null> = { weekly: 52, biweekly: 26, monthly: 12, quarterly: 4, half_yearly: 2, yearly: 1, as_needed: null };

const DAY_MS = 86_400_000;

/** The weekday nearest a day: a Saturday moves back to Friday, a Sunday on to Monday. */
function weekday(day: Date): Date {
  const dow = day.getUTCDay();
  return dow === 6 ? new Date(day.getTime() - DAY_MS) : dow === 0 ? new Date(day.getTime() + DAY_MS) : day;
}

/**
 * A forum's rule against its meetings in a year (e.g. the kredsråd at least quarterly, bek.
 * 1426/2006): how many the rule asks for, whether the forum has fewer (held or planned), and
 * the dates the rule proposes: the middle of each equal part of the year, on a weekday.
 */
export function cadenceOf(cadence: TCadence | null, year: number, meetingsInYear: number) {
  const requiredPerYear = cadence ? PER_YEAR[cadence] : null;
  const start = Date.UTC(year, 0, 1);
  const days = (Date.UTC(year + 1, 0, 1) - start) / DAY_MS;
  const proposedDates = Array.from({ length: requiredPerYear ?? 0 }, (_, i) =>
    weekday(new Date(start + Math.floor(((i + 0.5) * days) / requiredPerYear!) * DAY_MS))
      .toISOString()
      .slice(0, 10),
  );
  return { requiredPerYear, belowRule: requiredPerYear !== null && meetingsInYear < requiredPerYear, proposedDates };
}
