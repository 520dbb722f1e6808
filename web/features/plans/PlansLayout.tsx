import type { ReactNode } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { useI18n } from '../../i18n/i18n.tsx';
import { PLANS_ROOT, planPath, versionsPath } from './labels.ts';
import { isUuid } from '../../lib/ids.ts';
import { planName, usePlan } from './shared.tsx';

function MenuItem({ to, label, pathname, active, children }: { to: string; label: string; pathname: string; active: boolean; children?: ReactNode }) {
  const current = pathname === to;
  return (
    <li className={[active ? 'active' : '', current ? 'current' : ''].filter(Boolean).join(' ') || undefined}>
      <Link to={to} className="nav-link" aria-current={current ? 'page' : active ? 'true' : undefined}>
        <span>{label}</span>
      </Link>
      {children}
    </li>
  );
}

/**
 * The module's frame: a DKFDS side menu beside the page. Inside a plan the menu also holds the
 * plan (its page, and its versions under it).
 */
export function PlansLayout() {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const planId = pathname.slice(PLANS_ROOT.length + 1).split('/')[0];
  const inPlan = isUuid(planId);
  // The page asks for the same plan; the menu only reads its year from the shared cache.
  const plan = usePlan(planId, inPlan);
  return (
    <div className="row">
      <div className="col-12 col-lg-3 sidebar-col">
        <nav aria-label={t('plan.nav.menu')}>
          <ul className="sidemenu">
            <MenuItem to={PLANS_ROOT} label={t('plan.nav.list')} pathname={pathname} active={!inPlan} />
            {inPlan && plan.data ? (
              <MenuItem to={planPath(planId)} label={planName(t, plan.data.year)} pathname={pathname} active>
                <ul>
                  <MenuItem to={versionsPath(planId)} label={t('plan.nav.versions')} pathname={pathname} active={pathname.startsWith(versionsPath(planId))} />
                </ul>
              </MenuItem>
            ) : null}
          </ul>
        </nav>
      </div>
      <div className="col-12 col-lg-9 org-content">
        <Outlet />
      </div>
    </div>
  );
}
