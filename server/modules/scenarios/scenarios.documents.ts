import type { TTriangleLabels } from '../../../contracts/efforts.ts';
import { TRIANGLE_LEVELS } from '../../../contracts/organisation.ts';
import { CRITERIA, PROGRAMMES, type TComparedScenario, type TProgramme, type TScenarioDetail } from '../../../contracts/scenarios.ts';
import { formatDate, formatDkk, formatNumber, municipalityDisplayName } from '../../platform/danish-format.ts';
import { type Cell, type Column, type DocumentOutline, type OutlineNode, note, plain } from '../../platform/documents.ts';

/**
 * The recommendation (issue #12 item 14) as the memo's own form: an "Arbejdsnotat" to the
 * steering group with the scenarios compared, a diagram of each (its pillars and functions, its
 * forums and reporting lines), the comparison on the working group's criteria, the
 * consequences against today, the assessment and the recommendation. Only the outline is
 * built here; platform/documents.ts draws it as DOCX and PDF.
 */

export interface RecommendationInput {
  municipality: string;
  /** The day the note is dated (Danish calendar date). */
  date: string;
  recommendedId: string;
  /** The compared scenarios, in the order chosen, each with its comparison figures. */
  scenarios: { detail: TScenarioDetail; compared: TComparedScenario; origin: string }[];
  /** Today's map beside them, when asked for. */
  today: TComparedScenario | null;
  levelLabels: TTriangleLabels;
}

export const CRITERION_WORDS: Record<(typeof CRITERIA)[number], string> = {
  anchoring: 'Forankring: centre og ledelseslag',
  resources: 'Ressourcer pr. niveau og søjle',
  coverage: 'Dækning af målgrupper og indsatser',
  path_to_lokalraad: 'Vejen til lokalrådet',
  forum_load: 'Fora og mødetimer',
  cost: 'Økonomi i forhold til i dag',
  changes: 'Forandringer fra i dag',
};
const PROGRAMME_WORDS: Record<TProgramme, string> = { gadeplan: 'Gadeplan', god_loesladelse: 'God Løsladelse', exit: 'Exit', infohus: 'Infohus' };
const MAX_LISTED = 40;

/** Ages as ranges: 6, 7, 8, 12 → "6–8, 12". */
export function ageRanges(ages: readonly number[]): string {
  const ranges: [number, number][] = [];
  for (const age of [...ages].sort((a, b) => a - b)) {
    const last = ranges.at(-1);
    if (last && age === last[1] + 1) last[1] = age;
    else ranges.push([age, age]);
  }
  return ranges.map(([from, to]) => (from === to ? String(from) : `${from}–${to}`)).join(', ');
}

const yesNo = (value: boolean) => (value ? 'ja' : 'nej');
const fte = (value: number) => formatNumber(value, 1, 2);
const signedDkk = (value: number) => (value > 0 ? `+${formatDkk(value)}` : formatDkk(value));
const heading = (level: 1 | 2 | 3, text: string): OutlineNode => ({ kind: 'heading', level, text });
const paragraph = (text: string): OutlineNode => ({ kind: 'paragraph', runs: [plain(text)] });
const labelled = (label: string, text: string): OutlineNode => ({ kind: 'paragraph', runs: [plain(`${label}: `, { bold: true }), plain(text)] });

/** A list, or a note that there is nothing; long lists are cut with a count of the rest. */
function listOr(items: string[], none: string): OutlineNode {
  if (items.length === 0) return note(none);
  const shown = items.slice(0, MAX_LISTED).map((text) => ({ runs: [plain(text)], level: 0 as const }));
  if (items.length > MAX_LISTED) shown.push({ runs: [plain(`… og ${items.length - MAX_LISTED} flere`, { italic: true })], level: 0 });
  return { kind: 'list', ordered: false, items: shown };
}

/** The scenario's organisation as a table: a column per pillar, its functions and FTE below. */
function pillarDiagram(detail: TScenarioDetail, labels: TTriangleLabels): OutlineNode[] {
  const { pillars, functions } = detail.document;
  const staff = functions.filter((f) => f.unitKey !== null);
  const columns = [...pillars.map((p) => ({ key: p.key as string | null, name: p.name, levels: p.levels })), ...(staff.some((f) => f.pillarKey === null) ? [{ key: null, name: 'Uden søjle', levels: [] }] : [])];
  if (columns.length === 0) return [note('Scenariet har ingen søjler og ingen medarbejdere.')];
  const cells = columns.map((column) => staff.filter((f) => f.pillarKey === column.key).map((f) => `${f.title} (${fte(f.fte)})`));
  const height = Math.max(1, ...cells.map((c) => c.length));
  const headerOf = (c: (typeof columns)[number]) => {
    const levels = c.levels.map((l) => labels[l].toLocaleLowerCase('da')).join(', ');
    // A pillar named after its one level says it once.
    return levels && levels !== c.name.toLocaleLowerCase('da') ? `${c.name} (${levels})` : c.name;
  };
  // Columns share the width; a wide organisation is drawn in groups of four pillars.
  const nodes: OutlineNode[] = [];
  for (let start = 0; start < columns.length; start += 4) {
    const part = columns.slice(start, start + 4);
    nodes.push({
      kind: 'table',
      columns: part.map((c): Column => ({ header: headerOf(c), weight: 1 })),
      rows: Array.from({ length: height }, (_, row) => part.map((_, i): Cell => ({ lines: [cells[start + i][row] ?? ''] }))),
    });
  }
  return nodes;
}

