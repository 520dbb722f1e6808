/**
 * The public page of a published plan: one HTML document rendered on the server in DKFDS
 * markup, so it reads with JavaScript off and can be indexed and archived. No script at all
 * (the CSP allows no inline script, and the page needs none) and no style attribute (the CSP
 * would allow them, for the API docs, but this page has no need): the look comes from DKFDS's
 * own stylesheet and public.css, served under PUBLIC_ASSET_PREFIX.
 *
 * The plan's content holds functions, units, forums and efforts, never people, so the page
 * cannot show personal data; the approval is named by its forum, not by who voted.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { fitHeadings, type TPlanContent, type TPlanEffort, type TWrittenSection } from '../../../contracts/plans.ts';
import { policy } from '../../platform/access/route-policy.ts';
import { capitalise, formatAgeBand, formatDate, formatDkk, formatNumber, formatPeriod } from '../../platform/danish-format.ts';
import { type PlanMeta, EFFORTS_TITLE, ORGANISATION_TITLE, ROLE_WORDS, RISK_WORDS, SECTION_TITLES, STATUS_WORDS } from './plans.format.ts';
import { withMoney } from './plans.content.ts';
import { sanitizeRichText } from './plans.richtext.ts';

/** Where the page's stylesheets, fonts and icons are served. */
export const PUBLIC_ASSET_PREFIX = '/offentlig/assets';
const DKFDS_PREFIX = `${PUBLIC_ASSET_PREFIX}/dkfds`;
const DKFDS_CSS = `${DKFDS_PREFIX}/css/dkfds.min.css`;
const ICON_SPRITE = `${DKFDS_PREFIX}/img/all-svg-icons.svg`;
const OWN_CSS_NAME = 'trekant-offentlig.css';
const OWN_CSS = `${PUBLIC_ASSET_PREFIX}/${OWN_CSS_NAME}`;


// ---------------------------------------------------------------------------------------------
// Words. The public page is Danish only; every text is here, none in the components below.

