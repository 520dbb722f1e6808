import { describe, expect, it } from 'vitest';
import type { TPlanContent, TPlanEffort } from '../../../contracts/plans.ts';
import { diffContent, diffText, isEmptyDiff, sectionText, withMoney } from './plans.content.ts';
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
      sections: [{ section: 'strategy', changes: [{ kind: 'deleted', text: 'Strategi' }, { kind: 'inserted', text: 'Ny strategi' }] }],
      organisationChanged: false,
      organisation: { added: [], removed: [], changed: [] },
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

describe('what changed in the organisation and the text', () => {
  const member = (functionTitle: string, role: 'chair' | 'member' | 'secretary' | 'observer', organisationName = 'Ishøj Kommune') => ({ functionTitle, organisationName, role });
  const withForums = (forums: TPlanContent['organisation'][number]['forums'], strategic: typeof forums = []): TPlanContent => ({
    ...content([]),
    organisation: [
      { level: 'strategic', label: 'Strategisk', forums: strategic },
      { level: 'coordinating', label: 'Koordinerende', forums },
      { level: 'executing', label: 'Udførende', forums: [] },
    ],
  });

  it('names the forum and each member added, removed or given another role', () => {
    const sspGroup = { id: ID(5), name: 'SSP-styregruppe', purpose: 'Koordinerer', members: [member('Centerchef', 'chair', 'Center for Børn'), member('Centerchef', 'member', 'Center for Skole'), member('Politikommissær', 'member', 'Vestegnens Politi'), member('SSP-konsulent', 'secretary')] };
    const before = withForums([sspGroup, { id: ID(6), name: 'Netværksmøde', purpose: null, members: [] }]);
    const after = withForums(
      [{ ...sspGroup, name: 'SSP-styregruppen', members: [member('Centerchef', 'chair', 'Center for Børn'), member('Centerchef', 'chair', 'Center for Skole'), member('SSP-konsulent', 'secretary'), member('Gadeplansleder', 'member')] }],
      [{ id: ID(7), name: 'Lokalråd', purpose: null, members: [] }],
    );
    const diff = diffContent(before, after);
    expect(diff.organisationChanged).toBe(true);
    expect(diff.organisation).toEqual({
      added: [{ id: ID(7), name: 'Lokalråd', level: 'strategic' }],
      removed: [{ id: ID(6), name: 'Netværksmøde', level: 'coordinating' }],
      changed: [
        {
          id: ID(5),
          name: 'SSP-styregruppen',
          level: 'coordinating',
          renamedFrom: 'SSP-styregruppe',
          levelFrom: null,
          purposeChanged: false,
          members: {
            added: [member('Gadeplansleder', 'member')],
            removed: [member('Politikommissær', 'member', 'Vestegnens Politi')],
            // Two centre chiefs share a title: each is matched by unit, and only one changed role.
            roleChanged: [{ functionTitle: 'Centerchef', organisationName: 'Center for Skole', from: 'member', to: 'chair' }],
          },
        },
      ],
    });
  });

  it('sees a forum moved to another level', () => {
    const forum = { id: ID(5), name: 'Lokalråd', purpose: null, members: [] };
    expect(diffContent(withForums([forum]), withForums([], [forum])).organisation.changed).toEqual([
      { id: ID(5), name: 'Lokalråd', level: 'strategic', renamedFrom: null, levelFrom: 'coordinating', purposeChanged: false, members: { added: [], removed: [], roleChanged: [] } },
    ]);
  });

  it('diffs a section word by word over paragraphs and list items', () => {
    const before = content([], '<p>Vi styrker samarbejdet.</p><ul><li>Skoler</li></ul>');
    const after = content([], '<p>Vi styrker det tværfaglige samarbejde.</p><ul><li>Skoler</li><li>Klubber</li></ul>');
    const changes = diffContent(before, after).sections[0].changes;
    const read = (kind: string) => changes.filter((c) => c.kind === kind).map((c) => c.text.trim()).join(' | ');
    expect(read('deleted')).toBe('samarbejdet');
    expect(read('inserted')).toBe('det tværfaglige samarbejde | • Klubber');
    // Reading the unchanged and inserted parts gives the new text; the unchanged and deleted, the old
    // (up to a line break at the end, which jsdiff's unchanged part takes from the new text).
    expect(changes.filter((c) => c.kind !== 'deleted').map((c) => c.text).join('')).toBe(sectionText(after.sections.strategy));
    expect(changes.filter((c) => c.kind !== 'inserted').map((c) => c.text).join('').trimEnd()).toBe(sectionText(before.sections.strategy));
  });

  it('shows only formatting changed as unchanged words', () => {
    const diff = diffContent(content([], '<p>Vi styrker samarbejdet.</p>'), content([], '<p>Vi <strong>styrker</strong> samarbejdet.</p>'));
    expect(diff.sections).toEqual([{ section: 'strategy', changes: [{ kind: 'same', text: 'Vi styrker samarbejdet.' }] }]);
  });

  it('reads a paragraph rewritten past the bound as deleted and inserted whole, and the rest word by word', () => {
    const words = (prefix: string) => Array.from({ length: 500 }, (_, i) => `${prefix}${i}`).join(' ');
    expect(diffText(`Indledning\n${words('a')}\nAfslutning`, `Indledning\n${words('b')}\nAfslutning`)).toEqual([
      { kind: 'same', text: 'Indledning\n' },
      { kind: 'deleted', text: `${words('a')}\n` },
      { kind: 'inserted', text: `${words('b')}\n` },
      { kind: 'same', text: 'Afslutning' },
    ]);
  });
});

describe('amounts by reader', () => {
  const plan = content([effort(ID(1), 'SSP', { budget: 100_000 }), effort(ID(2), 'Gadeplan', { budget: 50_000, demo: true })]);
  const budgets = (c: TPlanContent) => c.efforts[0].efforts.map((e) => e.budget);
  it('shows economy readers every amount, the published form only real ones, and others none', () => {
    expect(budgets(withMoney(plan, 'all'))).toEqual([100_000, 50_000]);
    expect(budgets(withMoney(plan, 'published'))).toEqual([100_000, null]);
    expect(budgets(withMoney(plan, 'none'))).toEqual([null, null]);
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
