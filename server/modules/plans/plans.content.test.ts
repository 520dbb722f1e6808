import { describe, expect, it } from 'vitest';
import type { TPlanContent, TPlanEffort } from '../../../contracts/plans.ts';
import { diffContent, isEmptyDiff } from './plans.content.ts';
import { richTextBlocks, sanitizeRichText } from './plans.richtext.ts';
import { isApprovalMet } from './plans.service.ts';

const effort = (id: string, title: string, overrides: Partial<TPlanEffort> = {}): TPlanEffort => ({
  id, title, description: null, status: 'active', owner: 'Gadeplan', responsibleFunction: null, ageMin: 12, ageMax: 17, riskProfile: 'all',
  periodStart: '2026-01-01', periodEnd: null, goals: [], budget: 100_000, demo: false, ...overrides,
});
const ID = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
const content = (efforts: TPlanEffort[], strategy = '<p>Strategi</p>'): TPlanContent => ({
  municipality: { code: 183, name: 'Ishøj' },
  year: 2026,
  title: 'Plan',
  sections: { basis: '<p>Grundlag</p>', purpose: '', targetGroup: '', strategy, goals: '' },
  organisation: [],
  efforts: [{ level: 'general', label: 'Opbyggende', efforts }, { level: 'targeted', label: 'Forebyggende', efforts: [] }, { level: 'individual', label: 'Kriminalitetsforebyggende', efforts: [] }],
});

describe('what changed between two versions', () => {
  it('names efforts added, removed (with their status now) and changed (with the fields)', () => {
    const before = content([effort(ID(1), 'SSP'), effort(ID(2), 'Gadeplan'), effort(ID(3), 'Ragnar')]);
    const after = content([effort(ID(1), 'SSP', { budget: 120_000 }), effort(ID(2), 'Gadeplan'), effort(ID(4), 'Tryghedsvandringer')], '<p>Ny strategi</p>');
    expect(diffContent(before, after, new Map([[ID(3), 'paused']]))).toEqual({
      sections: ['strategy'],
      organisationChanged: false,
      efforts: {
        added: [{ id: ID(4), title: 'Tryghedsvandringer' }],
        removed: [{ id: ID(3), title: 'Ragnar', status: 'paused' }],
        changed: [{ id: ID(1), title: 'SSP', fields: ['budget'] }],
      },
    });
  });

  it('sees no change when only key order differs (as jsonb returns it)', () => {
    const a = content([effort(ID(1), 'SSP', { goals: [{ title: 'Mål', indicators: [{ name: 'Deltagere', unit: 'unge', baseline: 1, target: 2 }] }] })]);
    const reordered = JSON.parse(JSON.stringify(a), (_k, v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v)) as TPlanContent;
    expect(isEmptyDiff(diffContent(a, reordered))).toBe(true);
  });

  it('notices an effort moving to another level', () => {
    const a = content([effort(ID(1), 'SSP')]);
    const b = content([]);
    b.efforts[1].efforts.push(effort(ID(1), 'SSP'));
    expect(diffContent(a, b).efforts.changed).toEqual([{ id: ID(1), title: 'SSP', fields: ['level'] }]);
  });
});

describe('approval rules', () => {
  it('all needs every voter; majority more than half; nobody to vote approves nothing', () => {
    expect(isApprovalMet('all', 2, 2)).toBe(true);
    expect(isApprovalMet('all', 1, 2)).toBe(false);
    expect(isApprovalMet('majority', 2, 3)).toBe(true);
    expect(isApprovalMet('majority', 1, 2)).toBe(false);
    expect(isApprovalMet('majority', 0, 0)).toBe(false);
  });
});

describe('limited rich text', () => {
  it('keeps headings, lists, links, bold and italic; no script survives', () => {
    const dirty = '<h1>Titel</h1><p style="color:red" onclick="x()">Tekst <b>fed</b> <i>kursiv</i> <a href="javascript:alert(1)">a</a> <a href="https://ishoj.dk" target="_blank">b</a></p><script>alert(1)</script><svg onload="alert(1)"></svg><iframe src="https://x"></iframe><ol><li>Et</li></ol>';
    expect(sanitizeRichText(dirty)).toBe('<h2>Titel</h2><p>Tekst <strong>fed</strong> <em>kursiv</em> <a>a</a> <a href="https://ishoj.dk">b</a></p><ol><li>Et</li></ol>');
  });

  it('reads into blocks for documents', () => {
    expect(richTextBlocks('<h3>Mål</h3><ul><li>Færre &amp; <strong>tryggere</strong></li></ul>')).toEqual([
      { kind: 'heading', level: 3, runs: [{ text: 'Mål', bold: false, italic: false, link: null }] },
      { kind: 'list', ordered: false, items: [[{ text: 'Færre & ', bold: false, italic: false, link: null }, { text: 'tryggere', bold: true, italic: false, link: null }]] },
    ]);
  });
});
