/**
 * A plan's versions: the list with their dates, two of them compared (the choice kept in the
 * URL), and one version read only as it was (/handlingsplan/<id>/versioner/<n>).
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import type { TPlanDetail } from '../../../contracts/plans.ts';
import { Alert } from '../../components/Alert.tsx';
import { SelectField } from '../../components/Form.tsx';
import { Loading } from '../../components/Loading.tsx';
import { Breadcrumbs, PageHeading } from '../../components/Page.tsx';
import { LoadError } from '../../components/QueryState.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { formatDate } from '../../lib/format.ts';
import { NotFoundPage } from '../about/ForbiddenPage.tsx';
import { getDiff, getVersion } from './api.ts';
import { PLAN_KEY, comparedVersions, isEmptyDiff, planPath, versionPath, versionsPath } from './labels.ts';
import { PlanChanges } from './PlanChanges.tsx';
import { PlanContent } from './PlanContent.tsx';
import { DecisionTable } from './PlanWorkflow.tsx';
import { DocumentLinks, PlanStatusBadge, planCrumbs, planName, usePlan } from './shared.tsx';
import { useRecordId } from '../../lib/ids.ts';

function Dated({ value }: { value: string | null }) {
  const { t, locale } = useI18n();
  if (value) return <>{formatDate(value, locale)}</>;
  return (
    <>
      <span aria-hidden="true">–</span>
      <span className="sr-only">{t('plan.versions.not_yet')}</span>
    </>
  );
}

function VersionTable({ plan }: { plan: TPlanDetail }) {
  const { t } = useI18n();
  const versions = [...plan.versions].reverse();
  return (
    <div className="table--responsive-scroll" tabIndex={0} role="group" aria-labelledby="versions-heading">
      <table className="table table--zebra table--compact" id="versions-table">
        <thead>
          <tr>
            <th scope="col">{t('plan.versions.version')}</th>
            <th scope="col">{t('plan.list.status')}</th>
            <th scope="col">{t('plan.versions.submitted')}</th>
            <th scope="col">{t('plan.versions.approved')}</th>
            <th scope="col">{t('plan.versions.published')}</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.number}>
              <th scope="row">
                <Link to={versionPath(plan.id, v.number)}>{t('plan.versions.name', { version: v.number })}</Link>
              </th>
              <td>
                <PlanStatusBadge status={v.status} />
              </td>
              <td className="nowrap">
                <Dated value={v.submittedAt} />
              </td>
              <td className="nowrap">
                <Dated value={v.approvedAt} />
              </td>
              <td className="nowrap">
                <Dated value={v.publishedAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Compare({ plan }: { plan: TPlanDetail }) {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const numbers = plan.versions.map((v) => v.number);
  const chosen = comparedVersions(params, numbers);
  const same = chosen !== null && chosen.from === chosen.to;
  const diff = useQuery({
    queryKey: [PLAN_KEY, 'diff', plan.id, chosen?.from, chosen?.to],
    // The pair travels with its difference: while the next pair loads, the old one stays on
    // screen under its own heading.
    queryFn: async () => ({ ...chosen!, diff: await getDiff(plan.id, chosen!.from, chosen!.to) }),
    enabled: chosen !== null && !same,
    placeholderData: keepPreviousData,
  });
  if (!chosen) {
    return (
      <div className="empty-state">
        <p>{t('plan.compare.one_version')}</p>
      </div>
    );
  }
  const choose = (name: 'fra' | 'til', value: string) => {
    const next = new URLSearchParams(params);
    next.set('fra', String(chosen.from));
    next.set('til', String(chosen.to));
    next.set(name, value);
    setParams(next, { replace: true });
  };
  const options = [...numbers].reverse().map((n) => ({ value: String(n), label: t('plan.versions.name', { version: n }) }));
  return (
    <>
      <form className="plan-compare-form" onSubmit={(e) => e.preventDefault()} aria-labelledby="compare-heading">
        <div className="row">
          <div className="col-6 col-md-4">
            <SelectField id="compare-from" label={t('plan.compare.from')} value={String(chosen.from)} onChange={(e) => choose('fra', e.target.value)} options={options} />
          </div>
          <div className="col-6 col-md-4">
            <SelectField id="compare-to" label={t('plan.compare.to')} value={String(chosen.to)} onChange={(e) => choose('til', e.target.value)} options={options} />
          </div>
        </div>
      </form>
      <div className="mt-6" aria-live="polite">
        {same ? <p>{t('plan.compare.same')}</p> : null}
        {!same && diff.isPending ? <Loading /> : null}
        {!same && diff.isError ? <LoadError error={diff.error} retry={() => void diff.refetch()} /> : null}
        {!same && diff.data ? (
          <div className={diff.isPlaceholderData ? 'is-refreshing' : undefined} id="plan-diff">
            <h3>{t('plan.compare.result', { from: diff.data.from, to: diff.data.to })}</h3>
            {isEmptyDiff(diff.data.diff) ? <p>{t('plan.compare.none')}</p> : <PlanChanges diff={diff.data.diff} headingLevel={4} />}
          </div>
        ) : null}
      </div>
    </>
  );
}

function Versions({ planId }: { planId: string }) {
  const { t } = useI18n();
  const plan = usePlan(planId);
  const data = plan.data;
  const title = data ? t('plan.versions.title', { plan: planName(t, data.year) }) : t('plan.versions.title_short');
  return (
    <>
      <Breadcrumbs items={planCrumbs(t, [...(data ? [{ to: planPath(planId), label: planName(t, data.year) }] : []), { label: t('plan.nav.versions') }])} />
      <PageHeading title={title} lead={t('plan.versions.lead')}>
        {title}
      </PageHeading>
      {plan.isPending ? <Loading /> : null}
      {plan.isError ? <LoadError error={plan.error} retry={() => void plan.refetch()} /> : null}
      {data ? (
        <>
          <h2 id="versions-heading">{t('plan.versions.list')}</h2>
          <VersionTable plan={data} />
          <section aria-labelledby="compare-heading" className="mt-8">
            <h2 id="compare-heading">{t('plan.compare.title')}</h2>
            <p>{t('plan.compare.lead')}</p>
            <Compare plan={data} />
          </section>
        </>
      ) : null}
    </>
  );
}

export function VersionsPage() {
  const planId = useRecordId();
  return planId ? <Versions planId={planId} /> : <NotFoundPage />;
}

function Version({ planId, number }: { planId: string; number: number }) {
  const { t } = useI18n();
  const plan = usePlan(planId);
  const version = useQuery({ queryKey: [PLAN_KEY, 'version', planId, number], queryFn: () => getVersion(planId, number) });
  const data = version.data;
  const name = plan.data ? planName(t, plan.data.year) : t('plan.detail.title');
  const title = t('plan.version.title', { plan: name, version: number });
  const newest = plan.data?.version === number;
  return (
    <>
      <Breadcrumbs
        items={planCrumbs(t, [{ to: planPath(planId), label: name }, { to: versionsPath(planId), label: t('plan.nav.versions') }, { label: t('plan.versions.name', { version: number }) }])}
      />
      <PageHeading title={title}>{title}</PageHeading>
      {version.isPending ? <Loading /> : null}
      {version.isError ? <LoadError error={version.error} retry={() => void version.refetch()} /> : null}
      {data ? (
        <>
          <div className="plan-summary">
            <PlanStatusBadge status={data.status} />
          </div>
          <dl className="details-list">
            <dt>{t('plan.versions.submitted')}</dt>
            <dd>
              <Dated value={data.submittedAt} />
            </dd>
            <dt>{t('plan.versions.approved')}</dt>
            <dd>
              <Dated value={data.approvedAt} />
            </dd>
            <dt>{t('plan.versions.published')}</dt>
            <dd>
              <Dated value={data.publishedAt} />
            </dd>
          </dl>
          {data.status === 'draft' ? (
            <Alert variant="info" heading={t('plan.version.draft')}>
              <p>{t('plan.version.draft_detail')}</p>
            </Alert>
          ) : null}
          {newest ? (
            <p>
              <Link to={planPath(planId)}>{t('plan.version.to_current')}</Link>
            </p>
          ) : null}
          <h2 id="version-decisions-heading">{t('plan.decisions.title')}</h2>
          <DecisionTable decisions={data.decisions} headingId="version-decisions-heading" />
          <h2 id="version-files-heading">{t('plan.version.files')}</h2>
          <DocumentLinks planId={planId} version={number} />
          <PlanContent content={data.content} money={data.money} />
        </>
      ) : null}
    </>
  );
}

/** /handlingsplan/<id>/versioner/<n> */
export function VersionPage() {
  const planId = useRecordId();
  const { version = '' } = useParams();
  const number = /^\d{1,5}$/.test(version) ? Number(version) : 0;
  return planId && number >= 1 ? <Version planId={planId} number={number} /> : <NotFoundPage />;
}
