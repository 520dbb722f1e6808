import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState, useSyncExternalStore, type KeyboardEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { TLocale } from '../../../contracts/common.ts';
import type { TTriangle } from '../../../contracts/efforts.ts';
import { TRIANGLE_LEVELS, type TTriangleLevel } from '../../../contracts/organisation.ts';
import { Loading } from '../../components/Loading.tsx';
import { Breadcrumbs, PageHeading } from '../../components/Page.tsx';
import { LoadError } from '../../components/QueryState.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { formatDkk, formatNumber } from '../../lib/format.ts';
import { getTriangle } from './api.ts';
import { EFFORTS_ROOT, EFFORT_KEY, LEVELS_TOP_DOWN, STATUS_KEYS, effortFiltersFrom, filterQuery, withEffortFilters, type Translate } from './labels.ts';
import { DemoBadge, DemoNotice, EffortFilterForm, Hours, Money, ResetFilters, StatusBadge, YearEndNote, asOfForYear, currentYear, effortCrumbs, type FilterField } from './shared.tsx';
import { layoutTriangle } from './triangle.ts';

type Band = TTriangle['bands'][number];

const FIELDS: FilterField[] = ['status', 'unit', 'ageFrom', 'ageTo', 'district', 'year'];
const BAND_PARAM = 'lag';
const LIST_ID = 'triangle-band-efforts';

const NARROW_QUERY = '(max-width: 575px)';

/** Is the screen a phone's? Follows the window as it turns or is resized. */
function useNarrowScreen(): boolean {
  return useSyncExternalStore(
    (changed) => {
      const query = window.matchMedia(NARROW_QUERY);
      query.addEventListener('change', changed);
      return () => query.removeEventListener('change', changed);
    },
    () => window.matchMedia(NARROW_QUERY).matches,
  );
}

/** The band's numbers in words, the same on the picture, in its accessible name and in the table. */
function bandFacts(band: Band, t: Translate, locale: TLocale) {
  return {
    count: t('effort.triangle.count', { count: formatNumber(band.count, locale) }),
    money: band.budget == null ? null : formatDkk(band.budget, locale),
    hours: band.hours == null ? null : t('effort.hours', { hours: formatNumber(band.hours, locale, 1) }),
  };
}

