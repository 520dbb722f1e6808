import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Fragment } from 'react';
import { Link, useNavigate } from 'react-router';
import { FORUM_LEVELS, type TLevelDiagram, type TLevelLabels } from '../../../contracts/organisation.ts';
import { hasPermission, useSession } from '../../app/session.tsx';
import { Loading } from '../../components/Loading.tsx';
import { Breadcrumbs, PageHeading } from '../../components/Page.tsx';
import { LoadError } from '../../components/QueryState.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { getLevelDiagram } from '../../lib/endpoints.ts';
import { formatNumber } from '../../lib/format.ts';
import { BOX_HEIGHT, BOX_WIDTH, layoutDiagram } from './diagram.ts';
import { ORG_KEY } from './labels.ts';
import { AsOfPicker, DistrictBadge, useAsOf, useCollator, useWithAsOf } from './shared.tsx';

function Diagram({ diagram }: { diagram: TLevelDiagram }) {
  const { t, locale } = useI18n();
  const collator = useCollator();
  const navigate = useNavigate();
  const withAsOf = useWithAsOf();
  const layout = layoutDiagram(diagram.forums, collator);
  const labels: TLevelLabels = diagram.labels;
  return (
    <figure className="level-diagram">
      <figcaption id="diagram-caption" className="level-diagram-caption">
        {t('org.levels.diagram_caption')}
      </figcaption>
      <div className="level-diagram-scroll">
        <svg
          className="level-diagram-svg"
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          width={layout.width}
          height={layout.height}
          role="group"
          aria-labelledby="diagram-caption"
        >
          <defs>
            <marker id="diagram-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M 0 0 L 10 5 L 0 10 z" className="level-diagram-arrow" />
            </marker>
          </defs>
          <g aria-hidden="true">
            {layout.bands.map((band, i) => (
              <g key={band.level}>
                <rect x="0" y={band.y} width={layout.width} height={band.height} className={`level-band level-band-${i % 2 === 0 ? 'even' : 'odd'}`} />
              </g>
            ))}
            {layout.edges.map((edge) => (
              <path key={`${edge.from}-${edge.to}`} d={edge.d} className="level-edge" markerEnd="url(#diagram-arrow)" />
            ))}
            {layout.bands.map((band, i) => (
              <text key={band.level} x="12" y={band.y + 22} className={`level-band-label level-band-label-${i % 2 === 0 ? 'even' : 'odd'}`}>
                {labels[band.level]}
              </text>
            ))}
          </g>
          {layout.boxes.map((box) => {
            const f = box.forum;
            const href = withAsOf(`/organisation/fora/${f.id}`);
            const district = f.scope === 'police_district';
            const meta = `${district ? `${t('org.levels.district_short')} · ` : ''}${t('org.levels.members', { count: formatNumber(f.memberCount, locale) })}`;
            // The name a screen reader hears starts with the words on screen (WCAG 2.5.3);
            // the level, and a name cut short on screen, follow in parentheses.
            const shown = box.nameLines.join(' ');
            const name =
              shown === f.name
                ? t('org.levels.box_label', { name: shown, meta, level: labels[f.level] })
                : t('org.levels.box_label_cut', { name: shown, meta, level: labels[f.level], full: f.name });
            const firstLine = box.y + (box.nameLines.length === 1 ? 30 : 24);
            return (
              <a
                key={f.id}
                href={href}
                className={`level-box${district ? ' level-box-district' : ''}`}
                aria-label={name}
                onClick={(event) => {
                  if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
                  event.preventDefault();
                  navigate(href);
                }}
              >
                <rect x={box.x} y={box.y} width={BOX_WIDTH} height={BOX_HEIGHT} rx="4" className="level-box-rect" />
                {box.nameLines.map((line, i) => (
                  // A space between the lines, so their words do not run together when read.
                  <Fragment key={i}>
                    {i > 0 ? ' ' : null}
                    <text x={box.x + BOX_WIDTH / 2} y={firstLine + i * 19} textAnchor="middle" className="level-box-name">
                      {line}
                    </text>
                  </Fragment>
                ))}{' '}
                <text x={box.x + BOX_WIDTH / 2} y={box.y + BOX_HEIGHT - 10} textAnchor="middle" className="level-box-meta">
                  {meta}
                </text>
              </a>
            );
          })}
        </svg>
      </div>
      <ul className="nobullet-list level-diagram-legend" aria-label={t('org.matrix.legend')}>
        <li>
          <span className="legend-swatch legend-swatch-municipality" aria-hidden="true" /> {t('org.levels.legend_municipality')}
        </li>
        <li>
          <span className="legend-swatch legend-swatch-district" aria-hidden="true" /> {t('org.levels.legend_district')}
        </li>
        <li>
          <span className="legend-line" aria-hidden="true" /> {t('org.levels.legend_line')}
        </li>
      </ul>
    </figure>
  );
}