/** The forums as their reporting lines: each under the forum it reports to. */
function forumLines(detail: TScenarioDetail): OutlineNode {
  const forums = detail.document.forums;
  const names = new Map(forums.map((f) => [f.key, f.name]));
  return listOr(
    forums.map((f) => {
      const to = f.reportsTo ? `rapporterer til ${names.get(f.reportsTo) ?? '–'}` : 'rapporterer ikke videre';
      return `${f.name}: ${to}; ${f.members.length} medlemmer, ${f.meetingsPerYear} møder om året`;
    }),
    'Scenariet har ingen fora.',
  );
}

function scenarioSection(item: RecommendationInput['scenarios'][number], recommended: boolean, labels: TTriangleLabels): OutlineNode[] {
  const { detail } = item;
  const placement = detail.document.placement;
  const assumptions = [...new Set(Object.values(detail.document.assumptions))];
  return [
    heading(2, recommended ? `${detail.title} (anbefales)` : detail.title),
    ...(detail.description.trim() ? [paragraph(detail.description.trim())] : []),
    labelled('Udgangspunkt', item.origin),
    labelled('Placering', [placement.text.trim().replace(/\.$/, '') || '–', `${placement.layersToTopManagement} ledelseslag til direktionen`, `forankret i ${placement.centres.join(', ') || 'ingen centre'}`].join('; ')),
    heading(3, 'Diagram: søjler og funktioner (årsværk)'),
    ...pillarDiagram(detail, labels),
    heading(3, 'Fora og rapporteringsveje'),
    forumLines(detail),
    heading(3, 'Advarsler'),
    listOr(detail.warnings.map((w) => w.da), 'Ingen advarsler.'),
    heading(3, 'Antagelser'),
    listOr(assumptions, 'Scenariet bygger ikke på antagelser ud over kortet.'),
  ];
}

/** The criteria as rows, the scenarios (and today) as columns. */
function comparisonTable(compared: TComparedScenario[], labels: TTriangleLabels): OutlineNode {
  const row = (label: string, value: (c: TComparedScenario) => string): Cell[] => [{ lines: [label], strong: true }, ...compared.map((c) => ({ lines: [value(c)] }))];
  const level = (c: TComparedScenario, l: (typeof TRIANGLE_LEVELS)[number]) => c.perLevel.find((p) => p.level === l);
  return {
    kind: 'table',
    columns: [{ header: 'Kriterium', weight: 3 }, ...compared.map((c): Column => ({ header: c.title, weight: 2, align: 'right' }))],
    rows: [
      row('Centre, arbejdet er forankret i', (c) => String(c.centres)),
      row('Ledelseslag til direktionen', (c) => String(c.layersToTopManagement)),
      row('Årsværk i alt', (c) => fte(c.total.fte)),
      row('Årsværk pr. 10.000 indbyggere', (c) => fte(c.total.ftePer10k)),
      ...TRIANGLE_LEVELS.map((l) => row(`Årsværk, ${labels[l].toLocaleLowerCase('da')}`, (c) => (level(c, l) ? fte(level(c, l)!.fte) : '–'))),
      row('Udgifter i alt', (c) => formatDkk(c.total.cost)),
      row('Udgifter pr. 10.000 indbyggere', (c) => formatDkk(c.total.costPer10k)),
      row('Udgifter i forhold til i dag', (c) => signedDkk(c.costAgainstToday)),
      row('Aldre 6–25 uden indsats', (c) => (c.coverage.uncoveredAges.length === 0 ? 'ingen' : ageRanges(c.coverage.uncoveredAges))),
      row('Under 18 år', (c) => yesNo(c.coverage.under18)),
      row('Over 18 år', (c) => yesNo(c.coverage.over18)),
      ...PROGRAMMES.map((p) => row(PROGRAMME_WORDS[p], (c) => yesNo(c.coverage.programmes[p]))),
      row('Fora fra udførende niveau til lokalrådet (længste vej)', (c) => (c.pathToLokalraad.longest === null ? 'når ikke lokalrådet' : String(c.pathToLokalraad.longest))),
      row('Fora', (c) => String(c.forumLoad.forums)),
      row('Mødetimer om året', (c) => formatNumber(c.forumLoad.meetingHoursPerYear, 0, 1)),
      row('Advarsler', (c) => String(c.warnings.length)),
    ],
  };
}

