import { MEETINGS_PER_YEAR, type TCadence } from '../../../contracts/organisation.ts';

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
  // "As needed" asks for no number of meetings.
  const requiredPerYear = cadence && MEETINGS_PER_YEAR[cadence] > 0 ? MEETINGS_PER_YEAR[cadence] : null;
  const start = Date.UTC(year, 0, 1);
  const days = (Date.UTC(year + 1, 0, 1) - start) / DAY_MS;
  const proposedDates = Array.from({ length: requiredPerYear ?? 0 }, (_, i) =>
    weekday(new Date(start + Math.floor(((i + 0.5) * days) / requiredPerYear!) * DAY_MS))
      .toISOString()
      .slice(0, 10),
  );
  return { requiredPerYear, belowRule: requiredPerYear !== null && meetingsInYear < requiredPerYear, proposedDates };
}
