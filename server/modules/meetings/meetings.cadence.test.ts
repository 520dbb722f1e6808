import { describe, expect, it } from 'vitest';
import { cadenceOf } from './meetings.cadence.ts';

describe('a forum’s cadence rule', () => {
  it('asks a quarterly forum (the kredsråd) for four meetings a year and flags three', () => {
    expect(cadenceOf('quarterly', 2026, 3)).toMatchObject({ requiredPerYear: 4, belowRule: true });
    expect(cadenceOf('quarterly', 2026, 4).belowRule).toBe(false);
    expect(cadenceOf('quarterly', 2026, 5).belowRule).toBe(false);
  });

  it('proposes the middle of each quarter, moved off the weekend', () => {
    // 2026: 15 Feb is a Sunday (→ Monday 16), 17 May a Sunday (→ 18), 16 Aug a Sunday (→ 17), 16 Nov a Monday.
    expect(cadenceOf('quarterly', 2026, 0).proposedDates).toEqual(['2026-02-16', '2026-05-18', '2026-08-17', '2026-11-16']);
    const weekly = cadenceOf('weekly', 2028, 0).proposedDates;
    expect(weekly).toHaveLength(52);
    expect(weekly.every((d) => d.startsWith('2028-') && ![0, 6].includes(new Date(d).getUTCDay()))).toBe(true);
    expect(new Set(weekly).size).toBe(52);
  });

  it('asks nothing of a forum that meets as needed or has no rule', () => {
    expect(cadenceOf('as_needed', 2026, 0)).toEqual({ requiredPerYear: null, belowRule: false, proposedDates: [] });
    expect(cadenceOf(null, 2026, 0)).toEqual({ requiredPerYear: null, belowRule: false, proposedDates: [] });
  });
});