function consequences(compared: TComparedScenario): OutlineNode[] {
  const changes = compared.changesFromToday;
  return [
    heading(2, compared.title),
    labelled('Udgifter i forhold til i dag', signedDkk(compared.costAgainstToday)),
    labelled('Indsatsernes budgetter i forhold til i dag', signedDkk(changes.budgetDifference)),
    heading(3, 'Funktioner, der flytter'),
    listOr(changes.functionsMoved.map((m) => `${m.title}: fra ${m.from ?? 'ingen søjle'} til ${m.to ?? 'ingen søjle'}`), 'Ingen.'),
    heading(3, 'Nye funktioner'),
    listOr(changes.functionsAdded, 'Ingen.'),
    heading(3, 'Funktioner, der udgår'),
    listOr(changes.functionsRemoved, 'Ingen.'),
    heading(3, 'Fora'),
    listOr(
      [...changes.forumsAdded.map((f) => `Nyt: ${f}`), ...changes.forumsClosed.map((f) => `Nedlægges: ${f}`), ...changes.forumsMerged.map((m) => `${m.name} lægges sammen med ${m.into}`)],
      'Ingen ændringer i fora.',
    ),
  ];
}

function assessment(detail: TScenarioDetail): OutlineNode[] {
  const rated = CRITERIA.filter((c) => detail.assessment.criteria[c]);
  if (rated.length === 0) return [heading(2, detail.title), note('Arbejdsgruppen har ikke vurderet scenariet på kriterierne.')];
  return [
    heading(2, detail.title),
    {
      kind: 'table',
      columns: [
        { header: 'Kriterium', weight: 3 },
        { header: 'Vægt (0–5)', weight: 1, align: 'right' },
        { header: 'Begrundelse', weight: 6 },
      ],
      rows: rated.map((c) => {
        const { weight, rationale } = detail.assessment.criteria[c]!;
        return [{ lines: [CRITERION_WORDS[c]], strong: true }, { lines: [String(weight)] }, { lines: [rationale.trim() || '–'] }];
      }),
    },
  ];
}

export function recommendationOutline(input: RecommendationInput): DocumentOutline {
  const municipality = municipalityDisplayName(input.municipality);
  const recommended = input.scenarios.find((s) => s.detail.id === input.recommendedId)!;
  const compared = [...input.scenarios.map((s) => s.compared), ...(input.today ? [input.today] : [])];
  const title = 'Arbejdsnotat: organisering af tryghed og kriminalitetsforebyggelse';
  return {
    heading: title,
    municipality,
    titlePage: { municipality, title, lines: ['Til styregruppen', `Dato: ${formatDate(input.date)}`, `Anbefalet scenarie: ${recommended.detail.title}`] },
    body: [
      heading(1, 'Indledning'),
      paragraph(
        `Arbejdsgruppen har sammenlignet ${input.scenarios.length} scenarier for, hvor arbejdet med tryghed og kriminalitetsforebyggelse i ${municipality} skal forankres: placering, søjler, fora og medarbejdere. ` +
          'Notatet viser hvert scenarie, sammenligner dem på arbejdsgruppens kriterier, beskriver konsekvenserne i forhold til i dag og slutter med arbejdsgruppens anbefaling.',
      ),
      note('Tal og oplysninger, som scenarierne antager, står under hvert scenaries antagelser. Udgifter er årsværk gange en antaget årsløn plus indsatsernes budgetter.'),
      heading(1, 'Scenarierne'),
      ...input.scenarios.flatMap((s) => scenarioSection(s, s.detail.id === input.recommendedId, input.levelLabels)),
      heading(1, 'Sammenligning'),
      comparisonTable(compared, input.levelLabels),
      heading(1, 'Konsekvenser i forhold til i dag'),
      ...input.scenarios.flatMap((s) => consequences(s.compared)),
      heading(1, 'Vurdering'),
      ...input.scenarios.flatMap((s) => assessment(s.detail)),
      heading(1, 'Anbefaling'),
      paragraph(`Arbejdsgruppen anbefaler, at styregruppen indstiller scenariet »${recommended.detail.title}« til udvalget og byrådet.`),
      ...(recommended.detail.description.trim() ? [paragraph(recommended.detail.description.trim())] : []),
    ],
  };
}