const T = {
  solution: (year: number) => `Lokal handlingsplan for tryghed og kriminalitetsforebyggelse ${year}`,
  solutionWithoutYear: 'Lokal handlingsplan for tryghed og kriminalitetsforebyggelse',
  municipality: (name: string) => `${name} Kommune`,
  municipalityGenitive: (name: string) => `${name} Kommunes`,
  description: (municipality: string, year: number) =>
    `${municipality} lokale handlingsplan for tryghed og kriminalitetsforebyggelse ${year}: grundlag, formål, målgruppe, organisering, strategi, mål og indsatser.`,
  lead: (municipality: string, year: number) =>
    `Her kan du læse, hvordan ${municipality}, politiet og deres samarbejdspartnere arbejder med tryghed og kriminalitetsforebyggelse i ${year}: hvem der gør hvad, for hvem og med hvilke mål.`,
  skip: 'Gå til sidens indhold',
  onThisPage: 'Indhold på siden',
  sections: { ...SECTION_TITLES, organisation: ORGANISATION_TITLE, efforts: EFFORTS_TITLE },

  sectionNotWritten: 'Kommunen har ikke skrevet noget i dette afsnit.',
  organisationIntro: 'Samarbejdet er organiseret i fora på tre niveauer. Medlemmerne er angivet ved deres funktion, ikke ved navn.',
  noForums: 'Der er ingen fora på dette niveau.',
  noMembers: 'Der er ikke registreret medlemmer af forummet.',
  membersCaption: (forum: string) => `Medlemmer af ${forum}`,
  member: { function: 'Funktion', organisation: 'Organisation', role: 'Rolle' },
  effortsIntro: (year: number) =>
    `Indsatserne er ordnet efter forebyggelsestrekantens tre niveauer. Planen omfatter de indsatser, der kører eller begynder i ${year}. Budgettet er indsatsens budget for ${year}.`,
  noEfforts: 'Der er ingen indsatser på dette niveau.',
  effortsCaption: (level: string) => `Indsatser på niveauet ${level}`,
  effort: { title: 'Indsats', responsible: 'Ansvarlig', targetGroup: 'Målgruppe', period: 'Periode', budget: (year: number) => `Budget ${year}` },
  total: 'I alt',
  notGiven: 'Ikke angivet',
  statusLabel: 'Status',
  notPublished: 'Ikke offentliggjort',
  totalPublished: 'I alt (de offentliggjorte beløb)',
  noAmountsHeading: 'Budgetterne er ikke offentliggjort endnu',
  someAmountsHeading: 'Nogle budgetter er ikke offentliggjort endnu',
  amountsText: 'Kommunen offentliggør indsatsernes budgetter, når den har registreret sin økonomi for dem.',
  info: 'Information',
  goalsHeading: 'Mål og indikatorer',
  noGoals: 'Der er ikke fastsat mål for indsatsen.',
  noIndicators: 'Målet har endnu ingen indikatorer.',
  indicator: (name: string, baseline: string, target: string) => `${name}: fra ${baseline} til ${target}`,
  version: (n: number) => `Version ${n}`,
  approvedBy: (forum: string) => `Godkendt af ${forum}`,
  approved: 'Godkendt',
  on: (date: string) => ` d. ${date}`,
  published: (date: string) => `Offentliggjort d. ${date}`,
  aboutPlan: 'Om planen',
  accessibility: 'Tilgængelighedserklæring',
  madeWith: 'Planen er udgivet fra Trekant, kommunens og politiets fælles system til arbejdet med tryghed og kriminalitetsforebyggelse.',
  about: 'Kommunerne og politiet offentliggør deres lokale handlingsplaner for tryghed og kriminalitetsforebyggelse fra Trekant, deres fælles system til arbejdet.',
  notFoundTitle: 'Der er ingen offentliggjort handlingsplan',
  notFoundKnown: (municipality: string) =>
    `${municipality} har ikke offentliggjort en lokal handlingsplan for tryghed og kriminalitetsforebyggelse her endnu. Kontakt kommunen, hvis du leder efter planen.`,
  notFoundUnknown: 'Der er ingen offentliggjort handlingsplan på denne adresse. Tjek, at kommunekoden i adressen er rigtig, eller kontakt kommunen.',
  notFoundDescription: 'Der er ingen offentliggjort lokal handlingsplan for tryghed og kriminalitetsforebyggelse på denne adresse.',
};

/** Anchors of the sections, in the order the page shows them (Danish, ASCII only). */
const SECTION_IDS = {
  basis: 'grundlag',
  purpose: 'formaal',
  targetGroup: 'maalgruppe',
  organisation: 'organisering',
  strategy: 'strategi',
  goals: 'maal',
  efforts: 'indsatser',
} as const;
type SectionKey = keyof typeof SECTION_IDS;
const SECTION_ORDER: SectionKey[] = ['basis', 'purpose', 'targetGroup', 'organisation', 'strategy', 'goals', 'efforts'];

// ---------------------------------------------------------------------------------------------
// Formatting: Danish public-sector style (1.12.2026, 12.500 kr., decimal comma).

/** A value with its unit, as Danish writes it: `50 %`, `6 skoler`. */
function withUnit(value: number, unit: string): string {
  const trimmed = unit.trim();
  return trimmed ? `${formatNumber(value)} ${trimmed}` : formatNumber(value);
}

/**
 * A written section as HTML safe to insert: sanitised again here (defence in depth, whatever
 * was stored), and its headings placed under the section's own h2 (fitHeadings).
 */
export function sectionHtml(stored: string): string {
  return fitHeadings(sanitizeRichText(stored));
}

// ---------------------------------------------------------------------------------------------
// Components (DKFDS markup).

function Icon({ name, label }: { name: string; label?: string }) {
  return (
    <svg className="icon-svg alert-icon" focusable="false" aria-hidden={label ? undefined : true} aria-label={label} role={label ? 'img' : undefined}>
      <use href={`${ICON_SPRITE}#${name}`} />
    </svg>
  );
}

