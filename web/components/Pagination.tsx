import { Link } from 'react-router';
import { useI18n } from '../i18n/i18n.tsx';
import { Icon } from './Icon.tsx';

/** Which page numbers to show: first, last, and the current page with its neighbours. */
export function pageWindow(current: number, total: number): (number | 'gap')[] {
  if (total <= 7) return Array.from({ length: total }, (_, i) => i + 1);
  const pages = new Set([1, total, current - 1, current, current + 1].filter((p) => p >= 1 && p <= total));
  if (current <= 4) [2, 3, 4, 5].forEach((p) => pages.add(p));
  if (current >= total - 3) [total - 4, total - 3, total - 2, total - 1].forEach((p) => pages.add(p));
  const sorted = [...pages].sort((a, b) => a - b);
  const result: (number | 'gap')[] = [];
  sorted.forEach((page, index) => {
    if (index > 0 && page - sorted[index - 1] > 1) result.push('gap');
    result.push(page);
  });
  return result;
}

/** DKFDS pagination with real links, so a page can be bookmarked and survives a reload. */
export function Pagination({ page, totalPages, hrefFor }: { page: number; totalPages: number; hrefFor(page: number): string }) {
  const { t } = useI18n();
  if (totalPages <= 1) return null;
  return (
    <nav className="pagination" aria-label={t('pagination.label')}>
      {page > 1 ? (
        <Link to={hrefFor(page - 1)} className="button button-arrow button-previous">
          <Icon name="chevron-left" />
          <span className="pagination-nav-link">{t('pagination.previous')}</span>
        </Link>
      ) : null}
      <span className="pagination-mobile">{t('pagination.page_of', { page, total: totalPages })}</span>
      <ul className="pagination__items">
        {pageWindow(page, totalPages).map((p, index) =>
          p === 'gap' ? (
            <li className="pagination-item pagination-overflow" key={`gap-${index}`}>
              <span>…</span>
            </li>
          ) : (
            <li className="pagination-item pagination-number" key={p}>
              <Link
                to={hrefFor(p)}
                className={`button ${p === page ? 'current-page' : 'button-secondary'}`}
                aria-label={t('pagination.page', { page: p })}
                aria-current={p === page ? 'page' : undefined}
              >
                {p}
              </Link>
            </li>
          ),
        )}
      </ul>
      {page < totalPages ? (
        <Link to={hrefFor(page + 1)} className="button button-arrow button-next">
          <span className="pagination-nav-link">{t('pagination.next')}</span>
          <Icon name="chevron-right" />
        </Link>
      ) : null}
    </nav>
  );
}
