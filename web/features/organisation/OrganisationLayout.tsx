import { useState, type FormEvent } from 'react';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import type { TMe } from '../../../contracts/identity.ts';
import type { TPermission } from '../../../contracts/roles.ts';
import { hasPermission, useSession } from '../../app/session.tsx';
import { Icon } from '../../components/Icon.tsx';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { useWithAsOf } from './shared.tsx';

interface OrgPage {
  path: string;
  label: MessageKey;
  anyOf: TPermission[];
  /** Deeper pages that belong under this item in the side menu. */
  covers?: string[];
  /** Links keep the date the user is looking back to. */
  keepsAsOf?: boolean;
}

/** The module's sub-pages, each behind the permission the server checks for its data. */
export const ORG_PAGES: OrgPage[] = [
  { path: '/organisation/trae', label: 'org.nav.tree', anyOf: ['organisation.read'], covers: ['/organisation/organisationer', '/organisation/funktioner', '/organisation/puljer'], keepsAsOf: true },
  { path: '/organisation/forummatrix', label: 'org.nav.matrix', anyOf: ['organisation.read'], keepsAsOf: true },
  { path: '/organisation/niveauer', label: 'org.nav.levels', anyOf: ['organisation.read'], keepsAsOf: true },
  { path: '/organisation/fora', label: 'org.nav.forums', anyOf: ['organisation.read'], keepsAsOf: true },
  { path: '/organisation/mine-fora', label: 'org.nav.my_forums', anyOf: ['organisation.read', 'forums.read_own'] },
  { path: '/organisation/soeg', label: 'org.nav.search', anyOf: ['organisation.read'] },
  { path: '/organisation/import', label: 'org.nav.transfer', anyOf: ['organisation.read'] },
  { path: '/organisation/niveaunavne', label: 'org.nav.level_labels', anyOf: ['settings.manage'] },
  // Drafts of another organisation (issue #12): who may see them is the scenarios' own permission.
  { path: '/organisation/scenarier', label: 'scenario.nav.list', anyOf: ['scenarios.read', 'scenarios.steering'] },
  { path: '/organisation/scenarier/sammenlign', label: 'scenario.nav.compare', anyOf: ['scenarios.read', 'scenarios.steering'] },
];

export function orgPagesFor(me: TMe): OrgPage[] {
  return ORG_PAGES.filter((page) => page.anyOf.some((p) => hasPermission(me, p)));
}

const within = (pathname: string, path: string) => pathname === path || pathname.startsWith(`${path}/`);

/** /organisation: readers start at the tree; partners at the forums they sit in. */
export function OrganisationIndex() {
  const me = useSession();
  return <Navigate to={hasPermission(me, 'organisation.read') ? '/organisation/trae' : '/organisation/mine-fora'} replace />;
}

function ModuleSearch() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    navigate(q.trim() ? `/organisation/soeg?q=${encodeURIComponent(q.trim())}` : '/organisation/soeg');
  };
  return (
    <form role="search" className="org-search" onSubmit={onSubmit}>
      <label className="form-label" htmlFor="org-module-search">
        {t('org.search.module_label')}
      </label>
      <div className="search">
        <input id="org-module-search" type="search" className="form-input" value={q} onChange={(e) => setQ(e.target.value)} autoComplete="off" />
        <button type="submit" className="button button-search">
          <Icon name="search" />
          <span className="sr-only">{t('org.search.submit')}</span>
        </button>
      </div>
    </form>
  );
}

/** The module's frame: a DKFDS side menu (and search) beside the page. */
export function OrganisationLayout() {
  const { t } = useI18n();
  const me = useSession();
  const { pathname } = useLocation();
  const withAsOf = useWithAsOf();
  const pages = orgPagesFor(me);
  // The deepest match wins: /organisation/fora/… belongs to "Fora", not to a shorter path.
  const activePath = pages
    .filter((page) => [page.path, ...(page.covers ?? [])].some((p) => within(pathname, p)))
    .reduce<string | undefined>((deepest, page) => (deepest && deepest.length >= page.path.length ? deepest : page.path), undefined);
  return (
    <div className="row">
      <div className="col-12 col-lg-3 sidebar-col">
        {/* The search page has its own search field; one is enough. */}
        {hasPermission(me, 'organisation.read') && pathname !== '/organisation/soeg' ? <ModuleSearch key={pathname} /> : null}
        <nav aria-label={t('org.nav.menu')}>
          <ul className="sidemenu">
            {pages.map((page) => {
              const current = pathname === page.path;
              const active = page.path === activePath;
              return (
                <li key={page.path} className={[active ? 'active' : '', current ? 'current' : ''].filter(Boolean).join(' ') || undefined}>
                  <Link to={page.keepsAsOf ? withAsOf(page.path) : page.path} className="nav-link" aria-current={current ? 'page' : active ? 'true' : undefined}>
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
