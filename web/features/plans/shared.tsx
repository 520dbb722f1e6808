/** Pieces every page of the action plan module uses: status badges, breadcrumbs, document links. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { TPlanDetail, TPlanStatus, TPlanSummary } from '../../../contracts/plans.ts';
import { Icon } from '../../components/Icon.tsx';
import type { Crumb } from '../../components/Page.tsx';
import { hasPermission, useSession } from '../../app/session.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { EFFORTS_ROOT } from '../efforts/labels.ts';
import { documentUrl, getPlan } from './api.ts';
import { PLANS_ROOT, PLAN_KEY, PLAN_STATUS_KEYS, type Translate } from './labels.ts';
import './plans.css';

/** A plan as its pages and the side menu share it (one query, one cache entry). */
export function usePlan(planId: string, enabled = true) {
  return useQuery({ queryKey: [PLAN_KEY, 'detail', planId], queryFn: () => getPlan(planId), enabled });
}

const STATUS_BADGE: Record<TPlanStatus, string> = { draft: 'badge-neutral', submitted: 'badge-info', approved: 'badge-success', published: 'badge-success' };

export function PlanStatusBadge({ status }: { status: TPlanStatus }) {
  const { t } = useI18n();
  return <span className={`badge ${STATUS_BADGE[status]}`}>{t(PLAN_STATUS_KEYS[status])}</span>;
}

/** The approved plan no longer says what is running. */
export function OutOfDateBadge() {
  const { t } = useI18n();
  return (
    <span className="badge badge-warning plan-out-of-date">
      <Icon name="warning" />
      {t('plan.out_of_date.tag')}
    </span>
  );
}

/** A draft or submitted version revising the one in force says so: `ændrer version 2, der gælder nu`. */
export function RevisesNote({ plan }: { plan: TPlanSummary }) {
  const { t } = useI18n();
  if (plan.status === 'approved' || plan.status === 'published' || plan.approvedVersion === null) return null;
  return <span className="plan-revises">{t('plan.revision.note', { version: plan.approvedVersion })}</span>;
}

/** Forside › Handlingsplan › …: the module's breadcrumbs. */
export function planCrumbs(t: Translate, rest: Crumb[]): Crumb[] {
  return [{ to: '/', label: t('nav.front_page') }, { to: PLANS_ROOT, label: t('nav.plans') }, ...rest];
}

/** `Handlingsplan 2026`: how a plan is named in crumbs and lists. */
export const planName = (t: Translate, year: number) => t('plan.name', { year });

/** An effort the plan names: a link to its page for those who may read efforts (not partners). */
export function EffortName({ effort }: { effort: { id: string; title: string } }) {
  const linked = hasPermission(useSession(), 'efforts.read');
  return linked ? <Link to={`${EFFORTS_ROOT}/${effort.id}`}>{effort.title}</Link> : <>{effort.title}</>;
}

/** The version as a Word and a PDF file: plain links, the browser downloads them. */
export function DocumentLinks({ planId, version }: { planId: string; version: number }) {
  const { t } = useI18n();
  return (
    <ul className="nobullet-list plan-documents">
      <li>
        <a href={documentUrl(planId, version, 'docx')} download className="function-link">
          <Icon name="file-word" />
          {t('plan.documents.docx', { version })}
        </a>
      </li>
      <li>
        <a href={documentUrl(planId, version, 'pdf')} download className="function-link">
          <Icon name="file-pdf" />
          {t('plan.documents.pdf', { version })}
        </a>
      </li>
    </ul>
  );
}

/**
 * After a change the server answers with the whole plan: put it in the cache, and refresh the
 * rest of the module (the list, versions) that it may have changed.
 */
export function usePlanSaved(planId: string): (updated: TPlanDetail) => void {
  const queryClient = useQueryClient();
  return (updated) => {
    queryClient.setQueryData([PLAN_KEY, 'detail', planId], updated);
    void queryClient.invalidateQueries({ queryKey: [PLAN_KEY], predicate: (q) => !(q.queryKey[1] === 'detail' && q.queryKey[2] === planId) });
  };
}
