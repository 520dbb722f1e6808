import { describe, expect, it } from 'vitest';
import { capitalise, formatAgeBand, formatDate, formatDkk, formatNumber, formatPeriod } from './danish-format.ts';

describe('Danish formats', () => {
  it('writes amounts with thousands point and decimal comma', () => {
    expect(formatDkk(1_234_567)).toBe('1.234.567 kr.');
    expect(formatDkk(999)).toBe('999 kr.');
    expect(formatDkk(12_500.5)).toBe('12.500,50 kr.');
    expect(formatDkk(0)).toBe('0 kr.');
    expect(formatDkk(-1500)).toBe('-1.500 kr.');
    expect(formatNumber(72.5)).toBe('72,5');
    expect(formatNumber(1_000_000.25)).toBe('1.000.000,25');
    expect(formatNumber(0.25)).toBe('0,25');
    expect(formatNumber(-3.1)).toBe('-3,1');
  });

  it('writes dates as d.m.yyyy, timestamps as the day in Denmark', () => {
    expect(formatDate('2026-03-07')).toBe('7.3.2026');
    expect(formatDate('2026-03-01T23:30:00.000Z')).toBe('2.3.2026');
    expect(formatDate('2026-07-31T21:59:00.000Z')).toBe('31.7.2026');
    expect(formatPeriod('2026-01-01', '2026-12-31')).toBe('1.1.2026–31.12.2026');
    expect(formatPeriod('2026-02-01', null)).toBe('fra 1.2.2026');
  });
});

describe('Danish words', () => {
  it('writes age bands and capitalises a word for a table cell', () => {
    expect(formatAgeBand(12, 17)).toBe('12–17 år');
    expect(formatAgeBand(18, 18)).toBe('18 år');
    expect(capitalise('sat i bero')).toBe('Sat i bero');
    expect(capitalise('ældre')).toBe('Ældre');
  });
});
