import { useId, type KeyboardEvent } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import './assumed.css';

/**
 * Marks a value as assumed (the source does not state it) with a DKFDS tag; the reason shows on
 * hover and keyboard focus and is the button's description for screen readers. Escape hides it.
 */
export function AssumedMark({ reason }: { reason: string | undefined }) {
  const { t } = useI18n();
  const id = useId();
  if (!reason) return null;
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key === 'Escape') event.currentTarget.blur();
  };
  return (
    <span className="assumed">
      <button type="button" className="tag assumed-tag" aria-describedby={id} onKeyDown={onKeyDown}>
        {t('assumed.tag')}
      </button>
      <span role="tooltip" id={id} className="assumed-reason">
        {reason}
      </span>
    </span>
  );
}
