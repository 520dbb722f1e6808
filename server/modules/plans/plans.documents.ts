import type { TPlanContent, TPlanEffort, TWrittenSection } from '../../../contracts/plans.ts';
import { type Cell, type DocumentOutline, type OutlineNode, type TitlePage, note, plain, renderDocx, renderPdf } from '../../platform/documents.ts';
import { formatAgeBand, formatDate, formatDkk, formatNumber, formatPeriod, municipalityDisplayName } from '../../platform/danish-format.ts';
import { SECTION_TITLES, ORGANISATION_TITLE, EFFORTS_TITLE, ROLE_WORDS, RISK_WORDS, STATUS_WORDS, DEMO_NOTE, MONEY_NOTES, planDocumentTitle, type PlanMeta } from './plans.format.ts';
import { richTextBlocks, type Block } from './plans.richtext.ts';

/**
 * The plan as a document (DOCX and PDF, drawn by `platform/documents.ts`): a title page, then
 * the sections in the plan's order with the organisation and the efforts generated from the
 * content.
 */

function richTextNodes(html: string): OutlineNode[] {
  const nodes = richTextBlocks(html).map((block: Block): OutlineNode => {
    switch (block.kind) {
      case 'heading':
        return { kind: 'heading', level: block.level, text: block.runs.map((r) => r.text).join('').trim() };
      case 'paragraph':
        return { kind: 'paragraph', runs: block.runs };
      case 'list':
        return { kind: 'list', ordered: block.ordered, items: block.items.map((runs) => ({ runs, level: 0 })) };
    }
  });
  return nodes.length > 0 ? nodes : [note('Afsnittet er ikke skrevet endnu.')];
}

function organisationNodes(content: TPlanContent): OutlineNode[] {
  const nodes: OutlineNode[] = [];
  for (const level of content.organisation) {
    nodes.push({ kind: 'heading', level: 2, text: level.label });
    if (level.forums.length === 0) nodes.push(note('Ingen fora på dette niveau.'));
    for (const forum of level.forums) {
      nodes.push({ kind: 'heading', level: 3, text: forum.name });
      if (forum.purpose?.trim()) nodes.push({ kind: 'paragraph', runs: [plain('Formål: ', { bold: true }), plain(forum.purpose.trim())] });
      if (forum.members.length === 0) {
        nodes.push(note('Forummet har ingen medlemmer.'));
        continue;
      }
      nodes.push({
        kind: 'table',
        columns: [
          { header: 'Funktion', weight: 4 },
          { header: 'Organisation', weight: 4 },
          { header: 'Rolle', weight: 2 },
        ],
        rows: forum.members.map((m) => [{ lines: [m.functionTitle] }, { lines: [m.organisationName] }, { lines: [ROLE_WORDS[m.role]] }]),
      });
    }
  }
  return nodes;
}

function effortRow(effort: TPlanEffort, withBudget: boolean): Cell[] {
  const responsible = [effort.owner, effort.responsibleFunction].filter((s): s is string => !!s?.trim());
  const row = [
    { lines: effort.status === 'active' ? [effort.title] : [effort.title, `(${STATUS_WORDS[effort.status]})`], strong: true },
    { lines: responsible.length > 0 ? responsible : ['–'] },
    { lines: [formatAgeBand(effort.ageMin, effort.ageMax), RISK_WORDS[effort.riskProfile]] },
    { lines: [formatPeriod(effort.periodStart, effort.periodEnd)] },
  ];
  if (!withBudget) return row;
  return [...row, { lines: [effort.budget === null ? '–' : `${formatDkk(effort.budget)}${effort.demo ? ' (demo)' : ''}`] }];
}

function effortNodes(content: TPlanContent, money: PlanMeta['money']): OutlineNode[] {
  const nodes: OutlineNode[] = [];
  const all = content.efforts.flatMap((l) => l.efforts);
  // The budget column only when the reader sees an amount; a note says why amounts are missing.
  const withBudget = all.some((e) => e.budget !== null);
  if (money !== 'all' && all.some((e) => e.budget === null)) nodes.push(note(MONEY_NOTES[money]));
  for (const level of content.efforts) {
    nodes.push({ kind: 'heading', level: 2, text: level.label });
    if (level.efforts.length === 0) {
      nodes.push(note('Ingen indsatser på dette niveau.'));
      continue;
    }
    nodes.push({
      kind: 'table',
      columns: [
        { header: 'Indsats', weight: 30 },
        { header: 'Ansvarlig', weight: 22 },
        { header: 'Målgruppe', weight: 17 },
        { header: 'Periode', weight: 16 },
        ...(withBudget ? [{ header: 'Budget', weight: 15, align: 'right' as const }] : []),
      ],
      rows: level.efforts.map((e) => effortRow(e, withBudget)),
    });
    if (level.efforts.some((e) => e.demo && e.budget !== null)) nodes.push(note(DEMO_NOTE));
    const withGoals = level.efforts.filter((e) => e.goals.length > 0);
    if (withGoals.length > 0) nodes.push({ kind: 'heading', level: 3, text: `Mål og indikatorer: ${level.label}` });
    for (const effort of withGoals) {
      nodes.push({ kind: 'paragraph', runs: [plain(effort.title, { bold: true })] });
      nodes.push({
        kind: 'list',
        ordered: false,
        items: effort.goals.flatMap((goal) => [
          { runs: [plain(goal.title)], level: 0 as const },
          ...goal.indicators.map((i) => ({
            runs: [plain(`${i.name}: `, { italic: true }), plain(`${formatNumber(i.baseline)} → ${formatNumber(i.target)} ${i.unit}`.trim())],
            level: 1 as const,
          })),
        ]),
      });
    }
  }
  return nodes;
}

function titlePage(content: TPlanContent, meta: PlanMeta): TitlePage {
  const lines = [`Version ${meta.version}`];
  if (meta.approvedAt) lines.push(`Godkendt${meta.approvingForum ? ` af ${meta.approvingForum}` : ''} d. ${formatDate(meta.approvedAt)}`);
  else lines.push('Udkast');
  if (meta.publishedAt) lines.push(`Offentliggjort d. ${formatDate(meta.publishedAt)}`);
  return { municipality: municipalityDisplayName(content.municipality.name), title: planDocumentTitle(content.year), lines };
}

/** The plan's outline in the order the plan shows it. */
function planOutline(content: TPlanContent, meta: PlanMeta): DocumentOutline {
  const section = (key: TWrittenSection): OutlineNode[] => [{ kind: 'heading', level: 1, text: SECTION_TITLES[key] }, ...richTextNodes(content.sections[key])];
  const page = titlePage(content, meta);
  return {
    heading: content.title.trim() || page.title,
    municipality: page.municipality,
    titlePage: page,
    body: [
      ...section('basis'),
      ...section('purpose'),
      ...section('targetGroup'),
      { kind: 'heading', level: 1, text: ORGANISATION_TITLE },
      ...organisationNodes(content),
      ...section('strategy'),
      ...section('goals'),
      { kind: 'heading', level: 1, text: EFFORTS_TITLE },
      ...effortNodes(content, meta.money),
    ],
  };
}

/** The plan as a DOCX memo. */
export const renderPlanDocx = (content: TPlanContent, meta: PlanMeta): Promise<Buffer> => renderDocx(planOutline(content, meta));

/** The plan as a PDF, laid out as the DOCX. */
export const renderPlanPdf = (content: TPlanContent, meta: PlanMeta): Promise<Buffer> => renderPdf(planOutline(content, meta));
