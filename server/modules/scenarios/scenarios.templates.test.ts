import { describe, expect, it } from 'vitest';
import { TEMPLATE_KEYS, ZScenarioDocument } from '../../../contracts/scenarios.ts';
import { ANNUAL_COST_PER_FTE, buildTemplate, templateSummaries } from './scenarios.templates.ts';

describe('templates', () => {
  it.each(TEMPLATE_KEYS)('%s is a valid document at any size', (key) => {
    for (const inhabitants of [5_000, 23_500, 250_000]) expect(ZScenarioDocument.safeParse(buildTemplate(key, inhabitants)).success).toBe(true);
  });

  it('offers the three national examples and the three peers', () => {
    expect(templateSummaries().map((t) => t.key)).toEqual(['clear_line', 'professional', 'integrated', 'albertslund', 'viborg', 'hoeje_taastrup']);
  });

  it("scales Albertslund's staff to Ishøj's inhabitants, keeping the chief", () => {
    // 23,500 / 27,500 = 0.8545…: proactive 3 → 2.56 → 2.6, operative 7 → 5.98 → 6.0, reactive 1 → 0.85 → 0.9; chief 1.
    const doc = buildTemplate('albertslund', 23_500);
    const staff = doc.functions.filter((f) => f.unitKey !== null).map((f) => [f.key, f.fte, f.headcount, f.annualCost]);
    expect(staff).toEqual([
      ['stabschef', 1, 1, ANNUAL_COST_PER_FTE],
      ['proaktiv', 2.6, 3, 2.6 * ANNUAL_COST_PER_FTE],
      ['operativ', 6, 6, 6 * ANNUAL_COST_PER_FTE],
      ['reaktiv', 0.9, 1, 0.9 * ANNUAL_COST_PER_FTE],
    ]);
    expect(doc.inhabitants).toBe(23_500);
    expect(doc.assumptions.inhabitants).toContain('27.500 til 23.500');
  });

  it('marks as assumed what the memo does not state, and not what it does', () => {
    const doc = buildTemplate('albertslund', 27_500);
    // The memo: "7 operative medarbejdere (nogle deltid)", counted as 7 FTE (issue #12, item 7).
    expect(doc.assumptions['functions.operativ.fte']).toContain('nogle deltid');
    expect(doc.assumptions['functions.proaktiv.annualCost']).toContain('550.000');
    expect(doc.assumptions['forums.lokalraad']).toBeDefined();
    // The placement is the memo's own words.
    expect(Object.keys(doc.assumptions).filter((path) => path.startsWith('placement'))).toEqual([]);
    // Every assumption names something in the document.
    const named = new Set(['inhabitants', 'efforts', ...doc.functions.map((f) => `functions.${f.key}`), ...doc.forums.map((f) => `forums.${f.key}`), ...doc.efforts.map((e) => `efforts.${e.key}`)]);
    for (const path of Object.keys(doc.assumptions)) expect(named.has(path.split('.').slice(0, 2).join('.')) || named.has(path), path).toBe(true);
  });

  it('gives the clear line one local group per school, at one school per 5,000 inhabitants', () => {
    // 23,500 / 5,000 = 4.7 → 5 groups; 90,000 → 18.
    expect(buildTemplate('clear_line', 23_500).forums.filter((f) => f.key.startsWith('lokalgruppe-'))).toHaveLength(5);
    expect(buildTemplate('clear_line', 90_000).forums.filter((f) => f.key.startsWith('lokalgruppe-'))).toHaveLength(18);
  });
});
