import type { TRag } from '../../../contracts/efforts.ts';

/** What the traffic light needs to know of an indicator. */
export interface IndicatorTarget {
  baseline: number;
  target: number;
  direction: 'increase' | 'decrease';
  periodStart: string;
  periodEnd: string;
}

const DAY = 86_400_000;
const dayNumber = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`) / DAY;

/** How far through its period the indicator is on a day: 0 before the start, 1 from the end on. */
export function elapsedShare(indicator: Pick<IndicatorTarget, 'periodStart' | 'periodEnd'>, onDay: string): number {
  const start = dayNumber(indicator.periodStart);
  const end = dayNumber(indicator.periodEnd);
  if (end <= start) return dayNumber(onDay) >= end ? 1 : 0;
  return Math.min(1, Math.max(0, (dayNumber(onDay) - start) / (end - start)));
}

/** The share of the way from baseline to target that a value has come (may be below 0 or above 1). */
export function achievedShare(indicator: Pick<IndicatorTarget, 'baseline' | 'target' | 'direction'>, value: number): number {
  const distance = indicator.target - indicator.baseline;
  if (distance === 0) return (indicator.direction === 'increase' ? value >= indicator.target : value <= indicator.target) ? 1 : 0;
  return (value - indicator.baseline) / distance;
}

/** Behind the expected course by up to this share of the way: amber rather than red. */
export const AMBER_TOLERANCE = 0.25;

/**
 * Green / amber / red against target, judged against the course a steady progress from
 * baseline (at the period's start) to target (at its end) would have reached on the day of the
 * latest measurement: on or ahead of course (or the target reached) is green, behind by at most
 * a quarter of the way is amber, further behind is red. No measurement yet: none.
 */
export function ragStatus(indicator: IndicatorTarget, latest: { value: number; measuredOn: string } | null): TRag {
  if (!latest) return 'none';
  const achieved = achievedShare(indicator, latest.value);
  if (achieved >= 1) return 'green';
  const expected = elapsedShare(indicator, latest.measuredOn);
  if (achieved >= expected) return 'green';
  if (achieved >= expected - AMBER_TOLERANCE) return 'amber';
  return 'red';
}
