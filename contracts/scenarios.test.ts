import { describe, expect, it } from 'vitest';
import { buildTemplate } from '../server/modules/scenarios/scenarios.templates.ts';
import { type TScenarioDocument, ZScenarioDocument } from './scenarios.ts';

const problems = (doc: TScenarioDocument) => {
  const result = ZScenarioDocument.safeParse(doc);
  return result.success ? [] : result.error.issues.map((i) => [i.path.join('.'), i.message]);
};

describe('ZScenarioDocument', () => {
  const doc = buildTemplate('integrated', 60_000);

  it('refuses a key used twice and a reporting line that comes back to itself, naming each path', () => {
    const twice = { ...doc, functions: [...doc.functions, { ...doc.functions[0] }] };
    expect(problems(twice)).toEqual([[`functions.${doc.functions.length}.key`, 'scenario.duplicate_key']]);
    // Kredsråd → SSP → Lokalråd → Kredsråd.
    const circle = { ...doc, forums: doc.forums.map((f) => (f.key === 'kredsraad' ? { ...f, reportsTo: 'ssp' } : f)) };
    expect(problems(circle).map(([path]) => path)).toEqual(['forums.0.reportsTo', 'forums.1.reportsTo', 'forums.2.reportsTo']);
  });

  it('refuses a document that could not be saved back within the body limit, though each list is within its bound', () => {
    // 1,500 assumptions of a 200-character path and a 500-character reason: about 1 MB.
    const assumptions = Object.fromEntries(Array.from({ length: 1_500 }, (_, i) => [String(i).padStart(200, 'p'), 'x'.repeat(500)]));
    const wordy = { ...doc, assumptions };
    expect(problems(wordy)).toContainEqual(['', 'scenario.too_large']);
  });
});