function Document(props: { title: string; description: string; canonical?: string; noIndex?: boolean; municipalityName: string | null; solution: string; solutionHref?: string; footer: ReactNode; children: ReactNode }) {
  return (
    <html lang="da">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <title>{props.title}</title>
        <meta name="description" content={props.description} />
        {props.noIndex ? <meta name="robots" content="noindex" /> : null}
        {props.canonical ? <link rel="canonical" href={props.canonical} /> : null}
        <link rel="stylesheet" href={DKFDS_CSS} />
        <link rel="stylesheet" href={OWN_CSS} />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
      </head>
      <body className="public-page">
        <a className="skipnav" href="#main-content">
          {T.skip}
        </a>
        <header className="header">
          {props.municipalityName ? (
            <div className="portal-info">
              <div className="portal-info-inner container">
                <p className="authority-name public-authority">{T.municipality(props.municipalityName)}</p>
              </div>
            </div>
          ) : null}
          <div className="solution-info">
            <div className="solution-info-inner container">
              <div className="solution-heading">{props.solutionHref ? <a href={props.solutionHref}>{props.solution}</a> : <span>{props.solution}</span>}</div>
            </div>
          </div>
        </header>
        <div className="container page-container">
          <main id="main-content" tabIndex={-1}>
            {props.children}
          </main>
        </div>
        <footer>
          <div className="footer">
            <div className="container">{props.footer}</div>
          </div>
        </footer>
      </body>
    </html>
  );
}

function WrittenSection({ section, html }: { section: TWrittenSection; html: string }) {
  const clean = sectionHtml(html);
  return (
    <section id={SECTION_IDS[section]} className="plan-section">
      <h2>{T.sections[section]}</h2>
      {clean ? <div className="plan-richtext" dangerouslySetInnerHTML={{ __html: clean }} /> : <p className="plan-empty">{T.sectionNotWritten}</p>}
    </section>
  );
}

