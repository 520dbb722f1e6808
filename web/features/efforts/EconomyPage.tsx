import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { TEconomy } from '../../../contracts/efforts.ts';
import { SelectField } from '../../components/Form.tsx';
import { Loading } from '../../components/Loading.tsx';
import { Breadcrumbs, PageHeading } from '../../components/Page.tsx';
import { LoadError } from '../../components/QueryState.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { formatDkk, formatNumber, formatPercent } from '../../lib/format.ts';
import { NotStated } from '../organisation/shared.tsx';
import { getEconomy } from './api.ts';
import { EFFORTS_ROOT, EFFORT_KEY, LEVELS_TOP_DOWN, effortFiltersFrom, withEffortFilters, yearChoices } from './labels.ts';
import { DemoBadge, DemoNotice, YearEndNote, asOfForYear, currentYear, effortCrumbs, useTriangleLabels } from './shared.tsx';

const SHARE_BAR = 48;

/** A share as a number and a bar beside it; the number says it, the bar only shows it. */
function Share({ share }: { share: number }) {
  const { locale } = useI18n();
  return (
    <>
      <span className="economy-share-number">{formatPercent(share, locale)}</span>
      <svg className="economy-share-bar" width={SHARE_BAR} height="10" aria-hidden="true" focusable="false">
        <rect className="economy-share-track" x="0" y="0" width={SHARE_BAR} height="10" rx="2" />
        <rect className="economy-share-fill" x="0" y="0" width={Math.max(0, Math.min(1, share)) * SHARE_BAR} height="10" rx="2" />
      </svg>
    </>
  );
}

function MoneyCells({ row }: { row: { budget: number; actual: number; hours: number } }) {
  const { t, locale } = useI18n();
  return (
    <>
      <td className="align-text-right nowrap">{formatDkk(row.budget, locale)}</td>
      <td className="align-text-right nowrap">{formatDkk(row.actual, locale)}</td>
      <td className="align-text-right nowrap">{t('effort.hours', { hours: formatNumber(row.hours, locale, 1) })}</td>
    </>
  );
}

function MoneyHeads() {
  const { t } = useI18n();
  return (
    <>
      <th scope="col" className="align-text-right">
        {t('effort.economy.budget')}
      </th>
      <th scope="col" className="align-text-right">
        {t('effort.economy.actual')}
      </th>
      <th scope="col" className="align-text-right">
        {t('effort.economy.hours')}
      </th>
    </>
  );
}

function TableSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="mt-7">
      <h2 id={`${id}-heading`}>{title}</h2>
      <div className="table--responsive-scroll" tabIndex={0} role="group" aria-labelledby={`${id}-heading`}>
        {children}
      </div>
    </section>
  );
}

