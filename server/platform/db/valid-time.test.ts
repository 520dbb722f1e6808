import { describe, expect, it } from 'vitest';
import { asOfInstant, nextVersionStart } from './valid-time.ts';

describe('asOfInstant', () => {
  it('reads a date as the end of that day in Denmark, summer time included', () => {
    expect(asOfInstant('2025-12-31')?.toISOString()).toBe('2025-12-31T22:59:59.999Z');
    expect(asOfInstant('2025-06-30')?.toISOString()).toBe('2025-06-30T21:59:59.999Z');
  });

  it('reads a date and time as that instant, and nothing as now', () => {
    expect(asOfInstant('2025-06-30T08:15:00+02:00')?.toISOString()).toBe('2025-06-30T06:15:00.000Z');
    expect(asOfInstant(undefined)).toBeNull();
  });
});

describe('nextVersionStart', () => {
  it('starts a version at the given instant, but never before the one it replaces began', () => {
    const began = new Date('2026-01-01T00:00:00Z');
    expect(nextVersionStart({ valid_from: began }, new Date('2026-02-01T00:00:00Z')).toISOString()).toBe('2026-02-01T00:00:00.000Z');
    expect(nextVersionStart({ valid_from: began }, new Date('2025-01-01T00:00:00Z')).toISOString()).toBe('2026-01-01T00:00:00.001Z');
  });
});