function Triangle({ triangle, open, onToggle }: { triangle: TTriangle; open: TTriangleLevel | null; onToggle(level: TTriangleLevel): void }) {
  const { t, locale } = useI18n();
  const narrow = useNarrowScreen();
  const { width, height, bands: shapes } = layoutTriangle(narrow);
  const byLevel = new Map(triangle.bands.map((b) => [b.level, b]));
  const onKeyDown = (event: KeyboardEvent, level: TTriangleLevel) => {
    if (event.key === 'Enter' || event.key === ' ') {
      // Space would scroll the page, as on a native button it does not.
      event.preventDefault();
      onToggle(level);
    }
  };
  return (
    <figure className="triangle">
      <figcaption id="triangle-caption" className="triangle-caption">
        {t('effort.triangle.caption')}
      </figcaption>
      <div className="triangle-scroll">
        <svg className={`triangle-svg${narrow ? ' triangle-svg-narrow' : ''}`} viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="group" aria-labelledby="triangle-caption">
          {shapes.map((shape) => {
            const band = byLevel.get(shape.level);
            if (!band) return null;
            const facts = bandFacts(band, t, locale);
            const expanded = open === band.level;
            // The band's name comes from its words (label first, as on screen); the big count
            // inside the band repeats the count and is hidden from screen readers.
            return (
              <g
                key={shape.level}
                className={`triangle-band triangle-band-${shape.level}${expanded ? ' is-open' : ''}`}
                role="button"
                tabIndex={0}
                aria-expanded={expanded}
                aria-controls={LIST_ID}
                data-level={shape.level}
                onClick={() => onToggle(band.level)}
                onKeyDown={(e) => onKeyDown(e, band.level)}
              >
                <polygon points={shape.points} className="triangle-band-shape" />
                {shape.leader ? <line {...shape.leader} className="triangle-leader" aria-hidden="true" /> : null}
                {shape.swatch ? <rect x={shape.swatch.x} y={shape.swatch.y} width={shape.swatch.size} height={shape.swatch.size} className="triangle-band-shape" aria-hidden="true" /> : null}
                <text x={shape.textX} y={shape.textY} className="triangle-band-label">
                  {band.label}
                </text>{' '}
                <text x={shape.textX} y={shape.textY + 22} className="triangle-band-fact">
                  {facts.count}
                </text>
                {facts.money ? (
                  <>
                    {' '}
                    <text x={shape.textX} y={shape.textY + 44} className="triangle-band-fact">
                      {facts.money}
                    </text>
                  </>
                ) : null}
                {facts.hours ? (
                  <>
                    {' '}
                    <text x={shape.textX} y={shape.textY + 66} className="triangle-band-fact">
                      {facts.hours}
                    </text>
                  </>
                ) : null}
                {band.demo && facts.money ? (
                  <>
                    {' '}
                    <text x={shape.textX} y={shape.textY + 86} className="triangle-band-demo">
                      {t('effort.demo.badge')}
                    </text>
                  </>
                ) : null}
                <text x={shape.centreX} y={shape.countY} textAnchor="middle" className="triangle-band-count" aria-hidden="true">
                  {formatNumber(band.count, locale)}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
      <p className="small-text">{t('effort.triangle.how_to')}</p>
    </figure>
  );
}

function BandEfforts({ band }: { band: Band | null }) {
  const { t, locale } = useI18n();
  return (
    <section id={LIST_ID} aria-labelledby={band ? 'band-efforts-heading' : undefined} aria-label={band ? undefined : t('effort.triangle.band_list')} className="triangle-band-list mt-5">
      {band ? (
        <>
          <h2 id="band-efforts-heading">{t('effort.triangle.band_heading', { label: band.label, count: formatNumber(band.count, locale) })}</h2>
          {band.efforts.length === 0 ? (
            <div className="empty-state">
              <p>{t('effort.triangle.band_empty')}</p>
            </div>
          ) : (
            <ul className="effort-link-list">
              {band.efforts.map((effort) => (
                <li key={effort.id}>
                  <Link to={`${EFFORTS_ROOT}/${effort.id}`}>{effort.title}</Link> <StatusBadge status={effort.status} />
                </li>
              ))}
            </ul>
          )}
        </>
      ) : (
        <p className="small-text">{t('effort.triangle.choose_band')}</p>
      )}
    </section>
  );
}

function TriangleTable({ triangle }: { triangle: TTriangle }) {
  const { t, locale } = useI18n();
  const byLevel = new Map(triangle.bands.map((b) => [b.level, b]));
  const bands = LEVELS_TOP_DOWN.map((l) => byLevel.get(l)).filter((b): b is Band => Boolean(b));
  return (
    <section aria-labelledby="triangle-table-heading" className="mt-7">
      <h2 id="triangle-table-heading">{t('effort.triangle.table_title')}</h2>
      <div className="table--responsive-scroll" tabIndex={0} role="group" aria-labelledby="triangle-table-heading">
        <table className="table table--zebra" id="triangle-table">
          <thead>
            <tr>
              <th scope="col">{t('effort.field.level')}</th>
              <th scope="col" className="align-text-right">
                {t('effort.triangle.efforts')}
              </th>
              <th scope="col" className="align-text-right">
                {t('effort.triangle.budget', { year: triangle.year })}
              </th>
              <th scope="col" className="align-text-right">
                {t('effort.triangle.hours', { year: triangle.year })}
              </th>
            </tr>
          </thead>
          <tbody>
            {bands.map((band) => (
              <tr key={band.level} data-level={band.level}>
                <th scope="row">{band.label}</th>
                <td className="align-text-right">{formatNumber(band.count, locale)}</td>
                <td className="align-text-right nowrap">
                  <Money amount={band.budget} />
                  {band.demo && band.budget != null ? (
                    <>
                      {' '}
                      <DemoBadge />
                    </>
                  ) : null}
                </td>
                <td className="align-text-right nowrap">
                  <Hours hours={band.hours} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function TrianglePage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const filters = effortFiltersFrom(params);
  const bandParam = params.get(BAND_PARAM);
  const open = TRIANGLE_LEVELS.includes(bandParam as TTriangleLevel) ? (bandParam as TTriangleLevel) : null;
  const { level: _level, text: _text, ...filtered } = filterQuery(filters);
  const query = { ...filtered, asOf: asOfForYear(filtered.year) };
  const triangle = useQuery({ queryKey: [EFFORT_KEY, 'triangle', query], queryFn: () => getTriangle(query), placeholderData: keepPreviousData });
  const data = triangle.data;
  const year = filters.year || String(data?.year ?? currentYear());
  const [formKey, setFormKey] = useState(0);
  const toggle = (level: TTriangleLevel) => {
    const next = new URLSearchParams(params);
    if (open === level) next.delete(BAND_PARAM);
    else next.set(BAND_PARAM, level);
    setParams(next, { replace: true });
  };
  const statusWord = data?.status ? t(STATUS_KEYS[data.status]).toLocaleLowerCase() : t(STATUS_KEYS.active).toLocaleLowerCase();
  return (
    <>
      <Breadcrumbs items={effortCrumbs(t, [{ label: t('effort.triangle.title') }])} />
      <PageHeading lead={t('effort.triangle.lead')}>{t('effort.triangle.title')}</PageHeading>
      <EffortFilterForm
        key={formKey}
        filters={{ ...filters, status: filters.status === 'active' ? '' : filters.status, year }}
        fields={FIELDS}
        headingId="triangle-filter-heading"
        statusAll={t('effort.triangle.status_default')}
        statuses={['planned', 'paused', 'ended']}
        extraYears={[Number(year)]}
        onChange={(next) => setParams(withEffortFilters(params, { ...filters, ...next }), { replace: true })}
      />
      <ResetFilters
        filters={filters}
        fields={FIELDS}
        onReset={() => {
          setParams(new URLSearchParams(open ? { [BAND_PARAM]: open } : {}), { replace: true });
          setFormKey((n) => n + 1);
        }}
      />
      {triangle.isPending ? <Loading /> : null}
      {triangle.isError ? <LoadError error={triangle.error} retry={() => void triangle.refetch()} /> : null}
      {data ? (
        <div className={triangle.isPlaceholderData ? 'is-refreshing' : undefined}>
          <p className="rows-message" aria-live="polite">
            {t('effort.triangle.showing', { status: statusWord, year: data.year })}
          </p>
          <YearEndNote year={data.year} />
          {data.bands.some((b) => b.demo && b.budget != null) ? <DemoNotice /> : null}
          <Triangle triangle={data} open={open} onToggle={toggle} />
          <BandEfforts band={open ? (data.bands.find((b) => b.level === open) ?? null) : null} />
          <TriangleTable triangle={data} />
        </div>
      ) : null}
    </>
  );
}
