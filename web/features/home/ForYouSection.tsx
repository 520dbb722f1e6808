import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Loading } from '../../components/Loading.tsx';
import { LoadError } from '../../components/QueryState.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { getForYou } from '../../lib/endpoints.ts';
import { formatIsoDate } from '../../lib/format.ts';
import { EFFORTS_ROOT } from '../efforts/labels.ts';
import { planPath } from '../plans/labels.ts';

function Group({ heading, children }: { heading: string; children: ReactNode[] }) {
  if (children.length === 0) return null;
  return (
    <>
      <h3>{heading}</h3>
      <ul>{children}</ul>
    </>
  );
}

/** The front page's "for you": plans waiting for the user, red indicators of their efforts. */
export function ForYouSection() {
  const { t, locale } = useI18n();
  const forYou = useQuery({ queryKey: ['for-you'], queryFn: getForYou });
  const data = forYou.data;
  const empty = data && data.awaitingApproval.length + data.outOfDate.length + data.revisionDue.length + data.redIndicators.length === 0;
  const plan = (p: { planId: string; year: number; version: number }, label: 'home.for_you.plan_approve' | 'home.for_you.plan_out_of_date') => (
    <li key={`${label}-${p.planId}`}>
      <Link to={planPath(p.planId)}>{t(label, { year: p.year, version: p.version })}</Link>
    </li>
  );
  return (
    <section aria-labelledby="for-you-heading">
      <h2 id="for-you-heading">{t('home.for_you.title')}</h2>
      {forYou.isPending ? <Loading /> : null}
      {forYou.isError ? <LoadError error={forYou.error} retry={() => void forYou.refetch()} /> : null}
      {empty ? <p>{t('home.for_you.none')}</p> : null}
      {data ? (
        <>
          <Group heading={t('home.for_you.awaiting_approval')}>{data.awaitingApproval.map((p) => plan(p, 'home.for_you.plan_approve'))}</Group>
          <Group heading={t('home.for_you.to_revise')}>
            {[
              ...data.outOfDate.map((p) => plan(p, 'home.for_you.plan_out_of_date')),
              ...data.revisionDue.map((p) => (
                <li key={`due-${p.planId}`}>
                  <Link to={planPath(p.planId)}>{t('home.for_you.plan_revision_due', { year: p.year, version: p.version, date: formatIsoDate(p.dueSince, locale) })}</Link>
                </li>
              )),
            ]}
          </Group>
          <Group heading={t('home.for_you.red_indicators')}>
            {data.redIndicators.map((r) => (
              <li key={`${r.effortId}-${r.indicatorName}`}>
                <Link to={`${EFFORTS_ROOT}/${r.effortId}`}>{r.effortTitle}</Link>: <span className="badge badge-error">{t('home.for_you.red')}</span> {r.indicatorName}{' '}
                <span className="small-text">({t(r.relation === 'responsible' ? 'home.for_you.relation_responsible' : 'home.for_you.relation_owner')})</span>
              </li>
            ))}
          </Group>
        </>
      ) : null}
    </section>
  );
}
