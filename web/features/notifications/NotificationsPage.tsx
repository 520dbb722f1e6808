import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { TNotification } from '../../../contracts/notifications.ts';
import { Loading } from '../../components/Loading.tsx';
import { Breadcrumbs, PageHeading } from '../../components/Page.tsx';
import { LoadError } from '../../components/QueryState.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { listNotifications, markAllNotificationsRead, markNotificationRead } from '../../lib/endpoints.ts';
import { formatDateTime } from '../../lib/format.ts';
import { planPath } from '../plans/labels.ts';

const LIST_KEY = ['notifications', 'list'];

/** What a notification says, from its kind and facts. */
function useNotificationText() {
  const { t } = useI18n();
  return (n: TNotification) => {
    const params = { year: n.data.year ?? '', version: n.data.version ?? '', by: n.data.by ?? '' };
    return n.kind === 'plan_submitted' ? t('notifications.kind.plan_submitted', params) : t('notifications.kind.plan_revision_due', params);
  };
}

export function NotificationsPage() {
  const { t, locale } = useI18n();
  const queryClient = useQueryClient();
  const text = useNotificationText();
  const list = useQuery({ queryKey: LIST_KEY, queryFn: listNotifications });
  // Both the list and the header's unread count (UNREAD_KEY) start with 'notifications'.
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['notifications'] });
  const markOne = useMutation({ mutationFn: markNotificationRead, onSuccess: refresh });
  const markAll = useMutation({ mutationFn: markAllNotificationsRead, onSuccess: refresh });
  const unread = list.data?.unread ?? 0;
  return (
    <>
      <Breadcrumbs items={[{ to: '/', label: t('nav.front_page') }, { label: t('notifications.title') }]} />
      <PageHeading>{t('notifications.title')}</PageHeading>
      <p className="font-lead">{t('notifications.lead')}</p>
      {list.isPending ? <Loading /> : null}
      {list.isError ? <LoadError error={list.error} retry={() => void list.refetch()} /> : null}
      {list.data ? (
        <>
          <p role="status">{unread > 0 ? t('notifications.unread_count', { count: unread }) : t('notifications.all_read')}</p>
          {unread > 0 ? (
            <button type="button" className="button button-secondary" onClick={() => markAll.mutate()} disabled={markAll.isPending}>
              {t('notifications.mark_all')}
            </button>
          ) : null}
          {list.data.items.length === 0 ? (
            <p>{t('notifications.none')}</p>
          ) : (
            <ul className="nobullet-list notifications-list mt-5">
              {list.data.items.map((n) => (
                <li key={n.id} className={n.readAt ? 'notification' : 'notification notification-unread'}>
                  <p className="mt-0 mb-2">
                    {n.readAt ? null : <span className="badge badge-info mr-3">{t('notifications.new')}</span>}
                    <Link to={planPath(n.entityId)} onClick={() => (n.readAt ? undefined : markOne.mutate(n.id))}>
                      {text(n)}
                    </Link>
                  </p>
                  <p className="small-text mt-0 mb-2">{formatDateTime(n.createdAt, locale)}</p>
                  {n.readAt ? null : (
                    <button type="button" className="button button-tertiary" onClick={() => markOne.mutate(n.id)} disabled={markOne.isPending}>
                      {t('notifications.mark_read')}
                      <span className="sr-only">: {text(n)}</span>
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
    </>
  );
}
