import JSZip from 'jszip';
import { extractLinks, extractText, getDocumentProxy } from 'unpdf';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TPlanContent, TPlanEffort } from '../../../contracts/plans.ts';
import { renderPlanDocx, renderPlanPdf } from './plans.documents.ts';
import type { PlanMeta } from './plans.format.ts';

// ---------------------------------------------------------------------------------------------
// A plan like Ishøj's: three levels of forums and efforts, written sections with every kind of
// rich text, one demo amount, and an attempt at script that the sanitiser must drop.

const SECTION_HEADINGS = ['Grundlag', 'Formål', 'Målgruppe', 'Organisering', 'Strategi', 'Mål', 'Indsatser'];
const LEVEL_LABELS = ['Opbyggende', 'Forebyggende', 'Kriminalitetsforebyggende'];
const FORUM_LEVEL_LABELS = ['Strategisk niveau', 'Koordinerende niveau', 'Udførende niveau'];

let ids = 0;
const id = () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`;

function effort(title: string, overrides: Partial<TPlanEffort> = {}): TPlanEffort {
  return {
    id: id(),
    title,
    description: null,
    status: 'active',
    owner: 'Center for Børn og Familier',
    responsibleFunction: 'SSP-konsulent',
    ageMin: 12,
    ageMax: 17,
    riskProfile: 'all',
    periodStart: '2026-01-01',
    periodEnd: '2026-12-31',
    goals: [],
    budget: 250_000,
    demo: false,
    ...overrides,
  };
}

const EFFORTS: TPlanContent['efforts'] = [
  {
    level: 'general',
    label: LEVEL_LABELS[0],
    efforts: [
      effort('Fritidsjob for unge i Vejleåparken', {
        owner: 'Ungdomsskolen',
        responsibleFunction: 'Fritidsjobkonsulent',
        ageMin: 13,
        ageMax: 17,
        budget: 1_234_567,
        demo: true,
        goals: [{ title: 'Flere unge i fritidsjob', indicators: [{ name: 'Unge i fritidsjob', unit: 'personer', baseline: 40, target: 65 }] }],
      }),
      effort('Åben hal om fredagen', { periodEnd: null, budget: 450_000 }),
    ],
  },
  {
    level: 'targeted',
    label: LEVEL_LABELS[1],
    efforts: [
      effort('Gadeplansarbejde i bydelene', {
        owner: 'SSP Ishøj',
        responsibleFunction: 'Gadeplansmedarbejder',
        riskProfile: 'early_concern',
        ageMin: 14,
        ageMax: 24,
        budget: 2_100_000,
        goals: [{ title: 'Færre utrygge steder', indicators: [{ name: 'Andel trygge borgere', unit: '%', baseline: 72.5, target: 80 }] }],
      }),
      effort('Forældrenetværk på Strandskolen', { riskProfile: 'early_concern', status: 'planned', budget: 85_000 }),
    ],
  },
  {
    level: 'individual',
    label: LEVEL_LABELS[2],
    efforts: [
      effort('Mentorforløb efter første dom', { riskProfile: 'first_offence', ageMin: 15, ageMax: 17, budget: 640_000 }),
      effort('Exitprogram for gentagne lovovertrædere', { riskProfile: 'repeat_offending', ageMin: 15, ageMax: 25, budget: 1_000_000 }),
    ],
  },
];

const SECTIONS: TPlanContent['sections'] = {
  basis:
    '<h2>Lovgrundlag</h2><p>Planen bygger på <strong>servicelovens § 19, stk. 3</strong> og retsplejelovens <em>§ 115</em>. ' +
    'Se også <a href="https://www.dkr.dk/ssp">Det Kriminalpræventive Råd</a>.</p>' +
    '<script>alert("xss")</script><p>Data fra politiets tryghedsindeks.</p>',
  purpose: '<p>Formålet er at <strong>forebygge kriminalitet</strong> blandt børn og unge i Ishøj.</p>',
  targetGroup: '<h3>Aldersgrupper</h3><ul><li>Børn 10–14 år</li><li>Unge 15–17 år</li><li>Unge voksne 18–24 år</li></ul>',
  strategy: '<p>Vi arbejder på tre niveauer:</p><ol><li>Opbyggende indsatser</li><li>Forebyggende indsatser</li><li>Kriminalitetsforebyggende indsatser</li></ol>',
  goals: '<p>Færre unge sigtes, og <em>flere føler sig trygge</em>.</p>',
};

function planContent(efforts: TPlanContent['efforts'] = EFFORTS): TPlanContent {
  return {
    municipality: { code: 183, name: 'Ishøj' },
    year: 2026,
    title: 'Lokal handlingsplan 2026',
    sections: SECTIONS,
    organisation: [
      {
        level: 'strategic',
        label: FORUM_LEVEL_LABELS[0],
        forums: [
          {
            id: id(),
            name: 'Styregruppen for tryghed',
            purpose: 'Fastlægger retningen for det kriminalpræventive arbejde.',
            members: [
              { functionTitle: 'Centerchef', organisationName: 'Center for Børn og Familier', role: 'chair' },
              { functionTitle: 'Politikommissær', organisationName: 'Vestegnens Politi', role: 'member' },
            ],
          },
        ],
      },
      {
        level: 'coordinating',
        label: FORUM_LEVEL_LABELS[1],
        forums: [
          {
            id: id(),
            name: 'SSP-koordinationsgruppen',
            purpose: null,
            members: [
              { functionTitle: 'SSP-konsulent', organisationName: 'SSP Ishøj', role: 'secretary' },
              { functionTitle: 'Skoleleder', organisationName: 'Strandskolen', role: 'observer' },
            ],
          },
        ],
      },
      { level: 'executing', label: FORUM_LEVEL_LABELS[2], forums: [] },
    ],
    efforts,
  };
}

const APPROVED: PlanMeta = { version: 3, approvedAt: '2026-03-01T23:30:00.000Z', publishedAt: '2026-03-10T09:00:00.000Z', approvingForum: 'Styregruppen for tryghed', money: 'all' };
const DRAFT: PlanMeta = { version: 1, approvedAt: null, publishedAt: null, approvingForum: null, money: 'all' };
const ALL_TITLES = EFFORTS.flatMap((l) => l.efforts.map((e) => e.title));

// ---------------------------------------------------------------------------------------------
// Reading what came out.

/** A strict enough XML reader: every tag closes in order, or it throws. Returns the elements. */
interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: (XmlElement | string)[];
}

function decodeXml(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
    if (named[e]) return named[e];
    return String.fromCodePoint(e[1].toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });
}

function parseXml(xml: string): XmlElement {
  const root: XmlElement = { name: '#document', attributes: {}, children: [] };
  const stack = [root];
  const token = /<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)|(<)/g;
  for (const m of xml.matchAll(token)) {
    const [, cdata, closing, name, attrs, selfClosing, text, stray] = m;
    const top = stack[stack.length - 1];
    if (stray) throw new Error(`malformed markup at ${m.index}: ${xml.slice(m.index, m.index + 40)}`);
    if (cdata !== undefined) top.children.push(cdata);
    else if (text !== undefined) top.children.push(decodeXml(text));
    else if (name && closing) {
      if (top.name !== name) throw new Error(`</${name}> closes <${top.name}> at ${m.index}`);
      stack.pop();
    } else if (name) {
      const attributes: Record<string, string> = {};
      for (const a of attrs.matchAll(/([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attributes[a[1]] = decodeXml(a[2] ?? a[3]);
      const element: XmlElement = { name, attributes, children: [] };
      top.children.push(element);
      if (!selfClosing) stack.push(element);
    }
  }
  if (stack.length !== 1) throw new Error(`<${stack[stack.length - 1].name}> is never closed`);
  if (root.children.filter((c) => typeof c !== 'string').length !== 1) throw new Error('not exactly one root element');
  return root;
}

function* elements(node: XmlElement, name: string): Generator<XmlElement> {
  for (const child of node.children) {
    if (typeof child === 'string') continue;
    if (child.name === name) yield child;
    yield* elements(child, name);
  }
}

const textOf = (node: XmlElement): string => [...elements(node, 'w:t')].map((t) => t.children.join('')).join('');

interface DocxParagraph {
  style: string | null;
  text: string;
  element: XmlElement;
}

function paragraphs(root: XmlElement): DocxParagraph[] {
  return [...elements(root, 'w:p')].map((p) => ({
    style: [...elements(p, 'w:pStyle')][0]?.attributes['w:val'] ?? null,
    text: textOf(p),
    element: p,
  }));
}

interface OpenedDocx {
  zip: JSZip;
  contentTypes: string;
  documentXml: string;
  document: XmlElement;
  paragraphs: DocxParagraph[];
  text: string;
  relationships: XmlElement[];
}

async function openDocx(buffer: Buffer): Promise<OpenedDocx> {
  const zip = await JSZip.loadAsync(buffer);
  const read = async (name: string) => {
    const file = zip.file(name);
    if (!file) throw new Error(`${name} is missing`);
    return file.async('string');
  };
  const contentTypes = await read('[Content_Types].xml');
  const documentXml = await read('word/document.xml');
  const document = parseXml(documentXml);
  const relationships = [...elements(parseXml(await read('word/_rels/document.xml.rels')), 'Relationship')];
  const ps = paragraphs(document);
  return { zip, contentTypes, documentXml, document, paragraphs: ps, text: ps.map((p) => p.text).join('\n'), relationships };
}

async function pdfText(buffer: Buffer): Promise<{ pages: string[]; totalPages: number }> {
  const { text, totalPages } = await extractText(new Uint8Array(buffer), { mergePages: false });
  return { pages: text, totalPages };
}

/** Text as extracted from a PDF wraps anywhere in a table cell: compare without whitespace. */
const squash = (text: string) => text.replace(/\s+/g, '');

// ---------------------------------------------------------------------------------------------

describe('the plan as DOCX', () => {
  let docx: OpenedDocx;
  beforeAll(async () => {
    docx = await openDocx(await renderPlanDocx(planContent(), APPROVED));
  });

  it('is an Office Open XML word-processing package', () => {
    const types = parseXml(docx.contentTypes);
    const main = [...elements(types, 'Override')].find((o) => o.attributes.PartName === '/word/document.xml');
    expect(main?.attributes.ContentType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml');
    expect(docx.zip.file('_rels/.rels')).not.toBeNull();
    expect([...elements(docx.document, 'w:body')]).toHaveLength(1);
  });

  it('has a title page naming the municipality, the plan, the version and its approval', () => {
    const first = docx.paragraphs.slice(0, 6).map((p) => p.text);
    expect(first).toEqual([
      'Ishøj Kommune',
      'Lokal handlingsplan for tryghed og kriminalitetsforebyggelse 2026',
      'Version 3',
      'Godkendt af Styregruppen for tryghed d. 2.3.2026',
      'Offentliggjort d. 10.3.2026',
      'Grundlag',
    ]);
    expect(docx.paragraphs[1].style).toBe('Title');
    // The body starts on its own page.
    expect([...elements(docx.paragraphs[5].element, 'w:pageBreakBefore')]).toHaveLength(1);
  });

  it('says "Udkast" for a plan not yet approved', async () => {
    const draft = await openDocx(await renderPlanDocx(planContent(), DRAFT));
    expect(draft.paragraphs.slice(2, 4).map((p) => p.text)).toEqual(['Version 1', 'Udkast']);
    expect(draft.text).not.toContain('Godkendt');
  });

  it('has the sections as built-in headings in the plan order', () => {
    expect(docx.paragraphs.filter((p) => p.style === 'Heading1').map((p) => p.text)).toEqual(SECTION_HEADINGS);
    const level2 = docx.paragraphs.filter((p) => p.style === 'Heading2').map((p) => p.text);
    // Headings inside written sections, then the forum levels, then the effort levels.
    expect(level2).toEqual(['Lovgrundlag', ...FORUM_LEVEL_LABELS, ...LEVEL_LABELS]);
    expect(docx.paragraphs.filter((p) => p.style === 'Heading3').map((p) => p.text)).toEqual(
      expect.arrayContaining(['Aldersgrupper', 'Styregruppen for tryghed', 'SSP-koordinationsgruppen']),
    );
  });

  it('renders bold, italic, links and lists from the written sections, and no script', () => {
    const bold = [...elements(docx.document, 'w:r')].filter((r) => [...elements(r, 'w:b')].length > 0).map(textOf);
    expect(bold).toContain('servicelovens § 19, stk. 3');
    const italic = [...elements(docx.document, 'w:r')].filter((r) => [...elements(r, 'w:i')].length > 0).map(textOf);
    expect(italic).toContain('§ 115');

    const link = [...elements(docx.document, 'w:hyperlink')].find((h) => textOf(h) === 'Det Kriminalpræventive Råd');
    const target = docx.relationships.find((r) => r.attributes.Id === link?.attributes['r:id']);
    expect(target?.attributes).toMatchObject({ Target: 'https://www.dkr.dk/ssp', TargetMode: 'External' });

    const listItems = docx.paragraphs.filter((p) => [...elements(p.element, 'w:numPr')].length > 0).map((p) => p.text);
    expect(listItems).toEqual(expect.arrayContaining(['Børn 10–14 år', 'Unge voksne 18–24 år', 'Opbyggende indsatser', 'Kriminalitetsforebyggende indsatser']));
    const numIdOf = (text: string) => [...elements(docx.paragraphs.find((p) => p.text === text)!.element, 'w:numId')][0].attributes['w:val'];
    // The bullet list and the numbered list are different lists.
    expect(numIdOf('Børn 10–14 år')).not.toBe(numIdOf('Opbyggende indsatser'));

    expect(docx.text).toContain('Data fra politiets tryghedsindeks.');
    expect(docx.documentXml).not.toMatch(/<script|alert\(/i);
    expect(docx.text).not.toMatch(/script|alert\(/i);
  });

  it('lists the forums with their members in Danish roles', () => {
    expect(docx.text).toContain('Formål: Fastlægger retningen for det kriminalpræventive arbejde.');
    const rows = [...elements(docx.document, 'w:tr')].map((tr) => [...elements(tr, 'w:tc')].map(textOf));
    expect(rows).toContainEqual(['Funktion', 'Organisation', 'Rolle']);
    expect(rows).toContainEqual(['Centerchef', 'Center for Børn og Familier', 'formand']);
    expect(rows).toContainEqual(['SSP-konsulent', 'SSP Ishøj', 'sekretær']);
    expect(rows).toContainEqual(['Skoleleder', 'Strandskolen', 'observatør']);
    expect(docx.text).toContain('Ingen fora på dette niveau.');
  });

  it('tables every effort per level with owner, target group, period and budget', () => {
    const rows = [...elements(docx.document, 'w:tr')].map((tr) => [...elements(tr, 'w:tc')].map((tc) => paragraphs(tc).map((p) => p.text).join(' / ')));
    const header = ['Indsats', 'Ansvarlig', 'Målgruppe', 'Periode', 'Budget'];
    expect(rows.filter((r) => r.join() === header.join())).toHaveLength(3);
    for (const title of ALL_TITLES) expect(rows.some((r) => r[0].startsWith(title))).toBe(true);
    expect(rows).toContainEqual([
      'Fritidsjob for unge i Vejleåparken',
      'Ungdomsskolen / Fritidsjobkonsulent',
      '13–17 år / alle',
      '1.1.2026–31.12.2026',
      '1.234.567 kr. (demo)',
    ]);
    expect(rows).toContainEqual(['Åben hal om fredagen', 'Center for Børn og Familier / SSP-konsulent', '12–17 år / alle', 'fra 1.1.2026', '450.000 kr.']);
    expect(rows).toContainEqual(expect.arrayContaining(['14–24 år / tidlig bekymring', '2.100.000 kr.']));
    expect(rows).toContainEqual(expect.arrayContaining(['Forældrenetværk på Strandskolen / (planlagt)']));
    expect(rows).toContainEqual(expect.arrayContaining(['15–17 år / førstegangskriminalitet', '640.000 kr.']));
    expect(rows).toContainEqual(expect.arrayContaining(['15–25 år / gentagen kriminalitet', '1.000.000 kr.']));
    // The header row repeats on every page the table runs over.
    expect([...elements(docx.document, 'w:tblHeader')].length).toBeGreaterThanOrEqual(5);
  });

  it('marks demo amounts once, under the level that has them', () => {
    const notes = docx.paragraphs.filter((p) => p.text === 'Beløb markeret (demo) er illustrative og ikke kommunens tal');
    expect(notes).toHaveLength(1);
  });

  it("lists the efforts' goals and indicators", () => {
    expect(docx.text).toContain('Flere unge i fritidsjob');
    expect(docx.text).toContain('Unge i fritidsjob: 40 → 65 personer');
    expect(docx.text).toContain('Andel trygge borgere: 72,5 → 80 %');
  });

  it('has the municipality and title in the header and "Side X af Y" in the footer, not on the title page', async () => {
    const refs = (type: string) =>
      [...elements(docx.document, type)].map((ref) => ({
        type: ref.attributes['w:type'],
        target: docx.relationships.find((r) => r.attributes.Id === ref.attributes['r:id'])!.attributes.Target,
      }));
    const part = async (target: string) => parseXml(await docx.zip.file(`word/${target}`)!.async('string'));

    const footers = refs('w:footerReference');
    const defaultFooter = await part(footers.find((f) => f.type === 'default')!.target);
    const fields = [...elements(defaultFooter, 'w:instrText')].map((i) => i.children.join('').trim());
    expect(fields).toEqual(['PAGE', 'NUMPAGES']);
    expect(textOf(defaultFooter)).toBe('Side  af ');
    expect(textOf(await part(footers.find((f) => f.type === 'first')!.target))).toBe('');

    const headers = refs('w:headerReference');
    expect(textOf(await part(headers.find((h) => h.type === 'default')!.target))).toBe('Ishøj Kommune · Lokal handlingsplan 2026');
    expect([...elements(docx.document, 'w:titlePg')]).toHaveLength(1);
  });

  it('sets IBM Plex Sans as the document font', async () => {
    const styles = parseXml(await docx.zip.file('word/styles.xml')!.async('string'));
    const defaults = [...elements(styles, 'w:docDefaults')][0];
    expect([...elements(defaults, 'w:rFonts')][0].attributes).toMatchObject({ 'w:ascii': 'IBM Plex Sans', 'w:hAnsi': 'IBM Plex Sans' });
  });
});

describe('the plan as PDF', () => {
  let buffer: Buffer;
  let pdf: { pages: string[]; totalPages: number };
  beforeAll(async () => {
    buffer = await renderPlanPdf(planContent(), APPROVED);
    pdf = await pdfText(buffer);
  });

  it('is a PDF of more than one page', () => {
    expect(buffer.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(buffer.subarray(-8).toString('latin1')).toContain('%%EOF');
    expect(pdf.totalPages).toBeGreaterThan(1);
  });

  it('has the title page, the sections in order and every effort', () => {
    const title = squash(pdf.pages[0]);
    for (const line of ['Ishøj Kommune', 'Lokal handlingsplan for tryghed og kriminalitetsforebyggelse 2026', 'Version 3', 'Godkendt af Styregruppen for tryghed d. 2.3.2026']) {
      expect(title).toContain(squash(line));
    }
    // The title page holds nothing else.
    expect(title).not.toContain('Grundlag');

    const body = squash(pdf.pages.slice(1).join('\n'));
    let at = -1;
    for (const heading of SECTION_HEADINGS) {
      const next = body.indexOf(heading, at + 1);
      expect(next, heading).toBeGreaterThan(at);
      at = next;
    }
    for (const title of ALL_TITLES) expect(body).toContain(squash(title));
    for (const label of [...LEVEL_LABELS, ...FORUM_LEVEL_LABELS]) expect(body).toContain(squash(label));
  });

  it('writes the amounts, Danish words and the demo note', () => {
    const body = squash(pdf.pages.join('\n'));
    for (const text of [
      '1.234.567 kr. (demo)',
      '450.000 kr.',
      '2.100.000 kr.',
      'Beløb markeret (demo) er illustrative og ikke kommunens tal',
      'førstegangskriminalitet',
      'gentagen kriminalitet',
      'formand',
      'observatør',
      'fra 1.1.2026',
      'Andel trygge borgere: 72,5 → 80 %',
    ]) {
      expect(body).toContain(squash(text));
    }
    expect(body).not.toMatch(/script|alert\(/i);
  });

  it('keeps the link from the written section', async () => {
    const { links } = await extractLinks(await getDocumentProxy(new Uint8Array(buffer)));
    expect(links).toContain('https://www.dkr.dk/ssp');
  });

  it('numbers the pages after the title page "Side X af Y"', () => {
    expect(pdf.pages[0]).not.toMatch(/Side \d+ af/);
    pdf.pages.slice(1).forEach((page, i) => expect(page).toContain(`Side ${i + 2} af ${pdf.totalPages}`));
    expect(pdf.pages[1]).toContain('Ishøj Kommune · Lokal handlingsplan 2026');
  });

  it('embeds IBM Plex Sans', () => {
    const bytes = buffer.toString('latin1');
    const fonts = [...bytes.matchAll(/\/FontName \/(?:[A-Z]{6}\+)?([\w-]+)/g)].map((m) => m[1]);
    expect(fonts).toEqual(expect.arrayContaining(['IBMPlexSans', 'IBMPlexSans-Bold', 'IBMPlexSans-Italic']));
    expect(fonts.every((f) => f.startsWith('IBMPlexSans'))).toBe(true);
    expect(bytes).toMatch(/\/FontFile2 \d+ 0 R/);
  });
});

describe('a large plan', () => {
  const many: TPlanContent['efforts'] = EFFORTS.map((level, l) => ({
    ...level,
    efforts: Array.from({ length: 14 }, (_, i) =>
      effort(`${level.label} indsats nr. ${i + 1} – særlig indsats for børn og unge i Ishøj Landsby og Strandparken`, {
        goals: [{ title: `Mål ${l + 1}.${i + 1}`, indicators: [{ name: 'Deltagere', unit: 'personer', baseline: i, target: i + 10 }] }],
        demo: i % 3 === 0,
      }),
    ),
  }));
  const titles = many.flatMap((l) => l.efforts.map((e) => e.title));

  // Rendering 42 efforts into both formats takes seconds on a busy 2-core machine (bench/README.md).
  it('keeps every effort when the tables run over pages', { timeout: 30_000 }, async () => {
    const [docxBuffer, pdfBuffer] = await Promise.all([renderPlanDocx(planContent(many), APPROVED), renderPlanPdf(planContent(many), DRAFT)]);
    const docx = await openDocx(docxBuffer);
    const rows = [...elements(docx.document, 'w:tr')].map((tr) => textOf([...elements(tr, 'w:tc')][0]));
    expect(titles.every((t) => rows.includes(t))).toBe(true);

    const pdf = await pdfText(pdfBuffer);
    expect(pdf.totalPages).toBeGreaterThan(5);
    const body = squash(pdf.pages.join('\n'));
    // Nr. 1 is a prefix of nr. 10–14: look for each title with what follows it in its row.
    for (const title of titles) expect(body).toContain(squash(`${title}Center for Børn og Familier`));
    expect(squash(pdf.pages[0])).toContain('Udkast');
  });
});
