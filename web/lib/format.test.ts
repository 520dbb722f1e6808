import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatDecimal, formatDkk, formatIsoDate, formatNumber, formatTime, isoDate, parseDateInput, parseDecimal } from './format.ts';

describe('Danish formats', () => {
  // 13.30 UTC on 1 December is 14.30 in Copenhagen (winter time).
  const winter = '2026-12-01T13:30:00Z';
  // 12.05 UTC on 3 July is 14.05 in Copenhagen (summer time).
  const summer = '2026-07-03T12:05:00Z';

  it('writes dates as d.m.yyyy without leading zeros', () => {
    expect(formatDate(winter)).toBe('1.12.2026');
    expect(formatDate(summer)).toBe('3.7.2026');
    expect(formatDate(summer, 'en')).toBe('3/7/2026');
  });

  it('writes times as kl. 14.30 in Danish time', () => {
    expect(formatTime(winter)).toBe('kl. 14.30');
    expect(formatTime(summer)).toBe('kl. 14.05');
    expect(formatTime(winter, 'en')).toBe('14:30');
    expect(formatDateTime(winter)).toBe('1.12.2026 kl. 14.30');
  });

  it('uses the Danish day, not the UTC day, near midnight', () => {
    expect(formatDate('2026-12-31T23:30:00Z')).toBe('1.1.2027');
    expect(isoDate(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
  });

  it('writes numbers with decimal comma and thousands point', () => {
    expect(formatNumber(12500.5)).toBe('12.500,5');
    expect(formatNumber(0.25)).toBe('0,25');
    expect(formatNumber(1234567)).toBe('1.234.567');
  });

  it('writes amounts as 12.500 kr.', () => {
    expect(formatDkk(12500)).toBe('12.500 kr.');
    expect(formatDkk(12500.5)).toBe('12.500,50 kr.');
  });
});

describe('reading and writing dates and decimals typed by people', () => {
  it('reads d.m.yyyy and its variants, and rejects dates that do not exist', () => {
    expect(parseDateInput('27.3.2023')).toBe('2023-03-27');
    expect(parseDateInput(' 1-12-2026 ')).toBe('2026-12-01');
    expect(parseDateInput('01/02/2024')).toBe('2024-02-01');
    expect(parseDateInput('2023-03-27')).toBe('2023-03-27');
    expect(parseDateInput('29.2.2023')).toBeNull();
    expect(parseDateInput('32.1.2023')).toBeNull();
    expect(parseDateInput('27.3.23')).toBeNull();
    expect(parseDateInput('i går')).toBeNull();
  });

  it('writes a calendar date without moving it across time zones', () => {
    expect(formatIsoDate('2023-03-27')).toBe('27.3.2023');
    expect(formatIsoDate('2023-03-27', 'en')).toBe('27/3/2023');
  });

  it('reads decimals with a comma or a point, and writes them with a comma', () => {
    expect(parseDecimal('0,5')).toBe(0.5);
    expect(parseDecimal('0.5')).toBe(0.5);
    expect(parseDecimal('1.000,5')).toBe(1000.5);
    expect(parseDecimal('')).toBeNull();
    expect(parseDecimal('en halv')).toBeNull();
    expect(formatDecimal(1)).toBe('1,0');
    expect(formatDecimal(0.75)).toBe('0,75');
    expect(formatDecimal(2.5, 'en')).toBe('2.5');
  });
});
