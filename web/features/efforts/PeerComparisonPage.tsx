import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { TLocale } from '../../../contracts/common.ts';
import type { TPeerComparison } from '../../../contracts/efforts.ts';
import { Link } from 'react-router';
import { AssumedMark } from '../../components/Assumed.tsx';
import { Loading } from '../../components/Loading.tsx';
import { Breadcrumbs, PageHeading } from '../../components/Page.tsx';
import { LoadError } from '../../components/QueryState.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { formatDecimal, formatNumber } from '../../lib/format.ts';
import { NotStated } from '../organisation/shared.tsx';
import { getPeerComparison } from './api.ts';
import { BAR_X, layoutBars } from './bars.ts';
import { EFFORTS_ROOT, EFFORT_KEY, LEVELS_TOP_DOWN } from './labels.ts';
import { effortCrumbs } from './shared.tsx';

type Municipality = TPeerComparison['municipalities'][number];

/** FTE per 10,000 inhabitants with two decimals throughout, so the figures line up. */
const perTenThousand = (value: number, locale: TLocale) => formatDecimal(value, locale, 2, 2);

function Chart({ comparison }: { comparison: TPeerComparison }) {
  const { t, locale } = useI18n();
  // Without a population, or with staff on no level, there is nothing to draw (the tables say "not stated").
  const known = comparison.municipalities.filter((m): m is Municipality & { per10k: NonNullable<Municipality['per10k']> } => m.per10k !== null && m.levelsStated);
  const layout = layoutBars(
    LEVELS_TOP_DOWN.map((level) => ({
      key: level,
      label: comparison.labels[level],
      bars: known.map((m) => ({ key: m.id, label: m.own ? t('effort.peers.own_name', { name: m.name }) : m.name, value: m.per10k[level], highlight: m.own })),
    })),
  );
  return (
    <figure className="peer-chart">
      <figcaption id="peer-chart-caption">{t('effort.peers.chart_caption')}</figcaption>
      <div className="triangle-scroll">
        <svg className="peer-chart-svg" viewBox={`0 0 ${layout.width} ${layout.height}`} width={layout.width} height={layout.height} role="img" aria-labelledby="peer-chart-caption">
          {layout.groups.map((group) => (
            <g key={group.key}>
              <text x="0" y={group.headingY} className="peer-chart-group">
                {group.label}
              </text>
              {group.bars.map((bar) => (
                <g key={bar.key} className={bar.highlight ? 'peer-bar is-own' : 'peer-bar'}>
                  <text x={BAR_X - 8} y={bar.textY} textAnchor="end" className="peer-bar-label">
                    {bar.label}
                  </text>
                  <rect x={BAR_X} y={bar.y} width={bar.width} height={bar.height} rx="2" className="peer-bar-rect" />
                  <text x={BAR_X + bar.width + 6} y={bar.textY} className="peer-bar-value">
                    {perTenThousand(bar.value, locale)}
                  </text>
                </g>
              ))}
            </g>
          ))}
        </svg>
      </div>
      {known.length < comparison.municipalities.length ? <p className="small-text">{t('effort.peers.unknown_population')}</p> : null}
    </figure>
  );
}

/** One table per measure, levels down and municipalities across, as the chart groups them. */
function ComparisonTable({ comparison, id, title, rows }: { comparison: TPeerComparison; id: string; title: string; rows: { key: string; label: string; cell(m: Municipality): ReactNode }[] }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby={`${id}-heading`} className="mt-7">
      <h2 id={`${id}-heading`}>{title}</h2>
      <div className="table--responsive-scroll" tabIndex={0} role="group" aria-labelledby={`${id}-heading`}>
        <table className="table table--compact table--zebra peer-table" id={id}>
          <thead>
            <tr>
              <th scope="col">{t('effort.field.level')}</th>
              {comparison.municipalities.map((m) => (
                <th key={m.id} scope="col" className={`align-text-right${m.own ? ' is-own' : ''}`}>
                  {m.own ? t('effort.peers.own_name', { name: m.name }) : m.reference ? <Link to={`${EFFORTS_ROOT}/sammenligning/${m.id}`}>{m.name}</Link> : m.name}
                  <AssumedMark reason={m.assumptions.join(' ') || undefined} />
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.label}</th>
                {comparison.municipalities.map((m) => (
                  <td key={m.id} className={`align-text-right${m.own ? ' is-own' : ''}`}>
                    {row.cell(m)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Tables({ comparison }: { comparison: TPeerComparison }) {
  const { t, locale } = useI18n();
  const fte = (value: number) => formatDecimal(value, locale, 1, 2);
  return (
    <>
      <ComparisonTable
        comparison={comparison}
        id="peer-per10k"
        title={t('effort.peers.per10k')}
        rows={LEVELS_TOP_DOWN.map((level) => ({ key: level, label: comparison.labels[level], cell: (m) => (m.per10k && m.levelsStated ? perTenThousand(m.per10k[level], locale) : <NotStated />) }))}
      />
      <ComparisonTable
        comparison={comparison}
        id="peer-fte"
        title={t('effort.peers.fte_table')}
        rows={[
          ...LEVELS_TOP_DOWN.map((level) => ({ key: level, label: comparison.labels[level], cell: (m: Municipality) => (m.levelsStated ? fte(m.fte[level]) : <NotStated />) })),
          { key: 'unassigned', label: t('effort.peers.unassigned'), cell: (m: Municipality) => fte(m.fte.unassigned) },
          { key: 'inhabitants', label: t('effort.peers.inhabitants'), cell: (m: Municipality) => (m.inhabitants == null ? <NotStated /> : formatNumber(m.inhabitants, locale)) },
        ]}
      />
    </>
  );
}

export function PeerComparisonPage() {
  const { t } = useI18n();
  const comparison = useQuery({ queryKey: [EFFORT_KEY, 'peers'], queryFn: getPeerComparison });
  const data = comparison.data;
  return (
    <>
      <Breadcrumbs items={effortCrumbs(t, [{ label: t('effort.peers.title') }])} />
      <PageHeading lead={t('effort.peers.lead')}>{t('effort.peers.title')}</PageHeading>
      {comparison.isPending ? <Loading /> : null}
      {comparison.isError ? <LoadError error={comparison.error} retry={() => void comparison.refetch()} /> : null}
      {data ? (
        data.municipalities.length === 0 ? (
          <div className="empty-state">
            <p>{t('effort.peers.empty')}</p>
          </div>
        ) : (
          <>
            <Chart comparison={data} />
            <Tables comparison={data} />
            <p className="small-text mt-4">{t('effort.peers.note')}</p>
          </>
        )
      ) : null}
    </>
  );
}
