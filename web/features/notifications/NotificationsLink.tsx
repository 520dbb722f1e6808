import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { Icon } from '../../components/Icon.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { unreadNotifications } from '../../lib/endpoints.ts';
import './notifications.css';

const UNREAD_KEY = ['notifications', 'unread'];

/** The header's link to the notifications page, with the unread count (checked every minute). */
export function NotificationsLink() {
  const { t } = useI18n();
  const unread = useQuery({ queryKey: UNREAD_KEY, queryFn: unreadNotifications, refetchInterval: 60_000 });
  const count = unread.data?.unread ?? 0;
  return (
    <Link to="/beskeder" className="function-link d-print-none notifications-link">
      <Icon name="notifications" />
      {t('notifications.link')}
      {count > 0 ? (
        <span className="badge badge-error notifications-count">
          {count}
          <span className="sr-only"> {t('notifications.unread_sr')}</span>
        </span>
      ) : null}
    </Link>
  );
}
