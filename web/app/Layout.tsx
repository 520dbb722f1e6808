/**
 * The frame of every page in DKFDS markup: skip link, header (municipality, user, language,
 * log out, main menu; a drawer on phones), main content and footer. Moves focus to the new
 * page's heading after each route change.
 */
import { useIsFetching, useIsMutating, useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import type { TLocale } from '../../contracts/common.ts';
import type { TMe } from '../../contracts/identity.ts';
import { Icon } from '../components/Icon.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { logout, switchMunicipality, updateMe } from '../lib/endpoints.ts';
import { adminPagesFor, isWithin, modulesFor } from './navigation.ts';
import { NotificationsLink } from '../features/notifications/NotificationsLink.tsx';
import { ME_KEY, rememberLanguageChoiceWhileSignedOut, useLocaleFromProfile, useMeQuery, useSignedOut } from './session.tsx';

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function useFocusOnNavigate() {
  const location = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    let frames = 0;
    let handle = 0;
    const tryFocus = () => {
      const byHash = location.hash ? document.getElementById(safeDecode(location.hash.slice(1))) : null;
      // An address with #row waits for that row (its data may still be loading) before settling
      // for the page heading.
      const target = byHash ?? (location.hash && frames < 60 ? null : document.getElementById('page-heading'));
      if (target) {
        target.focus();
        if (byHash) target.scrollIntoView({ block: 'start' });
        return;
      }
      // The page may still be loading its session or data; try for about two seconds.
      if (frames++ < 120) handle = requestAnimationFrame(tryFocus);
    };
    handle = requestAnimationFrame(tryFocus);
    return () => cancelAnimationFrame(handle);
  }, [location.pathname, location.hash]);
}

function LanguageSwitch({ me }: { me: TMe | null | undefined }) {
  const { locale, setLocale, t } = useI18n();
  const queryClient = useQueryClient();
  const other: TLocale = locale === 'da' ? 'en' : 'da';
  const save = useMutation({
    mutationFn: (next: TLocale) => updateMe({ locale: next }),
    onSuccess: (updated) => queryClient.setQueryData(ME_KEY, updated),
  });
  const onClick = () => {
    setLocale(other);
    // Saved on the profile too, so the server answers in the same language.
    if (me && me.stage !== 'second_factor') save.mutate(other);
    else rememberLanguageChoiceWhileSignedOut(other);
  };
  return (
    <button type="button" className="function-link language-switch" onClick={onClick} lang={other}>
      <Icon name="language" />
      <span>{t(other === 'en' ? 'language.switch_to_en' : 'language.switch_to_da')}</span>
    </button>
  );
}

function MunicipalitySwitch({ me, idPrefix }: { me: TMe; idPrefix: string }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [selected, setSelected] = useState(me.municipality?.id ?? '');
  const mutation = useMutation({
    mutationFn: (id: string) => switchMunicipality(id),
    // Everything on screen belongs to the municipality: fetch it all again.
    onSuccess: () => queryClient.invalidateQueries(),
  });
  if (me.municipalities.length < 2) return null;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (selected && selected !== me.municipality?.id) mutation.mutate(selected);
  };
  return (
    <form className="municipality-switch" onSubmit={onSubmit}>
      <label className="form-label" htmlFor={`${idPrefix}-municipality`}>
        {t('header.municipality_switch')}
      </label>
      <div className="municipality-switch-row">
        <select id={`${idPrefix}-municipality`} className="form-select" value={selected} onChange={(e) => setSelected(e.target.value)}>
          {me.municipalities.map((m) => (
            <option key={m.id} value={m.id}>
              {t('header.municipality_name', { name: m.name })}
            </option>
          ))}
        </select>
        <button type="submit" className="button button-secondary" disabled={mutation.isPending}>
          {t('header.municipality_switch_button')}
        </button>
      </div>
      {mutation.isError ? (
        <p className="form-error-message" role="alert">
          {t('header.municipality_switch_failed')}
        </p>
      ) : null}
    </form>
  );
}

function useLogout() {
  const navigate = useNavigate();
  const signedOut = useSignedOut();
  return useMutation({
    mutationFn: logout,
    // Logged out either way: if the session was already gone, there is nothing to end.
    onSettled: () => {
      signedOut();
      navigate('/login', { replace: true, state: { loggedOut: true } });
    },
  });
}

function roleText(me: TMe, t: ReturnType<typeof useI18n>['t']): string {
  return (me.municipality?.roles ?? []).map((role) => t(`role.${role}`)).join(', ');
}

