import { Link, Outlet, useLocation } from 'react-router';
import { adminPagesFor, isWithin } from '../../app/navigation.ts';
import { useSession } from '../../app/session.tsx';
import { useI18n } from '../../i18n/i18n.tsx';

/** Administration: a DKFDS side menu with the pages this user may see, and the page itself. */
export function AdminLayout() {
  const { t } = useI18n();
  const me = useSession();
  const { pathname } = useLocation();
  return (
    <div className="row">
      <div className="col-12 col-lg-3 sidebar-col">
        <nav aria-label={t('nav.admin_menu')}>
          <ul className="sidemenu">
            {adminPagesFor(me).map((page) => {
              const current = pathname === page.path;
              const active = isWithin(pathname, page.path);
              return (
                <li key={page.path} className={[active ? 'active' : '', current ? 'current' : ''].filter(Boolean).join(' ') || undefined}>
                  <Link to={page.path} className="nav-link" aria-current={current ? 'page' : active ? 'true' : undefined}>
                    <span>{t(page.label)}</span>
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
      </div>
      <div className="col-12 col-lg-9">
        <Outlet />
      </div>
    </div>
  );
}