function Overview({ economy }: { economy: TEconomy }) {
  const { t, locale } = useI18n();
  const labels = useTriangleLabels();
  const levels = LEVELS_TOP_DOWN.map((l) => economy.levels.find((row) => row.level === l)).filter((row) => row !== undefined);
  return (
    <>
      <dl className="economy-totals">
        <div>
          <dt>{t('effort.economy.total_budget')}</dt>
          <dd>{formatDkk(economy.total.budget, locale)}</dd>
        </div>
        <div>
          <dt>{t('effort.economy.total_actual')}</dt>
          <dd>{formatDkk(economy.total.actual, locale)}</dd>
        </div>
        <div>
          <dt>{t('effort.economy.total_hours')}</dt>
          <dd>{t('effort.hours', { hours: formatNumber(economy.total.hours, locale, 1) })}</dd>
        </div>
      </dl>

      <TableSection id="economy-levels" title={t('effort.economy.per_level')}>
        <table className="table table--zebra table--compact" id="economy-levels">
          <thead>
            <tr>
              <th scope="col">{t('effort.field.level')}</th>
              <MoneyHeads />
              <th scope="col">{t('effort.economy.budget_share')}</th>
              <th scope="col">{t('effort.economy.hours_share')}</th>
            </tr>
          </thead>
          <tbody>
            {levels.map((row) => (
              <tr key={row.level} data-level={row.level}>
                <th scope="row">{row.label || labels[row.level]}</th>
                <MoneyCells row={row} />
                <td className="nowrap">
                  <Share share={row.budgetShare} />
                </td>
                <td className="nowrap">
                  <Share share={row.hoursShare} />
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('effort.economy.total')}</th>
              <MoneyCells row={economy.total} />
              <td />
              <td />
            </tr>
          </tfoot>
        </table>
      </TableSection>

      <TableSection id="economy-units" title={t('effort.economy.per_unit')}>
        <table className="table table--zebra" id="economy-units">
          <thead>
            <tr>
              <th scope="col">{t('effort.field.owner')}</th>
              <MoneyHeads />
            </tr>
          </thead>
          <tbody>
            {economy.units.map((row) => (
              <tr key={row.id ?? 'none'}>
                <th scope="row">{row.id ? row.name : t('effort.economy.no_unit')}</th>
                <MoneyCells row={row} />
              </tr>
            ))}
          </tbody>
        </table>
      </TableSection>

      <TableSection id="economy-efforts" title={t('effort.economy.per_effort')}>
        <table className="table table--zebra table--compact" id="economy-efforts">
          <thead>
            <tr>
              <th scope="col">{t('effort.field.title')}</th>
              <th scope="col">{t('effort.field.level')}</th>
              <th scope="col">{t('effort.field.owner')}</th>
              <MoneyHeads />
              <th scope="col" className="align-text-right">
                {t('effort.economy.participants')}
              </th>
              <th scope="col" className="align-text-right">
                {t('effort.economy.cost_per_participant')}
              </th>
            </tr>
          </thead>
          <tbody>
            {economy.efforts.map((row) => (
              <tr key={row.id}>
                <th scope="row">
                  <Link to={`${EFFORTS_ROOT}/${row.id}`}>{row.title}</Link>
                  {row.demo ? (
                    <>
                      {' '}
                      <DemoBadge />
                    </>
                  ) : null}
                </th>
                <td>{labels[row.level]}</td>
                <td>{row.unitName ?? <NotStated />}</td>
                <MoneyCells row={row} />
                <td className="align-text-right">{row.participants == null ? <NotStated /> : formatNumber(row.participants, locale)}</td>
                <td className="align-text-right nowrap">{row.costPerParticipant == null ? <NotStated /> : formatDkk(row.costPerParticipant, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableSection>
      <p className="small-text mt-4">{t('effort.economy.participants_note')}</p>
    </>
  );
}

export function EconomyPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const filters = effortFiltersFrom(params);
  const requested = filters.year ? Number(filters.year) : undefined;
  const asOf = asOfForYear(requested);
  const economy = useQuery({ queryKey: [EFFORT_KEY, 'economy', requested ?? null], queryFn: () => getEconomy(requested, asOf), placeholderData: keepPreviousData });
  const data = economy.data;
  const year = requested ?? data?.year ?? currentYear();
  return (
    <>
      <Breadcrumbs items={effortCrumbs(t, [{ label: t('effort.economy.page_title') }])} />
      <PageHeading lead={t('effort.economy.page_lead')}>{t('effort.economy.page_title')}</PageHeading>
      <form className="org-filters" onSubmit={(e) => e.preventDefault()} aria-label={t('effort.economy.year_form')}>
        <SelectField
          id="economy-year"
          label={t('effort.filter.year')}
          value={String(year)}
          onChange={(e) => setParams(withEffortFilters(params, { year: e.target.value }), { replace: true })}
          options={yearChoices(currentYear(), [year]).map((y) => ({ value: String(y), label: String(y) }))}
        />
      </form>
      {economy.isPending ? <Loading /> : null}
      {economy.isError ? <LoadError error={economy.error} retry={() => void economy.refetch()} /> : null}
      {data ? (
        <div className={economy.isPlaceholderData ? 'is-refreshing' : undefined}>
          <p className="rows-message" aria-live="polite">
            {t('effort.economy.year_heading', { year: data.year })}
          </p>
          <YearEndNote year={data.year} />
          {data.demo ? <DemoNotice /> : null}
          {data.efforts.length === 0 ? (
            <div className="empty-state">
              <p>{t('effort.economy.page_empty', { year: data.year })}</p>
              <p>
                <Link to={EFFORTS_ROOT}>{t('effort.economy.page_empty_action')}</Link>
              </p>
            </div>
          ) : (
            <Overview economy={data} />
          )}
        </div>
      ) : null}
    </>
  );
}