function DiagramTable({ diagram }: { diagram: TLevelDiagram }) {
  const { t, locale } = useI18n();
  const collator = useCollator();
  const withAsOf = useWithAsOf();
  const byId = new Map(diagram.forums.map((f) => [f.id, f]));
  const order = (level: string) => FORUM_LEVELS.indexOf(level as (typeof FORUM_LEVELS)[number]);
  const rows = [...diagram.forums].sort((a, b) => order(a.level) - order(b.level) || Number(a.scope === 'municipality') - Number(b.scope === 'municipality') || collator.compare(a.name, b.name));
  return (
    <section aria-labelledby="levels-table-heading" className="mt-7">
      <h2 id="levels-table-heading">{t('org.levels.table_title')}</h2>
      <div className="table--responsive-scroll" tabIndex={0} role="group" aria-labelledby="levels-table-heading">
        <table className="table table--zebra" id="levels-table">
          <thead>
            <tr>
              <th scope="col">{t('org.levels.forum')}</th>
              <th scope="col">{t('org.levels.level')}</th>
              <th scope="col">{t('org.levels.reports_to')}</th>
              <th scope="col">{t('org.levels.owner')}</th>
              <th scope="col" className="align-text-right">
                {t('org.levels.member_count')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((f) => {
              const parent = f.reportsToId ? byId.get(f.reportsToId) : undefined;
              return (
                <tr key={f.id}>
                  {/* The forum first: it names the row, and stays in view when the table scrolls. */}
                  <th scope="row">
                    <Link to={withAsOf(`/organisation/fora/${f.id}`)}>{f.name}</Link>
                  </th>
                  <td>{diagram.labels[f.level]}</td>
                  <td>{parent ? parent.name : f.reportsToId ? t('org.forum.reports_to_hidden') : t('org.levels.reports_to_none')}</td>
                  <td>{f.scope === 'police_district' ? <DistrictBadge /> : t('org.owner.municipality')}</td>
                  <td className="align-text-right">{formatNumber(f.memberCount, locale)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function DiagramPage() {
  const { t } = useI18n();
  const me = useSession();
  const asOf = useAsOf();
  const diagram = useQuery({ queryKey: [ORG_KEY, 'levels', asOf], queryFn: () => getLevelDiagram(asOf), placeholderData: keepPreviousData });
  return (
    <>
      <Breadcrumbs items={[{ to: '/', label: t('nav.front_page') }, { to: '/organisation', label: t('nav.organisation') }, { label: t('org.levels.title') }]} />
      <PageHeading lead={t('org.levels.lead')}>{t('org.levels.title')}</PageHeading>
      <AsOfPicker />
      {hasPermission(me, 'settings.manage') ? (
        <p>
          <Link to="/organisation/niveaunavne">{t('org.levels.rename_link')}</Link>
        </p>
      ) : null}
      {diagram.isPending ? <Loading /> : null}
      {diagram.isError ? <LoadError error={diagram.error} retry={() => void diagram.refetch()} /> : null}
      {diagram.data ? (
        diagram.data.forums.length === 0 ? (
          <div className="empty-state">
            <p>{asOf ? t('org.levels.empty_then') : t('org.levels.empty')}</p>
            {!asOf && hasPermission(me, 'organisation.edit') ? (
              <p>
                <Link to="/organisation/fora/ny">{t('org.forums.create_first')}</Link>
              </p>
            ) : null}
          </div>
        ) : (
          <>
            <Diagram diagram={diagram.data} />
            <DiagramTable diagram={diagram.data} />
          </>
        )
      ) : null}
    </>
  );
}
