import { describe, expect, it } from 'vitest';
import { translate, type MessageKey, type Params } from '../../i18n/i18n.tsx';
import { fitHeadings } from '../../../contracts/plans.ts';
import { changedFields, comparedVersions, hasText, isEmptyDiff, linkHref, shortenContext } from './labels.ts';

const t = (key: MessageKey, params?: Params) => translate('da', key, params);
const none = { sections: [], organisationChanged: false, organisation: { added: [], removed: [], changed: [] }, efforts: { added: [], removed: [], changed: [] } };

describe('plan labels', () => {
  it('names the changed fields of an effort as a Danish list, and a new field by its code', () => {
    expect(changedFields(['owner', 'budget', 'level'], t, 'da')).toBe('ansvarlig enhed, budget og niveau i trekanten');
    expect(changedFields(['status'], t, 'da')).toBe('status');
    expect(changedFields(['budget', 'somethingNew'], t, 'da')).toBe('budget og somethingNew');
    expect(changedFields(['ageMin', 'ageMax'], (key, params) => translate('en', key, params), 'en')).toBe('age from and age to');
  });

  it('places the headings of a written section below the section heading, skipping no level', () => {
    expect(fitHeadings('<h2>Mål</h2><p>x</p><h3>Delmål</h3>')).toBe('<h3>Mål</h3><p>x</p><h4>Delmål</h4>');
    // A text that starts at h3 (the seed's goals) starts right below the section's h2.
    expect(fitHeadings('<h3>Fælles mål</h3><p>x</p>')).toBe('<h3>Fælles mål</h3><p>x</p>');
    expect(fitHeadings('<h3>A</h3><h2>B</h2><h3>C</h3>')).toBe('<h3>A</h3><h3>B</h3><h4>C</h4>');
    // Text that only looks like a tag inside a paragraph is escaped by the server and stays.
    expect(fitHeadings('<p>&lt;h2&gt;</p>')).toBe('<p>&lt;h2&gt;</p>');
  });

  it('tells an empty section (only empty paragraphs) from one with text', () => {
    expect(hasText('')).toBe(false);
    expect(hasText('<p></p><p> </p>')).toBe(false);
    expect(hasText('<p><strong>Mål</strong></p>')).toBe(true);
  });

  it('reads a link address as people type it, and refuses what the plan cannot link to', () => {
    expect(linkHref('https://www.ishoj.dk/tryghed')).toBe('https://www.ishoj.dk/tryghed');
    expect(linkHref('  www.ishoj.dk ')).toBe('https://www.ishoj.dk');
    expect(linkHref('ssp@ishoj.dk')).toBe('mailto:ssp@ishoj.dk');
    expect(linkHref('mailto:ssp@ishoj.dk')).toBe('mailto:ssp@ishoj.dk');
    for (const bad of ['', 'javascript:alert(1)', 'ftp://x.dk', 'ishoj', 'https://ishoj', 'www.ishoj.dk/a b']) expect(linkHref(bad), bad).toBeNull();
  });

  it('compares the newest version with the one before unless the address says otherwise', () => {
    expect(comparedVersions(new URLSearchParams(), [1])).toBeNull();
    expect(comparedVersions(new URLSearchParams(), [1, 2, 3])).toEqual({ from: 2, to: 3 });
    expect(comparedVersions(new URLSearchParams('fra=1&til=3'), [3, 1, 2])).toEqual({ from: 1, to: 3 });
    // A version the plan does not have falls back to the default.
    expect(comparedVersions(new URLSearchParams('fra=9&til=x'), [1, 2])).toEqual({ from: 1, to: 2 });
  });

  it('knows a difference with nothing in it', () => {
    expect(isEmptyDiff(none)).toBe(true);
    expect(isEmptyDiff({ ...none, organisationChanged: true })).toBe(false);
    expect(isEmptyDiff({ ...none, efforts: { ...none.efforts, removed: [{ id: 'x', title: 'Ragnar', status: 'paused' }] } })).toBe(false);
  });

  it('shortens an unchanged stretch to the words next to the changes', () => {
    const words = Array.from({ length: 60 }, (_, i) => `w${i}`).join(' ');
    // Between two changes: the first and the last twelve words.
    expect(shortenContext(words, true, true)).toBe(`${Array.from({ length: 12 }, (_, i) => `w${i}`).join(' ')} … ${Array.from({ length: 12 }, (_, i) => `w${48 + i}`).join(' ')}`);
    // Before the first change only the words leading up to it; after the last only those following it.
    expect(shortenContext(words, false, true)).toBe(`… ${Array.from({ length: 12 }, (_, i) => `w${48 + i}`).join(' ')}`);
    expect(shortenContext(` ${words}`, true, false).startsWith(' w0 w1')).toBe(true);
    expect(shortenContext('kort tekst', true, true)).toBe('kort tekst');
  });
});
