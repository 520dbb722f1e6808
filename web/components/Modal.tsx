import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { Icon } from './Icon.tsx';

/**
 * A DKFDS modal dialog. Focus goes into it, stays in it (Tab wraps), Escape closes it, and
 * focus returns to where it was when it closes.
 */
export function Modal({ heading, children, actions, onClose }: { heading: string; children: ReactNode; actions: ReactNode; onClose(): void }) {
  const { t } = useI18n();
  const headingId = useId();
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    document.body.classList.add('modal-open');
    const first = ref.current?.querySelector<HTMLElement>('.modal-footer button, .modal-body input');
    (first ?? ref.current)?.focus();
    return () => {
      document.body.classList.remove('modal-open');
      previous?.focus?.();
    };
  }, []);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      onClose();
      return;
    }
    if (event.key !== 'Tab' || !ref.current) return;
    const focusable = [...ref.current.querySelectorAll<HTMLElement>('button, [href], input, select, textarea, [tabindex]:not([tabindex="-1"])')].filter((el) => !el.hasAttribute('disabled'));
    if (focusable.length === 0) return;
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <>
      <div className="fds-modal show-modal" role="dialog" aria-modal="true" aria-labelledby={headingId} ref={ref} tabIndex={-1} onKeyDown={onKeyDown}>
        <div className="modal-content">
          <div className="modal-header">
            <h2 className="modal-title" id={headingId}>
              {heading}
            </h2>
            <button type="button" className="modal-close function-link" onClick={onClose}>
              <Icon name="close" />
              {t('common.close')}
            </button>
          </div>
          <div className="modal-body">{children}</div>
          <div className="modal-footer">{actions}</div>
        </div>
      </div>
      <div className="modal-backdrop show" />
    </>
  );
}

/** Asks before a destructive or irreversible action, and says what will happen. */
export function ConfirmDialog({
  heading,
  children,
  confirmLabel,
  onConfirm,
  onCancel,
  busy,
  danger = true,
}: {
  heading: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm(): void;
  onCancel(): void;
  busy?: boolean;
  danger?: boolean;
}) {
  const { t } = useI18n();
  return (
    <Modal
      heading={heading}
      onClose={onCancel}
      actions={
        <div className="button-group">
          <button type="button" className={`button ${danger ? 'button-warning' : 'button-primary'}`} onClick={onConfirm} disabled={busy}>
            {confirmLabel}
          </button>
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      }
    >
      {children}
    </Modal>
  );
}