function OrganisationSection({ organisation }: { organisation: TPlanContent['organisation'] }) {
  return (
    <section id={SECTION_IDS.organisation} className="plan-section">
      <h2>{T.sections.organisation}</h2>
      <p>{T.organisationIntro}</p>
      {organisation.map((level) => (
        <div key={level.level} className="plan-level">
          <h3 id={`organisering-${level.level}`}>{level.label}</h3>
          {level.forums.length === 0 ? <p className="plan-empty">{T.noForums}</p> : null}
          {level.forums.map((forum) => (
            <div key={forum.id} className="plan-forum">
              <h4 id={`forum-${forum.id}`}>{forum.name}</h4>
              {forum.purpose ? <p>{forum.purpose}</p> : null}
              {forum.members.length === 0 ? (
                <p className="plan-empty">{T.noMembers}</p>
              ) : (
                <div className="table--responsive-scroll" tabIndex={0} role="region" aria-labelledby={`forum-${forum.id}`}>
                  <table className="table table--compact plan-members">
                    <caption className="sr-only">{T.membersCaption(forum.name)}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{T.member.function}</th>
                        <th scope="col">{T.member.organisation}</th>
                        <th scope="col">{T.member.role}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {forum.members.map((member, index) => (
                        <tr key={`${member.functionTitle}-${member.organisationName}-${index}`}>
                          <th scope="row">{member.functionTitle}</th>
                          <td>{member.organisationName}</td>
                          <td>{capitalise(ROLE_WORDS[member.role])}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </div>
          ))}
        </div>
      ))}
    </section>
  );
}

const effortAnchor = (effort: TPlanEffort) => `indsats-${effort.id}`;

/** An amount, or that it is not published (a demo amount, or none recorded for publication yet). */
function Budget({ amount }: { amount: number | null }) {
  return amount === null ? <span className="plan-secondary">{T.notPublished}</span> : <>{formatDkk(amount)}</>;
}

function EffortTable({ level, year, withBudget }: { level: TPlanContent['efforts'][number]; year: number; withBudget: boolean }) {
  const headingId = `indsatser-${level.level}`;
  const shown = level.efforts.flatMap((e) => (e.budget === null ? [] : [e.budget]));
  const partial = shown.length > 0 && shown.length < level.efforts.length;
  return (
    <div className="table--responsive-scroll" tabIndex={0} role="region" aria-labelledby={headingId}>
      <table className="table table--zebra table--compact plan-efforts">
        <caption className="sr-only">{T.effortsCaption(level.label)}</caption>
        <thead>
          <tr>
            <th scope="col">{T.effort.title}</th>
            <th scope="col">{T.effort.responsible}</th>
            <th scope="col">{T.effort.targetGroup}</th>
            <th scope="col">{T.effort.period}</th>
            {withBudget ? (
              <th scope="col" className="align-text-right">
                {T.effort.budget(year)}
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {level.efforts.map((effort) => (
            <tr key={effort.id}>
              <th scope="row">
                <a href={`#${effortAnchor(effort)}`}>{effort.title}</a>
              </th>
              <td>
                {effort.responsibleFunction || effort.owner ? (
                  <>
                    {effort.responsibleFunction ? <span className="plan-line">{effort.responsibleFunction}</span> : null}
                    {effort.owner ? <span className="plan-line plan-secondary">{effort.owner}</span> : null}
                  </>
                ) : (
                  T.notGiven
                )}
              </td>
              <td>
                <span className="plan-line">{formatAgeBand(effort.ageMin, effort.ageMax)}</span>
                <span className="plan-line">{capitalise(RISK_WORDS[effort.riskProfile])}</span>
              </td>
              <td className="plan-nowrap">{capitalise(formatPeriod(effort.periodStart, effort.periodEnd))}</td>
              {withBudget ? (
                <td className="align-text-right plan-nowrap">
                  <Budget amount={effort.budget} />
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
        {withBudget ? (
          <tfoot>
            <tr>
              <th scope="row" colSpan={4}>
                {partial ? T.totalPublished : T.total}
              </th>
              <td className="align-text-right plan-nowrap">
                <strong>
                  <Budget amount={shown.length > 0 ? shown.reduce((sum, b) => sum + b, 0) : null} />
                </strong>
              </td>
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}

function EffortDetails({ effort }: { effort: TPlanEffort }) {
  return (
    <div id={effortAnchor(effort)} className="plan-effort">
      <h4>{effort.title}</h4>
      {effort.description ? <p>{effort.description}</p> : null}
      <p>
        {T.statusLabel}: {capitalise(STATUS_WORDS[effort.status])}
      </p>
      <h5>{T.goalsHeading}</h5>
      {effort.goals.length === 0 ? (
        <p className="plan-empty">{T.noGoals}</p>
      ) : (
        <ul className="plan-goals">
          {effort.goals.map((goal, index) => (
            <li key={`${goal.title}-${index}`}>
              <strong>{goal.title}</strong>
              {goal.indicators.length === 0 ? (
                <p className="plan-empty">{T.noIndicators}</p>
              ) : (
                <ul>
                  {goal.indicators.map((indicator, i) => (
                    <li key={`${indicator.name}-${i}`}>{T.indicator(indicator.name, withUnit(indicator.baseline, indicator.unit), withUnit(indicator.target, indicator.unit))}</li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function EffortsSection({ content }: { content: TPlanContent }) {
  const all = content.efforts.flatMap((level) => level.efforts);
  // The budget column only when an amount is published; a note when some or all are not yet.
  const withBudget = all.some((e) => e.budget !== null);
  return (
    <section id={SECTION_IDS.efforts} className="plan-section">
      <h2>{T.sections.efforts}</h2>
      <p>{T.effortsIntro(content.year)}</p>
      {all.some((e) => e.budget === null) ? (
        <div className="alert alert-info plan-money-note" id="beloeb">
          <Icon name="info" label={T.info} />
          <div className="alert-body">
            <p className="alert-heading">{withBudget ? T.someAmountsHeading : T.noAmountsHeading}</p>
            <p className="alert-text">{T.amountsText}</p>
          </div>
        </div>
      ) : null}
      {content.efforts.map((level) => (
        <div key={level.level} className="plan-level">
          <h3 id={`indsatser-${level.level}`}>{level.label}</h3>
          {level.efforts.length === 0 ? (
            <p className="plan-empty">{T.noEfforts}</p>
          ) : (
            <>
              <EffortTable level={level} year={content.year} withBudget={withBudget} />
              {level.efforts.map((effort) => (
                <EffortDetails key={effort.id} effort={effort} />
              ))}
            </>
          )}
        </div>
      ))}
    </section>
  );
}

function approvalLine(meta: PlanMeta): string | null {
  const date = meta.approvedAt ? T.on(formatDate(meta.approvedAt)) : '';
  if (meta.approvingForum) return `${T.approvedBy(meta.approvingForum)}${date}`;
  return meta.approvedAt ? `${T.approved}${date}` : null;
}

function PlanFooter({ municipality, meta }: { municipality: string | null; meta?: PlanMeta }) {
  const approval = meta ? approvalLine(meta) : null;
  return (
    <div className="row">
      <div className="col-12 col-md-6 footer-col">
        {municipality ? (
          <p>
            <strong>{T.municipality(municipality)}</strong>
          </p>
        ) : null}
        {meta ? (
          <ul className="unstyled-list plan-facts" aria-label={T.aboutPlan}>
            <li>{T.version(meta.version)}</li>
            {approval ? <li>{approval}</li> : null}
            {meta.publishedAt ? <li>{T.published(formatDate(meta.publishedAt))}</li> : null}
          </ul>
        ) : (
          <p>{T.about}</p>
        )}
      </div>
      <div className="col-12 col-md-6 footer-col">
        <ul className="unstyled-list">
          <li>
            <a href="/tilgaengelighed">{T.accessibility}</a>
          </li>
        </ul>
        {meta ? <p>{T.madeWith}</p> : null}
      </div>
    </div>
  );
}

/** The address of a municipality's public plan. */
export const publicPlanPath = (municipalityCode: number) => `/offentlig/${municipalityCode}/handlingsplan`;

function PlanPage({ content, meta, publicUrl }: { content: TPlanContent; meta: PlanMeta; publicUrl?: string }) {
  const municipality = T.municipality(content.municipality.name);
  const solution = T.solution(content.year);
  const title = content.title.trim() || solution;
  const path = publicPlanPath(content.municipality.code);
  const canonical = publicUrl ? `${publicUrl.replace(/\/+$/, '')}${path}` : path;
  const sections: Record<SectionKey, ReactNode> = {
    basis: <WrittenSection key="basis" section="basis" html={content.sections.basis} />,
    purpose: <WrittenSection key="purpose" section="purpose" html={content.sections.purpose} />,
    targetGroup: <WrittenSection key="targetGroup" section="targetGroup" html={content.sections.targetGroup} />,
    organisation: <OrganisationSection key="organisation" organisation={content.organisation} />,
    strategy: <WrittenSection key="strategy" section="strategy" html={content.sections.strategy} />,
    goals: <WrittenSection key="goals" section="goals" html={content.sections.goals} />,
    efforts: <EffortsSection key="efforts" content={content} />,
  };
  return (
    <Document
      title={`${title} – ${municipality}`}
      description={T.description(T.municipalityGenitive(content.municipality.name), content.year)}
      canonical={canonical}
      municipalityName={content.municipality.name}
      solution={solution}
      solutionHref={path}
      footer={<PlanFooter municipality={content.municipality.name} meta={meta} />}
    >
      <h1 id="page-heading" tabIndex={-1}>
        {title}
      </h1>
      <p className="font-lead">{T.lead(municipality, content.year)}</p>
      <nav className="anchorbox" aria-labelledby="indhold-paa-siden">
        <h2 id="indhold-paa-siden" className="anchortitle">
          {T.onThisPage}
        </h2>
        <ul className="anchorlist">
          {SECTION_ORDER.map((key) => (
            <li key={key}>
              <a href={`#${SECTION_IDS[key]}`}>{T.sections[key]}</a>
            </li>
          ))}
        </ul>
      </nav>
      {SECTION_ORDER.map((key) => sections[key])}
    </Document>
  );
}

function NotFoundPage({ municipalityName }: { municipalityName: string | null }) {
  return (
    <Document
      title={municipalityName ? `${T.notFoundTitle} – ${T.municipality(municipalityName)}` : T.notFoundTitle}
      description={T.notFoundDescription}
      noIndex
      municipalityName={municipalityName}
      solution={T.solutionWithoutYear}
      footer={<PlanFooter municipality={municipalityName} />}
    >
      <h1 id="page-heading" tabIndex={-1}>
        {T.notFoundTitle}
      </h1>
      <p className="font-lead">{municipalityName ? T.notFoundKnown(T.municipality(municipalityName)) : T.notFoundUnknown}</p>
    </Document>
  );
}

const html = (element: ReactNode) => `<!doctype html>\n${renderToStaticMarkup(element)}`;

/**
 * The published plan as a complete HTML document (Danish), ready to send as text/html.
 * `options.publicUrl` (e.g. config.publicUrl) makes the canonical link absolute, as search
 * engines and archives prefer; without it the link is the path alone.
 */
export function renderPublicPlan(content: TPlanContent, meta: PlanMeta, options: { publicUrl?: string } = {}): string {
  // The public reads the published form whatever it is given: never a demo amount.
  return html(<PlanPage content={withMoney(content, 'published')} meta={meta} publicUrl={options.publicUrl} />);
}

/** The page for a municipality (or an unknown code: null) without a published plan; send it with 404. */
export function renderPublicNotFound(municipalityName: string | null): string {
  return html(<NotFoundPage municipalityName={municipalityName} />);
}

// ---------------------------------------------------------------------------------------------
// Assets.

const require = createRequire(import.meta.url);
/** node_modules/dkfds/dist (the package exports only its script, which lives in dist/js). */
const DKFDS_DIST = path.resolve(path.dirname(require.resolve('dkfds')), '..');
const OWN_CSS_FILE = fileURLToPath(new URL('./public.css', import.meta.url));

/**
 * Serves DKFDS's stylesheet and the fonts and icons it references under PUBLIC_ASSET_PREFIX/dkfds,
 * and public.css as PUBLIC_ASSET_PREFIX/trekant-offentlig.css.
 *
 * DKFDS is served with `wildcard: false`: @fastify/static then registers one route per file
 * found at start-up (nothing else under the prefix is reachable) and marks each with
 * `config.file`, which app.ts's `isPublicAsset` recognises and gives `policy.public()`.
 * Its script, sources, source maps and the fonts the stylesheet does not use are left out.
 * Register after `installRoutePolicies` (as every module's routes are).
 */
export async function registerPublicAssets(app: FastifyInstance): Promise<void> {
  await app.register(fastifyStatic, {
    root: DKFDS_DIST,
    prefix: `${DKFDS_PREFIX}/`,
    decorateReply: false,
    wildcard: false,
    index: false,
    // Only what the page uses: the stylesheet, the woff2 and woff fonts it names, and
    // the icon sprite. Each file is a route of its own (no wildcard), so fewer files, fewer routes.
    globIgnore: ['js/**', 'scss/**', '**/*.md', '**/*.map', 'css/dkfds-*', 'fonts/**/split/**', 'fonts/**/otf/**', 'fonts/**/eot/**', 'fonts/**/ttf/**', 'img/svg-icons/**'],
    maxAge: '1d',
  });
  const css = fs.readFileSync(OWN_CSS_FILE);
  app.get(OWN_CSS, { config: { policy: policy.public() }, schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(css),
  );
}
