import { describe, expect, it } from 'vitest';
import { ageRanges } from './scenarios.documents.ts';

describe('the recommendation’s words', () => {
  it('writes uncovered ages as ranges', () => {
    expect(ageRanges([6, 7, 8, 12, 20, 21])).toBe('6–8, 12, 20–21');
    expect(ageRanges([25, 6, 7])).toBe('6–7, 25');
    expect(ageRanges([])).toBe('');
  });
});
