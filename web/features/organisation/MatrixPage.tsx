import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { TForumRole, TMatrix } from '../../../contracts/organisation.ts';
import { SelectField } from '../../components/Form.tsx';
import { Icon } from '../../components/Icon.tsx';
import { Loading } from '../../components/Loading.tsx';
import { Breadcrumbs, PageHeading } from '../../components/Page.tsx';
import { LoadError } from '../../components/QueryState.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { getForumMatrix, organisationCsvUrl, organisationXlsxUrl } from '../../lib/endpoints.ts';
import { formatNumber } from '../../lib/format.ts';
import { HEAVY_LOAD, ORG_KEY, ROLE_ABBREVIATION_KEYS, ROLE_KEYS, isHeavyLoad } from './labels.ts';
import { MATRIX_SORTS, forumGroups, matrixFiltersFrom, matrixRows, withMatrixFilters, type MatrixFilters, type MatrixSort } from './matrix.ts';
import { AsOfPicker, ScopeLineBadge, useAsOf, useCollator, useLevelLabels, useWithAsOf } from './shared.tsx';

const ROLES: TForumRole[] = ['chair', 'secretary', 'member', 'observer'];
const BAR_WIDTH = 36;

function RoleCell({ role, levelStart }: { role: TForumRole | undefined; levelStart: boolean }) {
  const { t } = useI18n();
  const start = levelStart ? ' level-start' : '';
  if (!role) return <td className={`matrix-cell${start}`} />;
  return (
    <td className={`matrix-cell matrix-cell-${role}${start}`}>
      <span aria-hidden="true">{t(ROLE_ABBREVIATION_KEYS[role])}</span>
      <span className="sr-only">{t(ROLE_KEYS[role])}</span>
    </td>
  );
}

function LoadCell({ count, max }: { count: number; max: number }) {
  const { t, locale } = useI18n();
  const heavy = isHeavyLoad(count);
  return (
    <td className={`matrix-load${heavy ? ' is-heavy' : ''}`}>
      <span className="matrix-load-number">{formatNumber(count, locale)}</span>
      <svg className="matrix-load-bar" width={BAR_WIDTH} height="8" aria-hidden="true" focusable="false">
        <rect className="matrix-load-track" x="0" y="0" width={BAR_WIDTH} height="8" rx="2" />
        <rect className="matrix-load-fill" x="0" y="0" width={max > 0 ? Math.max(count > 0 ? 3 : 0, (count / max) * BAR_WIDTH) : 0} height="8" rx="2" />
      </svg>
      {heavy ? <Icon name="warning" label={t('org.load.heavy')} className="matrix-load-icon" /> : null}
    </td>
  );
}

function Filters({ filters, onChange }: { filters: MatrixFilters; onChange(next: MatrixFilters): void }) {
  const { t } = useI18n();
  // The field keeps its own text: the address is updated as the user types, but it may lag a
  // keystroke behind, and a field fed from it would drop letters.
  const [q, setQ] = useState(filters.q);
  const sortLabels: Record<MatrixSort, string> = { organisation: t('org.matrix.sort.organisation'), title: t('org.matrix.sort.title'), load: t('org.matrix.sort.load') };
  return (
    <form className="org-filters" onSubmit={(e) => e.preventDefault()} aria-labelledby="matrix-filter-heading">
      <h2 id="matrix-filter-heading" className="h4">
        {t('org.matrix.filter.title')}
      </h2>
      <div className="row">
        <div className="col-12 col-md-5">
          <div className="form-group">
            <label className="form-label" htmlFor="matrix-q">
              {t('org.matrix.filter.text')}
            </label>
            <span className="form-hint" id="matrix-q-hint">
              {t('org.matrix.filter.text_hint')}
            </span>
            <input id="matrix-q" type="search" className="form-input" value={q}
              aria-describedby="matrix-q-hint"
              autoComplete="off"
              onChange={(e) => {
                setQ(e.target.value);
                onChange({ ...filters, q: e.target.value });
              }}
            />
          </div>
        </div>
        <div className="col-12 col-md-4">
          <SelectField
            id="matrix-sort"
            label={t('org.matrix.sort.label')}
            value={filters.sort}
            onChange={(e) => onChange({ ...filters, sort: e.target.value as MatrixSort })}
            options={MATRIX_SORTS.map((s) => ({ value: s, label: sortLabels[s] }))}
          />
        </div>
        <div className="col-12 col-md-3">
          <div className="form-group matrix-scope-filter">
            <div className="form-group-checkbox">
              <input id="matrix-in-scope" type="checkbox" className="form-checkbox" checked={filters.inScopeOnly} onChange={(e) => onChange({ ...filters, inScopeOnly: e.target.checked })} />
              <label htmlFor="matrix-in-scope">{t('org.matrix.filter.in_scope')}</label>
            </div>
          </div>
        </div>
      </div>
    </form>
  );
}

