import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { Icon } from './Icon.tsx';

type Variant = 'info' | 'success' | 'warning' | 'error';

const ICONS: Record<Variant, string> = { info: 'info', success: 'success', warning: 'warning', error: 'error' };

/** DKFDS alert. Warnings and errors are announced (role="alert"); others are polite status. */
export function Alert({ variant, heading, children, headingLevel = 2, className, id }: { variant: Variant; heading?: ReactNode; children?: ReactNode; headingLevel?: 2 | 3; className?: string; id?: string }) {
  const { t } = useI18n();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const labels: Record<Variant, string> = { info: t('alert.info'), success: t('alert.success'), warning: t('alert.warning'), error: t('alert.error') };
  return (
    <div id={id} className={`alert alert-${variant}${className ? ` ${className}` : ''}`} role={variant === 'warning' || variant === 'error' ? 'alert' : 'status'}>
      <Icon name={ICONS[variant]} label={labels[variant]} className="alert-icon" />
      <div className="alert-body">
        {heading ? <Heading className="alert-heading">{heading}</Heading> : null}
        {children ? <div className="alert-text">{children}</div> : null}
      </div>
    </div>
  );
}
