import { useEffect, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../i18n/i18n.tsx';
import { hyphenate } from '../lib/hyphenate.ts';
import { Icon } from './Icon.tsx';

/**
 * The page's one h1. It can take focus (tabIndex -1): the layout moves focus here after each
 * route change so screen readers start at the new page. Also sets the document title.
 */
export function PageHeading({ children, title, lead }: { children: ReactNode; title?: string; lead?: ReactNode }) {
  const { t, locale } = useI18n();
  const text = title ?? (typeof children === 'string' ? children : '');
  useEffect(() => {
    document.title = text ? `${text} – ${t('app.name')}` : t('app.name');
  }, [text, t]);
  return (
    <>
      <h1 id="page-heading" tabIndex={-1}>
        {typeof children === 'string' ? hyphenate(children, locale) : children}
      </h1>
      {lead ? <p className="font-lead">{lead}</p> : null}
    </>
  );
}

export interface Crumb {
  to?: string;
  label: string;
}

export function Breadcrumbs({ items }: { items: Crumb[] }) {
  const { t } = useI18n();
  return (
    <nav className="breadcrumbs" aria-label={t('nav.breadcrumbs')}>
      <ol className="breadcrumbs__list">
        {items.map((item, index) => (
          <li className="breadcrumbs__list-item" key={`${item.label}-${index}`} aria-current={item.to ? undefined : 'page'}>
            {index > 0 ? <Icon name="chevron-right" /> : null}
            {item.to ? (
              <Link className="breadcrumbs__link" to={item.to}>
                {item.label}
              </Link>
            ) : (
              item.label
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
