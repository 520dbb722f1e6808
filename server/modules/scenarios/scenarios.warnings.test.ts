import { describe, expect, it } from 'vitest';
import type { TScenarioDocument } from '../../../contracts/scenarios.ts';
import { buildTemplate } from './scenarios.templates.ts';
import { scenarioWarnings } from './scenarios.warnings.ts';

const codes = (doc: TScenarioDocument) => scenarioWarnings(doc).map((w) => w.code);

describe('scenarioWarnings', () => {
  it('finds, in Albertslund as the memo gives it, the chief without a pillar and no analyst, and nothing else', () => {
    // The reactive worker coordinates cases; the network seats the municipality, a school and the police.
    const warnings = scenarioWarnings(buildTemplate('albertslund', 27_500));
    expect(warnings.map((w) => [w.code, w.keys])).toEqual([
      ['function_without_pillar', ['stabschef']],
      ['no_analyst', []],
    ]);
    expect(warnings[0]).toMatchObject({ da: 'Funktioner uden søjle: Stabschef.', en: 'Functions without a pillar: Stabschef.' });
  });

  it('finds in Viborg, whose levels the memo does not give, every level without staff and the forums without a school', () => {
    const warnings = scenarioWarnings(buildTemplate('viborg', 100_000));
    expect(warnings.filter((w) => w.code === 'level_uncovered').map((w) => w.keys[0])).toEqual(['general', 'targeted', 'individual']);
    expect(warnings.filter((w) => w.code === 'forum_missing_ssp_party').map((w) => w.keys)).toEqual([
      ['paragraf115', 'school'],
      ['infohus', 'school'],
    ]);
    expect(codes(buildTemplate('viborg', 100_000))).toContain('no_case_coordinator');
  });

  it('warns of a function in five forums, a forum reporting to nobody, work in several centres and an effort without a pillar', () => {
    const doc = buildTemplate('professional', 30_000);
    const many: TScenarioDocument = {
      ...doc,
      placement: { ...doc.placement, centres: ['CBF', 'CKF'] },
      forums: [
        ...doc.forums,
        // A fifth forum for the case coordinator (already in SSP, KSP and PSP), reporting to nobody.
        { key: 'ekstra', name: 'Ekstra', kind: 'other', level: 'executing', reportsTo: null, mandate: '', meetingsPerYear: 1, hoursPerMeeting: 1, members: [{ functionKey: 'enkeltsag', role: 'member' }, { functionKey: 'skole', role: 'member' }, { functionKey: 'politi', role: 'member' }], sourceId: null },
        { key: 'sjette', name: 'Sjette', kind: 'other', level: 'executing', reportsTo: 'lokalraad', mandate: '', meetingsPerYear: 1, hoursPerMeeting: 1, members: [{ functionKey: 'enkeltsag', role: 'member' }, { functionKey: 'skole', role: 'member' }, { functionKey: 'politi', role: 'member' }], sourceId: null },
      ],
      efforts: [...doc.efforts, { ...doc.efforts[0], key: 'loes', title: 'Løs indsats', pillarKey: null }],
    };
    const warnings = scenarioWarnings(many);
    // The police's seat was in the Lokalråd, SSP, KSP and PSP already: now six.
    expect(warnings.filter((w) => w.code === 'function_in_many_forums').map((w) => w.da)).toEqual(['Politiet sidder i 6 fora.', 'Enkeltsagskoordinator sidder i 5 fora.']);
    // The Lokalråd is the top; the extra forum is the one left hanging.
    expect(warnings.filter((w) => w.code === 'forum_reports_to_nobody').map((w) => w.keys)).toEqual([['ekstra']]);
    expect(warnings.find((w) => w.code === 'several_centres')?.keys).toEqual(['CBF', 'CKF']);
    expect(warnings.find((w) => w.code === 'effort_without_pillar')?.keys).toEqual(['loes']);
  });

  it('lets the kredsråd be the top of the integrated model', () => {
    // Kredsråd ← Lokalråd ← SSP: one root, the kredsråd; the SSP forum seats all three parties.
    const found = codes(buildTemplate('integrated', 60_000));
    expect(found).not.toContain('forum_reports_to_nobody');
    expect(found).not.toContain('forum_missing_ssp_party');
  });
});
