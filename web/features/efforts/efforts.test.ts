import { describe, expect, it } from 'vitest';
import { STATUS_TRANSITIONS } from '../../../contracts/efforts.ts';
import { translate, type MessageKey, type Params } from '../../i18n/i18n.tsx';
import { formatPercent, parseGroupedNumber } from '../../lib/format.ts';
import { layoutBars } from './bars.ts';
import { effortFiltersFrom, filterQuery, formatAgeBand, formatPeriod, statusOptions, withEffortFilters, yearChoices } from './labels.ts';
import { TEXT_X, layoutTriangle } from './triangle.ts';

const t = (key: MessageKey, params?: Params) => translate('da', key, params);
const UNIT = '00000000-0000-4000-8000-000000000001';

describe('the list filters in the URL', () => {
  it('reads Danish parameter names and drops values the server would refuse', () => {
    const filters = effortFiltersFrom(new URLSearchParams(`niveau=targeted&status=paused&enhed=${UNIT}&alder-fra=13&alder-til=15&bydel=Vejleåparken&q=gadeplan&aar=2026&side=2`));
    expect(filters).toEqual({ level: 'targeted', status: 'paused', unit: UNIT, ageFrom: '13', ageTo: '15', district: 'Vejleåparken', text: 'gadeplan', year: '2026', page: 2 });
    expect(effortFiltersFrom(new URLSearchParams('niveau=top&status=x&enhed=nope&alder-fra=100&alder-til=x&aar=99&side=-1'))).toEqual({
      level: '',
      status: '',
      unit: '',
      ageFrom: '',
      ageTo: '',
      district: '',
      text: '',
      year: '',
      page: 1,
    });
  });

  it('keeps an age range with one open end, and drops a range the wrong way round', () => {
    expect(effortFiltersFrom(new URLSearchParams('alder-til=12'))).toMatchObject({ ageFrom: '', ageTo: '12' });
    expect(effortFiltersFrom(new URLSearchParams('alder-fra=16&alder-til=12'))).toMatchObject({ ageFrom: '', ageTo: '' });
    expect(withEffortFilters(new URLSearchParams(), { ageFrom: '10', ageTo: '14' }).toString()).toBe('alder-fra=10&alder-til=14');
  });

  it('writes back only what is set, keeps other parameters, and goes back to page 1', () => {
    const params = new URLSearchParams('lag=individual&side=3');
    const next = withEffortFilters(params, { status: 'active', ageFrom: '', text: 'løsladelse' });
    expect(next.toString()).toBe('lag=individual&status=active&q=l%C3%B8sladelse');
    expect(withEffortFilters(next, { ...effortFiltersFrom(next), page: 2 }).get('side')).toBe('2');
  });

  it('turns the filters into the query the API takes', () => {
    expect(filterQuery(effortFiltersFrom(new URLSearchParams('alder-fra=7&q=%20%20&aar=2025')))).toEqual({
      level: undefined,
      status: undefined,
      unit: undefined,
      ageFrom: 7,
      ageTo: undefined,
      district: undefined,
      text: undefined,
      year: 2025,
    });
  });
});

describe('words and numbers', () => {
  it('writes age bands and periods the Danish way', () => {
    expect(formatAgeBand(12, 17, t)).toBe('12–17 år');
    expect(formatAgeBand(15, 15, t)).toBe('15 år');
    expect(formatPeriod('2023-03-27', null, t, 'da')).toBe('Fra 27.3.2023');
    expect(formatPeriod('2026-01-01', '2026-12-31', t, 'da')).toBe('1.1.2026–31.12.2026');
  });

  it('offers only the status changes the contract allows, in its order', () => {
    expect(statusOptions(STATUS_TRANSITIONS.active)).toEqual(['paused', 'ended']);
    expect(statusOptions(STATUS_TRANSITIONS.ended)).toEqual(['active']);
  });

  it('offers the years around this one and any year already in use, newest first', () => {
    expect(yearChoices(2026, [2019])).toEqual([2027, 2026, 2025, 2024, 2023, 2022, 2021, 2019]);
  });

  it('reads amounts with a thousands point, as Danes type them', () => {
    expect(parseGroupedNumber('250.000')).toBe(250_000);
    expect(parseGroupedNumber('1.234.567,50')).toBe(1_234_567.5);
    expect(parseGroupedNumber('1.234,5')).toBe(1234.5);
    expect(parseGroupedNumber('0.5')).toBe(0.5);
    expect(parseGroupedNumber('12,75')).toBe(12.75);
    expect(parseGroupedNumber('1.23.4')).toBeNull();
    expect(parseGroupedNumber('mange')).toBeNull();
  });

  it('writes shares as Danish percentages', () => {
    expect(formatPercent(0.6493)).toBe('64,9 %');
    expect(formatPercent(0.5)).toBe('50 %');
    expect(formatPercent(0.6493, 'en')).toBe('64.9%');
  });
});

describe('the triangle', () => {
  it('stacks the individual level at the tip, the targeted in the middle and the general at the base', () => {
    const { bands } = layoutTriangle();
    expect(bands.map((b) => b.level)).toEqual(['individual', 'targeted', 'general']);
    // The tip is a triangle, the other bands trapezoids, each wider than the one above.
    expect(bands[0].points.split(' ')).toHaveLength(3);
    expect(bands[1].points.split(' ')).toHaveLength(4);
    const width = (points: string) => {
      const xs = points.split(' ').map((p) => Number(p.split(',')[0]));
      return Math.max(...xs) - Math.min(...xs);
    };
    expect(width(bands[0].points)).toBeLessThan(width(bands[1].points));
    expect(width(bands[1].points)).toBeLessThan(width(bands[2].points));
    // Bands meet without a gap, and their words stand right of the triangle.
    expect(bands[0].bottom).toBe(bands[1].top);
    expect(bands[1].bottom).toBe(bands[2].top);
    for (const band of bands) {
      expect(band.countY).toBeGreaterThan(band.top);
      expect(band.countY).toBeLessThan(band.bottom);
      expect(band.leader!.x2).toBeLessThan(TEXT_X);
    }
  });

  it('on a phone puts each band’s words below the triangle, within the picture', () => {
    const { width, height, bands } = layoutTriangle(true);
    expect(width).toBeLessThanOrEqual(360);
    for (const [i, band] of bands.entries()) {
      expect(band.leader).toBeNull();
      expect(band.textY).toBeGreaterThan(bands[2].bottom);
      // Each band's words (up to the demo note, 86 below the label) end before the next label.
      if (i > 0) expect(band.textY - 18).toBeGreaterThan(bands[i - 1].textY + 86);
      // The last line (the demo note) stays inside the picture.
      expect(band.textY + 86).toBeLessThan(height);
    }
  });
});

describe('the bar chart', () => {
  it('puts every bar on one scale, the largest filling the space', () => {
    const layout = layoutBars([
      { key: 'a', label: 'A', bars: [{ key: 'x', label: 'X', value: 2, highlight: true }, { key: 'y', label: 'Y', value: 4, highlight: false }] },
      { key: 'b', label: 'B', bars: [{ key: 'x', label: 'X', value: 0, highlight: true }] },
    ]);
    const [x, y] = layout.groups[0].bars;
    expect(y.width).toBeCloseTo(2 * x.width);
    expect(layout.groups[1].bars[0].width).toBe(0);
    expect(layout.groups[1].headingY).toBeGreaterThan(y.y + y.height);
    expect(layout.height).toBeGreaterThan(layout.groups[1].bars[0].y);
  });
});
