/**
 * Words users read that mislead (issue #9): "forældet" suggests time-barred, "generalpræventiv"
 * means deterrence by punishment, a paused effort is "sat i bero", and a function is "inden for"
 * the scope line. English text carries no Danish quotation marks or Danish date order, and
 * counts are pluralised.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { translate } from './i18n.tsx';

const root = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

const DANISH_BANNED = [/forældet/i, /forældede/i, /generalpræventiv/i, /på pause/i, /(?<!inden for )\bi skærelinjen/i];
const ENGLISH_BANNED = [/[»«„]/, /\b\d{1,2}\.\d{1,2}\.\d{4}\b/, /d\.m\.yyyy/, /\b1 (years|hours|efforts|members|results)\b/];

/** The lines of a file that match a banned pattern, as `file:line: text`. */
function offending(file: string, text: string, patterns: RegExp[]): string[] {
  return text.split('\n').flatMap((line, i) => (patterns.some((p) => p.test(line)) ? [`${file}:${i + 1}: ${line.trim()}`] : []));
}

const englishPart = (source: string) => source.slice(source.indexOf('\n  en: {'));

describe('words users see', () => {
  it('the Danish texts use the memo’s words', () => {
    const files = ['web/i18n/da.json', 'server/platform/i18n.ts', 'server/modules/plans/plans.format.ts'];
    expect(files.flatMap((file) => offending(file, read(file), DANISH_BANNED))).toEqual([]);
    // The seeds' import rows name their columns ("i skærelinjen"), which is the file format, not prose.
    const seeds = fs.readdirSync(path.join(root, 'seeds')).filter((f) => f.endsWith('.ts') && !f.includes('.test.'));
    expect(seeds.flatMap((f) => offending(`seeds/${f}`, read(`seeds/${f}`), DANISH_BANNED.slice(0, 4)))).toEqual([]);
  });

  it('the English texts have no Danish quotation marks, Danish dates or “1 years”', () => {
    expect(offending('web/i18n/en.json', read('web/i18n/en.json'), ENGLISH_BANNED)).toEqual([]);
    expect(offending('server/platform/i18n.ts (en)', englishPart(read('server/platform/i18n.ts')), ENGLISH_BANNED)).toEqual([]);
  });

  it('counts take the singular for one, in both languages', () => {
    expect(translate('en', 'effort.age.one', { age: 1 })).toBe('1 year');
    expect(translate('en', 'effort.age.one', { age: 16 })).toBe('16 years');
    expect(translate('en', 'effort.hours', { hours: '1' })).toBe('1 hour');
    expect(translate('en', 'effort.hours', { hours: '1.5' })).toBe('1.5 hours');
    expect(translate('da', 'effort.hours', { hours: '1' })).toBe('1 time');
    expect(translate('da', 'effort.triangle.count', { count: '1' })).toBe('1 indsats');
    expect(translate('da', 'effort.triangle.count', { count: '1.234' })).toBe('1.234 indsatser');
    expect(translate('en', 'org.search.count', { count: 1, q: 'SSP' })).toBe('1 result for “SSP”');
    expect(translate('da', 'effort.list.count', { first: 1, last: 1, total: 1 })).toBe('Viser 1–1 af 1 indsats');
    expect(translate('en', 'plan.approvers.count', { approved: 1, total: 2 })).toBe('1 of 2 has approved.');
    expect(translate('en', 'org.function.remove_detail', { name: 'SSP', forums: 1 })).toMatch(/^“SSP” ends today and leaves the 1 forum it sits in\./);
  });
});
