/**
 * Who is signed in: GET /api/me through TanStack Query, and the route guards built on it.
 * The user's saved language wins once they are signed in.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import type { TLocale } from '../../contracts/common.ts';
import type { TMe } from '../../contracts/identity.ts';
import type { TPermission } from '../../contracts/roles.ts';
import { LoadError } from '../components/QueryState.tsx';
import { Loading } from '../components/Loading.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { fetchMe, updateMe } from '../lib/endpoints.ts';
import { ForbiddenPage } from '../features/about/ForbiddenPage.tsx';

export const ME_KEY = ['me'] as const;

export function useMeQuery() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 60_000 });
}

/**
 * A language picked before logging in (on the login page) is the user's latest choice: it is
 * saved on their profile once they are signed in, instead of being overruled by it.
 */
let languageChosenWhileSignedOut: TLocale | null = null;
export function rememberLanguageChoiceWhileSignedOut(locale: TLocale): void {
  languageChosenWhileSignedOut = locale;
}

/** Keeps the UI language in step with the signed-in user's saved language. */
export function useLocaleFromProfile(me: TMe | null | undefined): void {
  const { locale, setLocale } = useI18n();
  const queryClient = useQueryClient();
  const saved = me?.user.locale;
  const stage = me?.stage;
  useEffect(() => {
    if (!saved || !stage) return;
    const chosen = languageChosenWhileSignedOut;
    if (chosen) {
      // Not yet allowed to save while the second factor is outstanding; keep the choice.
      if (stage === 'second_factor') return;
      languageChosenWhileSignedOut = null;
      if (chosen !== saved) {
        updateMe({ locale: chosen })
          .then((updated) => queryClient.setQueryData(ME_KEY, updated))
          .catch(() => setLocale(saved));
      }
      return;
    }
    if (saved !== locale) setLocale(saved);
    // Only when the saved language (or the user) changes, not whenever the UI language flips.
  }, [saved, stage, me?.user.id]);
}

const SessionContext = createContext<TMe | null>(null);

/** The signed-in user on pages behind RequireSession. */
export function useSession(): TMe {
  const me = useContext(SessionContext);
  if (!me) throw new Error('useSession outside RequireSession');
  return me;
}

export function hasPermission(me: TMe, permission: TPermission): boolean {
  return me.permissions.includes(permission);
}

/** Where a session in a given stage belongs after login. */
export function pathForStage(stage: TMe['stage'], next?: string | null): string {
  if (stage === 'second_factor') return next ? `/login/anden-faktor?next=${encodeURIComponent(next)}` : '/login/anden-faktor';
  if (stage === 'enrolment_required') return '/konto#anden-faktor';
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

function SessionGate({ children }: { children(me: TMe | null): ReactNode }) {
  const { t } = useI18n();
  const query = useMeQuery();
  if (query.isPending) return <Loading label={t('common.loading_session')} />;
  if (query.isError) return <LoadError error={query.error} retry={() => void query.refetch()} />;
  return <>{children(query.data)}</>;
}

/** Pages for a fully signed-in user. Others are sent to log in, or to finish logging in. */
export function RequireSession() {
  const location = useLocation();
  return (
    <SessionGate>
      {(me) => {
        const here = location.pathname + location.search;
        if (!me) return <Navigate to={`/login?next=${encodeURIComponent(here)}`} replace />;
        if (me.stage === 'second_factor') return <Navigate to={pathForStage(me.stage, here)} replace />;
        if (me.stage === 'enrolment_required' && location.pathname !== '/konto') return <Navigate to="/konto#anden-faktor" replace />;
        return (
          <SessionContext.Provider value={me}>
            <Outlet />
          </SessionContext.Provider>
        );
      }}
    </SessionGate>
  );
}

/** Pages that need a permission. Without it the page says so (the server refuses anyway). */
export function RequirePermission({ anyOf }: { anyOf: TPermission[] }) {
  const me = useSession();
  if (!anyOf.some((p) => hasPermission(me, p))) return <ForbiddenPage />;
  return <Outlet />;
}

/** The login page: a signed-in user goes on to where they belong. */
export function RedirectIfSignedIn() {
  const location = useLocation();
  const next = new URLSearchParams(location.search).get('next');
  return <SessionGate>{(me) => (me ? <Navigate to={pathForStage(me.stage, next)} replace /> : <Outlet />)}</SessionGate>;
}

/** The second-factor page: only for a session that waits for its second factor. */
export function RequireSecondFactorStage() {
  const location = useLocation();
  const next = new URLSearchParams(location.search).get('next');
  return (
    <SessionGate>
      {(me) => {
        if (!me) return <Navigate to="/login" replace />;
        if (me.stage !== 'second_factor') return <Navigate to={pathForStage(me.stage, next)} replace />;
        return (
          <SessionContext.Provider value={me}>
            <Outlet />
          </SessionContext.Provider>
        );
      }}
    </SessionGate>
  );
}

export function useSignedOut() {
  const queryClient = useQueryClient();
  return () => {
    queryClient.clear();
    queryClient.setQueryData(ME_KEY, null);
  };
}
