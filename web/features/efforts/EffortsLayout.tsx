import { Link, Outlet, useLocation } from 'react-router';
import type { TMe } from '../../../contracts/identity.ts';
import type { TPermission } from '../../../contracts/roles.ts';
import { hasPermission, useSession } from '../../app/session.tsx';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { EFFORTS_ROOT } from './labels.ts';

interface EffortsPage {
  path: string;
  label: MessageKey;
  anyOf: TPermission[];
}

/** The module's sub-pages, each behind the permission the server checks for its data. */
export const EFFORTS_PAGES: EffortsPage[] = [
  { path: EFFORTS_ROOT, label: 'effort.nav.list', anyOf: ['efforts.read'] },
  { path: `${EFFORTS_ROOT}/trekant`, label: 'effort.nav.triangle', anyOf: ['efforts.read'] },
  { path: `${EFFORTS_ROOT}/oekonomi`, label: 'effort.nav.economy', anyOf: ['economy.read'] },
  { path: `${EFFORTS_ROOT}/sammenligning`, label: 'effort.nav.peers', anyOf: ['efforts.read'] },
  { path: `${EFFORTS_ROOT}/import`, label: 'effort.nav.transfer', anyOf: ['efforts.read'] },
  { path: `${EFFORTS_ROOT}/indstillinger`, label: 'effort.nav.settings', anyOf: ['settings.manage'] },
];

export function effortsPagesFor(me: TMe): EffortsPage[] {
  return EFFORTS_PAGES.filter((page) => page.anyOf.some((p) => hasPermission(me, p)));
}

/** The module's frame: a DKFDS side menu beside the page. */
export function EffortsLayout() {
  const { t } = useI18n();
  const me = useSession();
  const { pathname } = useLocation();
  const pages = effortsPagesFor(me);
  // Every address is under /indsatser: a sub-page wins, anything else (an effort, the form) is the list's.
  const activePath = pages.find((page) => page.path !== EFFORTS_ROOT && (pathname === page.path || pathname.startsWith(`${page.path}/`)))?.path ?? EFFORTS_ROOT;
  return (
    <div className="row">
      <div className="col-12 col-lg-3 sidebar-col">
        <nav aria-label={t('effort.nav.menu')}>
          <ul className="sidemenu">
            {pages.map((page) => {
              const current = pathname === page.path;
              const active = page.path === activePath;
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
      <div className="col-12 col-lg-9 org-content">
        <Outlet />
      </div>
    </div>
  );
}
