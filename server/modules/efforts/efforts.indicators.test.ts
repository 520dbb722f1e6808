import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AMBER_TOLERANCE, achievedShare, elapsedShare, ragStatus } from './efforts.indicators.ts';
import { functionFte } from './efforts.service.ts';

const year = { periodStart: '2026-01-01', periodEnd: '2026-12-31' };
const rising = { ...year, baseline: 0, target: 100, direction: 'increase' as const };
const falling = { ...year, baseline: 30, target: 14, direction: 'decrease' as const };

describe('green / amber / red against target', () => {
  it('is none before the first measurement', () => {
    expect(ragStatus(rising, null)).toBe('none');
  });

  it('judges the latest value against a steady course from baseline to target', () => {
    // 2 July is half way through 2026.
    expect(ragStatus(rising, { value: 50, measuredOn: '2026-07-02' })).toBe('green');
    expect(ragStatus(rising, { value: 30, measuredOn: '2026-07-02' })).toBe('amber');
    expect(ragStatus(rising, { value: 20, measuredOn: '2026-07-02' })).toBe('red');
    expect(ragStatus(rising, { value: 100, measuredOn: '2026-01-10' })).toBe('green');
    expect(ragStatus(rising, { value: 80, measuredOn: '2027-03-01' })).toBe('amber');
    expect(ragStatus(rising, { value: 70, measuredOn: '2027-03-01' })).toBe('red');
  });

  it('reads a falling indicator the right way round', () => {
    expect(ragStatus(falling, { value: 21, measuredOn: '2026-07-02' })).toBe('green');
    expect(ragStatus(falling, { value: 35, measuredOn: '2026-07-02' })).toBe('red');
    expect(achievedShare(falling, 14)).toBe(1);
  });

  it('never turns worse when the value moves towards the target (property)', () => {
    const order = { red: 0, amber: 1, green: 2 } as const;
    fc.assert(
      fc.property(fc.integer({ min: -50, max: 150 }), fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 364 }), (value, better, day) => {
        const on = new Date(Date.UTC(2026, 0, 1 + day)).toISOString().slice(0, 10);
        const a = ragStatus(rising, { value, measuredOn: on }) as keyof typeof order;
        const b = ragStatus(rising, { value: value + better, measuredOn: on }) as keyof typeof order;
        return order[b] >= order[a];
      }),
    );
  });

  it('is amber exactly within the tolerance behind the course (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (elapsed, behind) => {
        const day = Math.round(elapsed * 364);
        const on = new Date(Date.UTC(2026, 0, 1 + day)).toISOString().slice(0, 10);
        const expected = elapsedShare(rising, on);
        const value = (expected - behind) * 100;
        const rag = ragStatus(rising, { value, measuredOn: on });
        const achieved = achievedShare(rising, value);
        if (achieved >= expected || achieved >= 1) return rag === 'green';
        return rag === (achieved >= expected - AMBER_TOLERANCE ? 'amber' : 'red');
      }),
    );
  });
});

describe('FTE of a function', () => {
  it('uses the recorded FTE, else the middle of the weekly hours, else one per head', () => {
    expect(functionFte({ headcount: 2, fte: '1.5', hours_min: '37', hours_max: '37' })).toBe(1.5);
    expect(functionFte({ headcount: 4, fte: null, hours_min: '27', hours_max: '37' })).toBeCloseTo((4 * 32) / 37, 10);
    expect(functionFte({ headcount: 7, fte: null, hours_min: null, hours_max: null })).toBe(7);
  });
});
