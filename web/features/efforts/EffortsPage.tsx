import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { TEffortSummary } from '../../../contracts/efforts.ts';
import { hasPermission, useSession } from '../../app/session.tsx';
import { Alert } from '../../components/Alert.tsx';
import { Icon } from '../../components/Icon.tsx';
import { Loading } from '../../components/Loading.tsx';
import { Breadcrumbs, PageHeading } from '../../components/Page.tsx';
import { Pagination } from '../../components/Pagination.tsx';
import { LoadError } from '../../components/QueryState.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { formatNumber } from '../../lib/format.ts';
import { NotStated } from '../organisation/shared.tsx';
import { listEfforts } from './api.ts';
import { EFFORTS_ROOT, EFFORT_KEY, effortFiltersFrom, filterQuery, formatAgeBand, formatPeriod, withEffortFilters } from './labels.ts';
import { EffortFilterForm, ResetFilters, StatusBadge, useTriangleLabels, type FilterField } from './shared.tsx';
import { useFlash } from '../../app/flash.ts';

export const PAGE_SIZE = 25;
const FIELDS: FilterField[] = ['text', 'level', 'status', 'unit', 'ageFrom', 'ageTo', 'district', 'year'];

function EffortTable({ items }: { items: TEffortSummary[] }) {
  const { t, locale } = useI18n();
  const labels = useTriangleLabels();
  return (
    <div className="table--responsive-scroll" tabIndex={0} role="group" aria-labelledby="efforts-heading">
      <table className="table table--zebra table--compact" id="efforts-table">
        <thead>
          <tr>
            <th scope="col" className="effort-title-column">
              {t('effort.field.title')}
            </th>
            <th scope="col">{t('effort.list.level')}</th>
            <th scope="col">{t('effort.field.status')}</th>
            <th scope="col">{t('effort.field.owner')}</th>
            <th scope="col">{t('effort.field.age')}</th>
            <th scope="col">{t('effort.field.period')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((effort) => (
            <tr key={effort.id}>
              <th scope="row">
                <Link to={`${EFFORTS_ROOT}/${effort.id}`}>{effort.title}</Link>
              </th>
              <td>{labels[effort.level]}</td>
              <td>
                <StatusBadge status={effort.status} />
              </td>
              <td>{effort.owner?.name ?? <NotStated />}</td>
              <td className="nowrap">{formatAgeBand(effort.ageMin, effort.ageMax, t)}</td>
              <td className="nowrap">{formatPeriod(effort.periodStart, effort.periodEnd, t, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function EffortsPage() {
  const { t, locale } = useI18n();
  const me = useSession();
  const canEdit = hasPermission(me, 'efforts.edit');
  const [params, setParams] = useSearchParams();
  const filters = effortFiltersFrom(params);
  const query = { ...filterQuery(filters), limit: PAGE_SIZE, offset: (filters.page - 1) * PAGE_SIZE };
  const list = useQuery({ queryKey: [EFFORT_KEY, 'list', query], queryFn: () => listEfforts(query), placeholderData: keepPreviousData });
  const [saved] = useFlash();
  const filtered = FIELDS.some((f) => filters[f]);
  const data = list.data;
  const totalPages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  const hrefFor = (page: number) => `${EFFORTS_ROOT}?${withEffortFilters(params, { ...filters, page }).toString()}`.replace(/\?$/, '');
  const first = (filters.page - 1) * PAGE_SIZE + 1;
  // Resetting starts the form afresh (its search field keeps its own text while the user types).
  const [formKey, setFormKey] = useState(0);
  return (
    <>
      <Breadcrumbs items={[{ to: '/', label: t('nav.front_page') }, { label: t('nav.efforts') }]} />
      <PageHeading lead={t('effort.list.lead')}>{t('effort.list.title')}</PageHeading>
      {saved ? <Alert variant="success" heading={saved} /> : null}
      {canEdit ? (
        <p>
          <Link to={`${EFFORTS_ROOT}/ny`} className="button button-primary">
            <Icon name="plus" />
            {t('effort.create')}
          </Link>
        </p>
      ) : null}
      <EffortFilterForm key={formKey} filters={filters} fields={FIELDS} headingId="effort-filter-heading" onChange={(next) => setParams(withEffortFilters(params, { ...filters, ...next, page: 1 }), { replace: true })} />
      <ResetFilters filters={filters} fields={FIELDS} onReset={() => {
          setParams(new URLSearchParams(), { replace: true });
          setFormKey((n) => n + 1);
        }} />
      <h2 id="efforts-heading" className="mt-6">
        {t('effort.list.results')}
      </h2>
      {list.isPending ? <Loading /> : null}
      {list.isError ? <LoadError error={list.error} retry={() => void list.refetch()} /> : null}
      {data ? (
        <div className={list.isPlaceholderData ? 'is-refreshing' : undefined}>
          <p className="rows-message" aria-live="polite">
            {data.total === 0
              ? t('effort.list.count_none')
              : t('effort.list.count', { first: formatNumber(first, locale), last: formatNumber(first + data.items.length - 1, locale), total: formatNumber(data.total, locale) })}
          </p>
          {data.total === 0 ? (
            <div className="empty-state">
              {filtered ? (
                <p>{t('effort.list.no_match')}</p>
              ) : (
                <>
                  <p>{t('effort.list.empty')}</p>
                  {canEdit ? (
                    <p>
                      <Link to={`${EFFORTS_ROOT}/ny`}>{t('effort.list.create_first')}</Link>
                    </p>
                  ) : null}
                </>
              )}
            </div>
          ) : (
            <>
              <EffortTable items={data.items} />
              <Pagination page={filters.page} totalPages={totalPages} hrefFor={hrefFor} />
            </>
          )}
        </div>
      ) : null}
    </>
  );
}
