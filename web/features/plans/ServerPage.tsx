import { useEffect } from 'react';
import { useLocation } from 'react-router';
import { NotFoundPage } from '../about/ForbiddenPage.tsx';

/** The server's public plan page (plans.public.tsx); no other address under /offentlig is served. */
const SERVER_RENDERED = /^\/offentlig\/[^/]+\/handlingsplan$/;

/**
 * Addresses under /offentlig belong to the server, not to this app: should the app ever be
 * asked for one (a link followed inside the app, history), the browser loads it from the server.
 * Only the address the server renders is reloaded, so an unknown one cannot reload forever.
 */
export function ServerPage() {
  const { pathname, search } = useLocation();
  const served = SERVER_RENDERED.test(pathname);
  useEffect(() => {
    if (served) window.location.replace(pathname + search);
  }, [served, pathname, search]);
  return served ? null : <NotFoundPage />;
}
