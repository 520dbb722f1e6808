import { describe, expect, it } from 'vitest';
import da from './da.json';
import en from './en.json';

// `{name}`, and the `{count, plural, …}` of a count.
const placeholders = (text: string) =>
  [...new Set([...text.replace(/(?:=\d+|zero|one|two|few|many|other) \{[^{}]*\}/g, '').matchAll(/\{(\w+)(?:\}|, plural,)/g)].map((m) => m[1]))].sort();

describe('language files', () => {
  it('have the same keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(da).sort());
  });

  it('use the same placeholders in both languages', () => {
    for (const [key, text] of Object.entries(da)) {
      expect(placeholders((en as Record<string, string>)[key] ?? ''), key).toEqual(placeholders(text));
    }
  });

  it('have no empty texts', () => {
    for (const [key, text] of [...Object.entries(da), ...Object.entries(en)]) expect(text.trim(), key).not.toBe('');
  });
});
