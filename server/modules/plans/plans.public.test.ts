/**
 * The public plan page: a whole HTML document in DKFDS markup, with every section and effort,
 * no script however the stored text tries, Danish dates and money, and no people.
 */
import { describe, expect, it } from 'vitest';
import type { TPlanContent } from '../../../contracts/plans.ts';
import { DEMO_USERS } from '../../../seeds/reference.ts';
import { PUBLIC_ASSET_PREFIX, renderPublicNotFound, renderPublicPlan } from './plans.public.tsx';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const CONTENT: TPlanContent = {
  municipality: { code: 183, name: 'Ishøj' },
  year: 2026,
  title: 'Lokal handlingsplan for tryghed og kriminalitetsforebyggelse 2026',
  sections: {
    basis:
      '<h2>Lovgrundlag</h2><p>Planen bygger på retsplejelovens §§ 114 og 115 og på Ishøjs tryghedsstrategi for børn og unge.</p><script>alert(1)</script><p>Se <a href="https://www.retsinformation.dk/">Retsinformation</a>.</p>',
    purpose: '<p>Færre unge skal begå kriminalitet, og flere skal føle sig trygge i Ishøj Strand og på Vejleåparken.</p><img src="x" onerror="alert(2)">',
    targetGroup: '<p>Børn og unge fra 6 til 25 år <a href="javascript:alert(3)">læs mere</a> og deres forældre.</p><h3>Særlige grupper</h3><ul><li>Unge på kanten af kriminalitet</li><li>Løsladte</li></ul>',
    strategy: '<p>Vi arbejder <strong>tidligt</strong>, <em>sammen</em> og på tværs.</p><p onclick="alert(4)">Skriv til <a href="mailto:tryghed@ishoj.dk">tryghed@ishoj.dk</a>.</p>',
    goals: '<ol><li>Færre førstegangskriminelle</li><li>Større tryghed i boligområderne</li></ol><iframe src="https://evil.example"></iframe>',
  },
  organisation: [
    {
      level: 'strategic',
      label: 'Strategisk niveau',
      forums: [
        {
          id: id(1),
          name: 'Lokalråd',
          purpose: 'Politiets og kommunens fælles råd for tryghed.',
          members: [
            { functionTitle: 'Borgmester', organisationName: 'Byrådet', role: 'chair' },
            { functionTitle: 'Politiinspektør', organisationName: 'Vestegnens Politi', role: 'member' },
            { functionTitle: 'Sekretær', organisationName: 'Vestegnens Politi', role: 'secretary' },
          ],
        },
      ],
    },
    {
      level: 'coordinating',
      label: 'Koordinerende niveau',
      forums: [
        {
          id: id(2),
          name: 'Koordinationsgruppen',
          purpose: 'Koordinerer indsatserne <script>alert(5)</script> på tværs.',
          members: [{ functionTitle: 'Leder', organisationName: 'Tryghed og Kriminalitetsforebyggelse', role: 'chair' }],
        },
        { id: id(3), name: 'Følgegruppe for Ishøj Strand', purpose: null, members: [] },
      ],
    },
    {
      level: 'executing',
      label: 'Udførende niveau',
      forums: [
        {
          id: id(4),
          name: 'SSP-NU u18',
          purpose: null,
          members: [{ functionTitle: 'Konsulent for proaktiv kriminalitetsforebyggelse', organisationName: 'Tryghed og Kriminalitetsforebyggelse', role: 'observer' }],
        },
      ],
    },
  ],
  efforts: [
    {
      level: 'general',
      label: 'Opbyggende',
      efforts: [
        {
          id: id(11),
          title: 'SSP-koordinering',
          description: 'Enheden faciliterer SSP-samarbejdet mellem skole, socialforvaltning og politi.',
          status: 'active',
          owner: 'Tryghed og Kriminalitetsforebyggelse',
          responsibleFunction: 'Konsulent for proaktiv kriminalitetsforebyggelse',
          ageMin: 6,
          ageMax: 17,
          riskProfile: 'all',
          periodStart: '2023-03-27',
          periodEnd: null,
          goals: [{ title: 'Alle skoler har et aktivt SSP-netværk', indicators: [{ name: 'Skoler med mindst to SSP-møder i året', unit: 'skoler', baseline: 3, target: 6 }] }],
          budget: 1234567,
          demo: true,
        },
      ],
    },
    {
      level: 'targeted',
      label: 'Forebyggende',
      efforts: [
        {
          id: id(12),
          title: 'Gadeplan – opsøgende arbejde',
          description: null,
          status: 'planned',
          owner: 'Gadeplan',
          responsibleFunction: null,
          ageMin: 12,
          ageMax: 17,
          riskProfile: 'early_concern',
          periodStart: '2026-02-01',
          periodEnd: '2026-12-31',
          goals: [],
          budget: 240000,
          demo: false,
        },
        {
          id: id(13),
          title: 'Tryghedsvandringer i Strandgårdsparken',
          description: 'Beboere, politi og kommune går sammen gennem området to gange om året.',
          status: 'active',
          owner: null,
          responsibleFunction: null,
          ageMin: 18,
          ageMax: 18,
          riskProfile: 'all',
          periodStart: '2025-09-01',
          periodEnd: '2027-08-31',
          goals: [{ title: 'Flere føler sig trygge', indicators: [{ name: 'Andel trygge beboere', unit: '%', baseline: 62.5, target: 75 }] }],
          budget: 12500.5,
          demo: false,
        },
      ],
    },
    {
      level: 'individual',
      label: 'Kriminalitetsforebyggende',
      efforts: [
        {
          id: id(14),
          title: 'God Løsladelse – koordineret løsladelse',
          description: 'Koordineret løsladelse sammen med Kriminalforsorgen og politiet.',
          status: 'paused',
          owner: 'Tryghed og Kriminalitetsforebyggelse',
          responsibleFunction: 'Konsulent for reaktiv kriminalitetsforebyggelse',
          ageMin: 15,
          ageMax: 30,
          riskProfile: 'repeat_offending',
          periodStart: '2024-01-01',
          periodEnd: '2026-06-30',
          goals: [{ title: 'Løsladte har en plan ved løsladelsen', indicators: [] }],
          budget: 30000,
          demo: true,
        },
      ],
    },
  ],
};