function MenuLinks({ me, pathname }: { me: TMe; pathname: string }) {
  const { t } = useI18n();
  const admin = adminPagesFor(me);
  const items: { path: string; label: string }[] = modulesFor(me).map((m) => ({ path: m.path, label: t(m.label) }));
  if (admin.length > 0) items.push({ path: admin[0].path, label: t('nav.admin') });
  return (
    <ul className="mainmenu">
      {items.map((item) => {
        const section = item.path.startsWith('/admin') ? '/admin' : item.path;
        const current = pathname === item.path;
        const active = isWithin(pathname, section);
        return (
          <li key={item.path} className={[active ? 'active' : '', current ? 'current' : ''].filter(Boolean).join(' ') || undefined}>
            <Link to={item.path} className="nav-link" aria-current={current ? 'page' : active ? 'true' : undefined}>
              <span>{item.label}</span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

function Header({ me }: { me: TMe | null | undefined }) {
  const { t } = useI18n();
  const location = useLocation();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const logoutMutation = useLogout();
  const openButton = useRef<HTMLButtonElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  const full = me && me.stage === 'full' ? me : null;
  const signedIn = me && me.stage !== 'second_factor' ? me : null;

  useEffect(() => setDrawerOpen(false), [location.pathname]);
  useEffect(() => {
    if (drawerOpen) closeButton.current?.focus();
  }, [drawerOpen]);
  const closeDrawer = () => {
    setDrawerOpen(false);
    openButton.current?.focus();
  };

  const municipalityName = me?.municipality ? t('header.municipality_name', { name: me.municipality.name }) : null;
  const logoutButton = (
    <button type="button" className="function-link d-print-none log-off" onClick={() => logoutMutation.mutate()} disabled={logoutMutation.isPending}>
      <Icon name="lock" />
      {t('header.logout')}
    </button>
  );

  return (
    <header className="header">
      <div className="portal-info">
        <div className="portal-info-inner container">
          {municipalityName ? (
            <Link to="/" className="portal-name">
              <span className="portal-name-mark" aria-hidden="true" />
              <span>{municipalityName}</span>
              <span className="sr-only"> – {t('nav.front_page')}</span>
            </Link>
          ) : (
            <span className="portal-name" />
          )}
          <LanguageSwitch me={me} />
          {signedIn ? (
            <button type="button" className="function-link button-menu-open d-print-none" aria-haspopup="dialog" aria-expanded={drawerOpen} onClick={() => setDrawerOpen(true)} ref={openButton}>
              <Icon name="menu" />
              {t('header.menu')}
            </button>
          ) : null}
          {signedIn ? (
            <div className="portal-user">
              <p className="user">
                <Link to="/konto" className="user-link">
                  {signedIn.user.name}
                </Link>
                {roleText(signedIn, t) ? <span className="user-roles">{roleText(signedIn, t)}</span> : null}
              </p>
              {full?.municipality ? <NotificationsLink /> : null}
              {logoutButton}
            </div>
          ) : null}
        </div>
      </div>
      <div className="solution-info">
        <div className="solution-info-inner container">
          <div className="solution-heading">
            <Link to="/" aria-label={t('header.solution_link_label')}>
              {t('app.name')}
            </Link>
          </div>
          <div className="additional-info">
            {full && full.municipalities.length > 1 ? <MunicipalitySwitch me={full} idPrefix="desktop" /> : <p>{t('app.tagline')}</p>}
          </div>
        </div>
      </div>
      {full ? (
        <div className="navigation-menu">
          <div className="navigation-menu-inner container">
            <nav className="nav" aria-label={t('nav.main')}>
              <MenuLinks me={full} pathname={location.pathname} />
            </nav>
          </div>
        </div>
      ) : null}
      {signedIn && drawerOpen ? (
        <>
          <div className="mobile-drawer is-visible" role="dialog" aria-modal="true" aria-labelledby="menu-heading" onKeyDown={(e) => e.key === 'Escape' && closeDrawer()}>
            <div className="menu-top">
              <h2 id="menu-heading" className="menu-heading">
                {t('header.menu')}
              </h2>
              <button type="button" className="function-link button-menu-close" onClick={closeDrawer} ref={closeButton}>
                <Icon name="close" />
                {t('common.close')}
              </button>
            </div>
            <div className="portal-info-mobile">
              <p className="user">
                <span>{signedIn.user.name}</span>
                {municipalityName ? <span>{municipalityName}</span> : null}
              </p>
              <p>
                <Link to="/konto" className="function-link">
                  <Icon name="person" />
                  {t('nav.account')}
                </Link>
              </p>
              <p>{logoutButton}</p>
            </div>
            {full && full.municipalities.length > 1 ? (
              <div className="solution-info-mobile">
                <MunicipalitySwitch me={full} idPrefix="mobile" />
              </div>
            ) : null}
            {full ? (
              <nav className="navigation-menu-mobile" aria-label={t('nav.main')}>
                <MenuLinks me={full} pathname={location.pathname} />
              </nav>
            ) : null}
          </div>
          <div className="overlay is-visible" onClick={closeDrawer} aria-hidden="true" />
        </>
      ) : null}
    </header>
  );
}

function Footer() {
  const { t } = useI18n();
  return (
    <footer>
      <div className="footer">
        <div className="container">
          <div className="row">
            <div className="col-12 col-md-6 footer-col">
              <p>
                <strong>{t('app.name')}</strong>
              </p>
              <p>{t('footer.about')}</p>
            </div>
            <div className="col-12 col-md-6 footer-col">
              <ul className="unstyled-list">
                <li>
                  <Link to="/tilgaengelighed">{t('footer.accessibility')}</Link>
                </li>
                <li>
                  <a href="/api/docs">{t('footer.api_docs')}</a>
                </li>
              </ul>
            </div>
          </div>
        </div>
      </div>
    </footer>
  );
}

export function Layout() {
  const { t } = useI18n();
  const me = useMeQuery().data;
  useLocaleFromProfile(me);
  useFocusOnNavigate();
  // While data is on its way the content is marked busy, for assistive technology (and tests).
  const busy = useIsFetching() + useIsMutating() > 0;
  return (
    <>
      <a className="skipnav" href="#main-content">
        {t('nav.skip')}
      </a>
      <Header me={me} />
      <div className="container page-container">
        <main id="main-content" tabIndex={-1} aria-busy={busy || undefined}>
          <Outlet />
        </main>
      </div>
      <Footer />
    </>
  );
}

