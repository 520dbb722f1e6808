import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import type { TPlanDetail } from '../../../contracts/plans.ts';
import { Alert } from '../../components/Alert.tsx';
import { Icon } from '../../components/Icon.tsx';
import { Loading } from '../../components/Loading.tsx';
import { Breadcrumbs, PageHeading } from '../../components/Page.tsx';
import { LoadError } from '../../components/QueryState.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { NotFoundPage } from '../about/ForbiddenPage.tsx';
import { publicPlanUrl } from './api.ts';
import { isEmptyDiff, sectionsPath, versionsPath } from './labels.ts';
import { PlanChanges } from './PlanChanges.tsx';
import { PlanContent } from './PlanContent.tsx';
import { ActionFailed, PlanWorkflow, usePlanAction } from './PlanWorkflow.tsx';
import { DocumentLinks, OutOfDateBadge, PlanStatusBadge, RevisesNote, planCrumbs, planName, usePlan } from './shared.tsx';
import { useFlash } from '../../app/flash.ts';
import { useRecordId } from '../../lib/ids.ts';

/**
 * The version in force no longer says what is running: exactly what changed since, and the
 * way on (a revision).
 */
function OutOfDate({ plan, onDone }: { plan: TPlanDetail; onDone(message: string): void }) {
  const { t } = useI18n();
  const revise = usePlanAction(plan, onDone);
  if (!plan.changesSinceApproval) return null;
  return (
    <Alert variant="warning" heading={t('plan.out_of_date.title')} id="plan-out-of-date">
      <p>{t('plan.out_of_date.detail', { version: plan.version })}</p>
      <PlanChanges diff={plan.changesSinceApproval} />
      {plan.abilities.revise ? (
        <>
          <p>{t('plan.out_of_date.revise_hint')}</p>
          {revise.isError ? <ActionFailed error={revise.error} /> : null}
          <button type="button" className="button button-primary" onClick={() => revise.mutate('revise')} disabled={revise.isPending}>
            <Icon name="edit" />
            {t('plan.action.revise')}
          </button>
        </>
      ) : (
        <p>{t('plan.out_of_date.ask')}</p>
      )}
    </Alert>
  );
}

/**
 * A draft or submitted version revises the version in force: what it will change, so those
 * who approve it see exactly that (efforts, forums and members, the text word by word).
 */
function Revision({ plan }: { plan: TPlanDetail }) {
  const { t } = useI18n();
  if (!plan.revises) return null;
  const { version, changes } = plan.revises;
  return (
    <section aria-labelledby="plan-revision-heading" className="mt-7" id="plan-revision">
      <h2 id="plan-revision-heading">{t('plan.revision.title', { version: plan.version, from: version })}</h2>
      <p>{t(plan.status === 'draft' ? 'plan.revision.lead_draft' : 'plan.revision.lead_submitted', { from: version })}</p>
      {isEmptyDiff(changes) ? <p>{t('plan.revision.none', { from: version })}</p> : <PlanChanges diff={changes} />}
      <p>
        <Link to={`${versionsPath(plan.id)}?fra=${version}&til=${plan.version}`}>{t('plan.revision.compare')}</Link>
      </p>
    </section>
  );
}

/** A change's message at the top of the page, focused: the button that made it may be gone. */
function Done({ message }: { message: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [message]);
  return (
    <div ref={ref} tabIndex={-1} className="plan-done">
      <Alert variant="success" heading={message} />
    </div>
  );
}

function PlanDetail({ planId }: { planId: string }) {
  const { t } = useI18n();
  const plan = usePlan(planId);
  const [message, setMessage] = useFlash();
  const data = plan.data;
  const title = data?.content.title ?? t('plan.detail.title');
  return (
    <>
      <Breadcrumbs items={planCrumbs(t, [{ label: data ? planName(t, data.year) : t('plan.detail.title') }])} />
      <PageHeading title={title}>{title}</PageHeading>
      {message ? <Done message={message} /> : null}
      {plan.isPending ? <Loading /> : null}
      {plan.isError ? <LoadError error={plan.error} retry={() => void plan.refetch()} /> : null}
      {data ? (
        <>
          <div className="plan-summary" id="plan-summary">
            <span>{t('plan.detail.version', { version: data.version })}</span>
            <PlanStatusBadge status={data.status} />
            {data.outOfDate ? <OutOfDateBadge /> : null}
            <RevisesNote plan={data} />
          </div>
          {data.abilities.edit ? (
            <p className="mt-4">
              <Link to={sectionsPath(data.id)} className="button button-secondary">
                <Icon name="edit" />
                {t('plan.edit_sections')}
              </Link>
            </p>
          ) : null}
          <OutOfDate plan={data} onDone={setMessage} />
          <Revision plan={data} />
          <PlanWorkflow plan={data} onDone={setMessage} showRevise={!data.changesSinceApproval} />

          <section aria-labelledby="plan-files-heading" className="mt-7">
            <h2 id="plan-files-heading">{t('plan.files.title')}</h2>
            <DocumentLinks planId={data.id} version={data.version} />
            <ul className="nobullet-list plan-documents">
              <li>
                <Link to={versionsPath(data.id)} className="function-link">
                  <Icon name="view-in-list" />
                  {t('plan.files.versions', { count: data.versions.length })}
                </Link>
              </li>
              {data.publishedVersion ? (
                <li>
                  {/* The public page is rendered by the server, not a route of this app: a plain link. */}
                  <a href={publicPlanUrl(data.content.municipality.code)} className="function-link">
                    <Icon name="open-in-new" />
                    {t('plan.files.public', { version: data.publishedVersion })}
                  </a>
                </li>
              ) : null}
            </ul>
          </section>

          <PlanContent content={data.content} money={data.money} />
        </>
      ) : null}
    </>
  );
}

/** /handlingsplan/<id>: the newest version, its way to approval, and what it says. */
export function PlanPage() {
  const planId = useRecordId();
  return planId ? <PlanDetail planId={planId} /> : <NotFoundPage />;
}