const META = { version: 3, approvedAt: '2026-01-14T23:30:00.000Z', publishedAt: '2026-01-20T09:00:00.000Z', approvingForum: 'Lokalråd', money: 'published' as const };

const page = renderPublicPlan(CONTENT, META);
const allEfforts = CONTENT.efforts.flatMap((level) => level.efforts);
/** The document's text without tags (enough for these assertions; entities decoded for æøå). */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, ' ');

describe('the public plan page', () => {
  it('is a complete Danish HTML5 document with title, description, canonical address and stylesheets', () => {
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(page).toMatch(/<html lang="da">/);
    expect(page).toMatch(/<meta charSet="utf-8"\/>|<meta charset="utf-8"\/>/i);
    expect(page).toContain('<title>Lokal handlingsplan for tryghed og kriminalitetsforebyggelse 2026 – Ishøj Kommune</title>');
    expect(page).toMatch(/<meta name="description" content="Ishøj Kommunes lokale handlingsplan for tryghed og kriminalitetsforebyggelse 2026: [^"]+"\/>/);
    expect(page).toContain('<link rel="canonical" href="/offentlig/183/handlingsplan"/>');
    expect(page).toContain(`<link rel="stylesheet" href="${PUBLIC_ASSET_PREFIX}/dkfds/css/dkfds.min.css"/>`);
    expect(page).toContain(`<link rel="stylesheet" href="${PUBLIC_ASSET_PREFIX}/trekant-offentlig.css"/>`);
    expect(page).not.toContain('noindex');
    expect(page.trimEnd().endsWith('</html>')).toBe(true);
    // DKFDS frame: skip link, header with the municipality and the plan, one h1, main, footer.
    expect(page).toContain('<a class="skipnav" href="#main-content">');
    expect(page).toMatch(/<header class="header">[\s\S]*Ishøj Kommune[\s\S]*Lokal handlingsplan for tryghed og kriminalitetsforebyggelse 2026[\s\S]*<\/header>/);
    expect(page.match(/<h1[ >]/g)).toHaveLength(1);
    expect(page).toContain('<main id="main-content" tabindex="-1">');
    expect(page).toMatch(/<footer>[\s\S]*<\/footer>/);
  });

  it('lists the sections in order, with a table of contents linking to each', () => {
    const headings = [...page.matchAll(/<h2[^>]*>([^<]+)<\/h2>/g)].map((m) => m[1]);
    expect(headings).toEqual(['Indhold på siden', 'Grundlag', 'Formål', 'Målgruppe', 'Organisering', 'Strategi', 'Mål', 'Indsatser']);
    const toc = /<nav class="anchorbox"[^>]*>([\s\S]*?)<\/nav>/.exec(page)?.[1] ?? '';
    const links = [...toc.matchAll(/<a href="#([^"]+)">([^<]+)<\/a>/g)].map((m) => [m[1], m[2]]);
    expect(links).toEqual([
      ['grundlag', 'Grundlag'],
      ['formaal', 'Formål'],
      ['maalgruppe', 'Målgruppe'],
      ['organisering', 'Organisering'],
      ['strategi', 'Strategi'],
      ['maal', 'Mål'],
      ['indsatser', 'Indsatser'],
    ]);
    for (const [anchor] of links) expect(page).toContain(`id="${anchor}"`);
    // The written sections' own headings sit below the section's h2, skipping no level: a
    // section whose text starts at h3 keeps it.
    expect(page).toContain('<h3>Lovgrundlag</h3>');
    expect(page).toContain('<h3>Særlige grupper</h3>');
    expect(page).toContain('Vi arbejder <strong>tidligt</strong>, <em>sammen</em> og på tværs.');
    expect(page).toContain('<a href="mailto:tryghed@ishoj.dk">tryghed@ishoj.dk</a>');
    expect(page).toContain('<a href="https://www.retsinformation.dk/">Retsinformation</a>');
  });

  it('runs no script and keeps no handler, however the stored text tries', () => {
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/onerror/i);
    expect(page).not.toMatch(/onclick/i);
    expect(page).not.toMatch(/javascript:/i);
    expect(page).not.toMatch(/<img/i);
    expect(page).not.toMatch(/<iframe/i);
    // What the written sections tried is gone, text and all (the forum's escaped text is below).
    expect(page).not.toMatch(/alert\([1-4]\)/);
    // No inline style either (CSP): the look comes from the stylesheets.
    expect(page).not.toMatch(/\sstyle=/i);
    expect(page).not.toMatch(/<style/i);
    // The link that tried javascript: keeps its words, without the address.
    expect(text(page)).toContain('Børn og unge fra 6 til 25 år læs mere og deres forældre.');
    // Plain text fields are escaped, not inserted as markup.
    expect(text(page)).toContain('Koordinerer indsatserne <script>alert(5)</script> på tværs.');
  });

  it('shows the organisation by level, each forum with its members by function in a table', () => {
    for (const level of CONTENT.organisation) {
      expect(page).toContain(`<h3 id="organisering-${level.level}">${level.label}</h3>`);
      for (const forum of level.forums) expect(page).toContain(`<h4 id="forum-${forum.id}">${forum.name}</h4>`);
    }
    expect(page).toContain('<th scope="col">Funktion</th><th scope="col">Organisation</th><th scope="col">Rolle</th>');
    expect(page).toContain('<tr><th scope="row">Borgmester</th><td>Byrådet</td><td>Formand</td></tr>');
    expect(page).toContain('<tr><th scope="row">Sekretær</th><td>Vestegnens Politi</td><td>Sekretær</td></tr>');
    expect(page).toContain('<td>Observatør</td>');
    expect(text(page)).toContain('Politiets og kommunens fælles råd for tryghed.');
    expect(text(page)).toContain('Der er ikke registreret medlemmer af forummet.');
  });

  it('lists every effort under its level in a table, with target group, period and budget in Danish', () => {
    const efforts = /<section id="indsatser"[\s\S]*?<\/section>/.exec(page)?.[0] ?? '';
    for (const level of CONTENT.efforts) {
      const start = efforts.indexOf(`<h3 id="indsatser-${level.level}">${level.label}</h3>`);
      expect(start, level.label).toBeGreaterThan(-1);
      const next = CONTENT.efforts[CONTENT.efforts.indexOf(level) + 1];
      const block = efforts.slice(start, next ? efforts.indexOf(`<h3 id="indsatser-${next.level}">`) : undefined);
      for (const effort of level.efforts) {
        expect(block).toContain(`<th scope="row"><a href="#indsats-${effort.id}">${effort.title}</a></th>`);
        expect(block).toContain(`<h4>${effort.title}</h4>`);
      }
    }
    expect(allEfforts.every((e) => text(page).includes(e.title))).toBe(true);
    expect(efforts).toContain(
      '<th scope="col">Indsats</th><th scope="col">Ansvarlig</th><th scope="col">Målgruppe</th><th scope="col">Periode</th><th scope="col" class="align-text-right">Budget 2026</th>',
    );
    const row = (effortId: string) => new RegExp(`<tr><th scope="row"><a href="#indsats-${effortId}">[\\s\\S]*?</tr>`).exec(efforts)?.[0] ?? '';
    const ssp = text(row(id(11)));
    expect(ssp).toContain('Konsulent for proaktiv kriminalitetsforebyggelse Tryghed og Kriminalitetsforebyggelse');
    expect(ssp).toContain('6–17 år Alle');
    expect(ssp).toContain('Fra 27.3.2023');
    // A demo amount is never published (#9.11): the cell says so instead.
    expect(ssp).toContain('Ikke offentliggjort');
    const street = text(row(id(12)));
    expect(street).toContain('12–17 år Tidlig bekymring');
    expect(street).toContain('1.2.2026–31.12.2026');
    expect(street).toContain('240.000 kr.');
    expect(street).not.toContain('(demo)');
    const walks = text(row(id(13)));
    expect(walks).toContain('Ikke angivet');
    expect(walks).toContain('18 år Alle');
    expect(walks).toContain('12.500,50 kr.');
    expect(text(row(id(14)))).toContain('15–30 år Gentagen kriminalitet');
    // Totals per level count the published amounts only; a level with none has no total.
    expect(text(efforts)).toContain('I alt Ikke offentliggjort');
    expect(text(efforts)).toContain('I alt 252.500,50 kr.');
    expect(page).not.toContain('1.234.567');
    expect(page).not.toContain('30.000 kr.');
    expect(page).not.toContain('(demo)');
    // The note saying why some amounts are missing.
    expect(efforts).toContain('class="alert alert-info plan-money-note"');
    expect(text(efforts)).toContain('Nogle budgetter er ikke offentliggjort endnu');
  });

  it("shows each effort's goals and indicators and its status", () => {
    const t = text(page);
    expect(t).toContain('Alle skoler har et aktivt SSP-netværk Skoler med mindst to SSP-møder i året: fra 3 skoler til 6 skoler');
    expect(t).toContain('Flere føler sig trygge Andel trygge beboere: fra 62,5 % til 75 %');
    expect(t).toContain('Løsladte har en plan ved løsladelsen Målet har endnu ingen indikatorer.');
    expect(t).toContain('Der er ikke fastsat mål for indsatsen.');
    expect(t).toContain('Status: Sat i bero');
    expect(t).toContain('Status: Planlagt');
  });

  it('names the version, the approving forum and the dates in the footer, with the accessibility statement', () => {
    const footer = text(/<footer>[\s\S]*<\/footer>/.exec(page)?.[0] ?? '');
    expect(footer).toContain('Version 3');
    // Approved late on 14 January UTC: 15 January in Denmark.
    expect(footer).toContain('Godkendt af Lokalråd d. 15.1.2026');
    expect(footer).toContain('Offentliggjort d. 20.1.2026');
    expect(page).toMatch(/<footer>[\s\S]*<a href="\/tilgaengelighed">Tilgængelighedserklæring<\/a>[\s\S]*<\/footer>/);
  });

  it('makes the canonical address absolute when given the public address', () => {
    const absolute = renderPublicPlan(CONTENT, META, { publicUrl: 'https://trekant.ishoj.dk/' });
    expect(absolute).toContain('<link rel="canonical" href="https://trekant.ishoj.dk/offentlig/183/handlingsplan"/>');
  });

  it('leaves out approval lines it has no facts for', () => {
    const footer = text(/<footer>[\s\S]*<\/footer>/.exec(renderPublicPlan(CONTENT, { version: 1, approvedAt: null, publishedAt: null, approvingForum: null, money: 'published' }))?.[0] ?? '');
    expect(footer).toContain('Version 1');
    expect(footer).not.toContain('Godkendt');
    expect(footer).not.toContain('Offentliggjort');
    const noDemo = renderPublicPlan({ ...CONTENT, efforts: CONTENT.efforts.map((l) => ({ ...l, efforts: l.efforts.map((e) => ({ ...e, demo: false })) })) }, META);
    expect(text(noDemo)).toContain('1.234.567 kr.');
    expect(noDemo).not.toContain('(demo)');
    expect(noDemo).not.toContain('plan-money-note');
    // No amount published at all: no budget column, and a note that says so.
    const noneShown = renderPublicPlan({ ...CONTENT, efforts: CONTENT.efforts.map((l) => ({ ...l, efforts: l.efforts.map((e) => ({ ...e, demo: true })) })) }, META);
    expect(noneShown).not.toContain('Budget 2026');
    expect(noneShown).not.toContain(' kr.');
    expect(text(noneShown)).toContain('Budgetterne er ikke offentliggjort endnu');
  });

  it('shows no people: only the functions, units and forums the content holds', () => {
    const t = text(page);
    for (const user of DEMO_USERS) {
      expect(t).not.toContain(user.email);
      // Some demo users are named after their function (which the content may hold), so only
      // names that are not also a function or unit in the content are checked.
      if (!JSON.stringify(CONTENT).includes(user.name)) expect(t).not.toContain(user.name);
    }
    // The only address in the page is the one the strategy section wrote.
    expect(t.match(/[\w.+-]+@[\w-]+\.[\w.]+/g)).toEqual(['tryghed@ishoj.dk']);
  });

  it('has header cells with a scope in every table', () => {
    const ths = page.match(/<th\b[^>]*>/g) ?? [];
    expect(ths.length).toBeGreaterThan(10);
    for (const th of ths) expect(th).toMatch(/scope="(col|row)"/);
    // Every table has a caption for screen readers; wide ones scroll in a focusable region.
    expect((page.match(/<table/g) ?? []).length).toBe((page.match(/<caption/g) ?? []).length);
    expect(page).toMatch(/<div class="table--responsive-scroll" tabindex="0" role="region" aria-labelledby="indsatser-general">/);
  });

  it('renders a level without efforts and a section not written with a plain sentence', () => {
    const sparse = renderPublicPlan({ ...CONTENT, sections: { ...CONTENT.sections, goals: '<script>only()</script>' }, efforts: [{ level: 'general', label: 'Opbyggende', efforts: [] }] }, META);
    expect(text(sparse)).toContain('Der er ingen indsatser på dette niveau.');
    expect(text(sparse)).toContain('Kommunen har ikke skrevet noget i dette afsnit.');
    expect(sparse).not.toContain('<script');
  });
});

describe('the page without a published plan', () => {
  it('says so in DKFDS markup for a known municipality, and asks not to be indexed', () => {
    const page = renderPublicNotFound('Ishøj');
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(page).toMatch(/<html lang="da">/);
    expect(page).toContain('<h1 id="page-heading" tabindex="-1">Der er ingen offentliggjort handlingsplan</h1>');
    expect(page).toContain('Ishøj Kommune har ikke offentliggjort en lokal handlingsplan');
    expect(page).toContain('<meta name="robots" content="noindex"/>');
    expect(page).toContain('<a href="/tilgaengelighed">Tilgængelighedserklæring</a>');
    expect(page).not.toMatch(/<script|\sstyle=/i);
  });

  it('says so for an unknown municipality', () => {
    const page = renderPublicNotFound(null);
    expect(page).toContain('<title>Der er ingen offentliggjort handlingsplan</title>');
    expect(text(page)).toContain('Tjek, at kommunekoden i adressen er rigtig');
    expect(page).not.toContain('authority-name');
    expect(page).not.toContain('Planen er udgivet');
  });
});
