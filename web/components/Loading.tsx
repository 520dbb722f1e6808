import { useI18n } from '../i18n/i18n.tsx';

/** A DKFDS spinner with a status text for screen readers and sighted users alike. */
export function Loading({ label, small }: { label?: string; small?: boolean }) {
  const { t } = useI18n();
  return (
    <div className="loading-state">
      <div className={`spinner${small ? ' spinner-small' : ''}`} aria-hidden="true" />
      <div className="spinner-status" role="status">
        {label ?? t('common.loading')}
      </div>
    </div>
  );
}