function MatrixTable({ matrix, filters }: { matrix: TMatrix; filters: MatrixFilters }) {
  const { t, locale } = useI18n();
  const collator = useCollator();
  const labels = useLevelLabels();
  const withAsOf = useWithAsOf();
  const groups = forumGroups(matrix.forums);
  const forums = groups.flatMap((g) => g.forums);
  // The first forum of each level gets a dividing line, so the groups read as groups.
  const levelStarts = new Set(groups.map((g) => g.forums[0].id));
  const rows = matrixRows(matrix, filters, collator);
  const max = Math.max(1, ...matrix.functions.map((f) => f.forumCount));
  return (
    <>
      <p className="rows-message" aria-live="polite">
        {t('org.matrix.count', { shown: formatNumber(rows.length, locale), total: formatNumber(matrix.functions.length, locale) })}
      </p>
      {rows.length === 0 ? (
        <div className="empty-state">
          <p>{t('org.matrix.no_match')}</p>
        </div>
      ) : (
        <div className="matrix-scroll" tabIndex={0} role="group" aria-labelledby="matrix-caption">
          <table className="table table--compact matrix">
            <caption id="matrix-caption" className="sr-only">
              {t('org.matrix.caption')}
            </caption>
            <colgroup>
              <col className="matrix-col-function" />
              <col className="matrix-col-load" />
            </colgroup>
            {groups.map((g) => (
              <colgroup key={g.level} span={g.forums.length} className={`matrix-level matrix-level-${g.level}`} />
            ))}
            <thead>
              <tr className="matrix-head-levels">
                <th scope="col" rowSpan={2} className="matrix-corner">
                  {t('org.matrix.function')}
                </th>
                <th scope="col" rowSpan={2} className="matrix-load-head">
                  {t('org.matrix.load')}
                </th>
                {groups.map((g) => (
                  <th key={g.level} scope="colgroup" colSpan={g.forums.length} className={`matrix-level-head matrix-level-${g.level} level-start`}>
                    <span className="matrix-level-name" title={labels[g.level]}>
                      {labels[g.level]}
                    </span>
                  </th>
                ))}
              </tr>
              <tr className="matrix-head-forums">
                {forums.map((forum) => (
                  <th key={forum.id} scope="col" className={`matrix-forum matrix-level-${forum.level}${levelStarts.has(forum.id) ? ' level-start' : ''}`}>
                    <Link to={withAsOf(`/organisation/fora/${forum.id}`)} className="matrix-forum-link">
                      <span className="matrix-forum-name">{forum.name}</span>
                    </Link>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map(({ fn, roles }) => (
                <tr key={fn.id} className={isHeavyLoad(fn.forumCount) ? 'is-heavy' : undefined}>
                  <th scope="row" className="matrix-function">
                    <span className="matrix-function-title">{fn.title}</span>
                    <span className="matrix-function-organisation">
                      {fn.organisationName}
                      {fn.inScope ? (
                        <>
                          {' '}
                          <ScopeLineBadge inScope />
                        </>
                      ) : null}
                    </span>
                  </th>
                  <LoadCell count={fn.forumCount} max={max} />
                  {forums.map((forum) => (
                    <RoleCell key={forum.id} role={roles.get(forum.id)} levelStart={levelStarts.has(forum.id)} />
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function Legend() {
  const { t } = useI18n();
  return (
    <div className="matrix-legend">
      <h2 className="h5" id="matrix-legend-heading">
        {t('org.matrix.legend')}
      </h2>
      <ul className="nobullet-list matrix-legend-list" aria-labelledby="matrix-legend-heading">
        {ROLES.map((role) => (
          <li key={role}>
            <span className={`matrix-legend-swatch matrix-cell-${role}`} aria-hidden="true">
              {t(ROLE_ABBREVIATION_KEYS[role])}
            </span>{' '}
            {t(ROLE_KEYS[role])}
          </li>
        ))}
        <li>
          <Icon name="warning" className="matrix-load-icon" /> {t('org.matrix.legend_heavy', { heavy: HEAVY_LOAD })}
        </li>
      </ul>
    </div>
  );
}

export function ExportLinks({ note }: { note?: string }) {
  const { t } = useI18n();
  return (
    <div className="org-export">
      <ul className="nobullet-list">
        <li>
          <a href={organisationXlsxUrl} download className="function-link">
            <Icon name="file-excel" />
            {t('org.export.xlsx')}
          </a>
        </li>
        <li>
          <a href={organisationCsvUrl('members')} download className="function-link">
            <Icon name="download" />
            {t('org.export.csv_members')}
          </a>
        </li>
      </ul>
      {note ? <p className="small-text">{note}</p> : null}
    </div>
  );
}

export function MatrixPage() {
  const { t } = useI18n();
  const asOf = useAsOf();
  const [params, setParams] = useSearchParams();
  const filters = matrixFiltersFrom(params);
  const matrix = useQuery({ queryKey: [ORG_KEY, 'matrix', asOf], queryFn: () => getForumMatrix(asOf), placeholderData: keepPreviousData });
  return (
    <>
      <Breadcrumbs items={[{ to: '/', label: t('nav.front_page') }, { to: '/organisation', label: t('nav.organisation') }, { label: t('org.matrix.title') }]} />
      <PageHeading lead={t('org.matrix.lead')}>{t('org.matrix.title')}</PageHeading>
      <AsOfPicker />
      <Filters filters={filters} onChange={(next) => setParams(withMatrixFilters(params, next), { replace: true })} />
      <Legend />
      {matrix.isPending ? <Loading /> : null}
      {matrix.isError ? <LoadError error={matrix.error} retry={() => void matrix.refetch()} /> : null}
      {matrix.data ? (
        matrix.data.functions.length === 0 || matrix.data.forums.length === 0 ? (
          <div className="empty-state">
            <p>{asOf ? t('org.matrix.empty_then') : t('org.matrix.empty')}</p>
            {!asOf ? (
              <p>
                <Link to="/organisation/fora">{t('org.matrix.empty_action')}</Link>
              </p>
            ) : null}
          </div>
        ) : (
          <MatrixTable matrix={matrix.data} filters={filters} />
        )
      ) : null}
      <h2 className="h4 mt-7">{t('org.export.title')}</h2>
      <ExportLinks note={asOf ? t('org.export.today_only') : t('org.export.note')} />
    </>
  );
}
