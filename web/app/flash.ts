import { useEffect, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';

/**
 * A message about what was just done ("Afsnittene er gemt"), brought by the navigation that did
 * it (`navigate(to, { state: { saved } })`) or set by the page itself. It shows until the user
 * goes anywhere else, and is taken out of the history entry at once, so going back to the page
 * or reloading it does not announce the change again.
 */
export function useFlash(): [string | null, (message: string | null) => void] {
  const location = useLocation();
  const navigate = useNavigate();
  const incoming = (location.state as { saved?: string } | null)?.saved ?? null;
  const [message, setMessage] = useState<string | null>(incoming);
  const seenKey = useRef(location.key);
  const clearing = useRef(false);

  useEffect(() => {
    if (location.key === seenKey.current) return;
    seenKey.current = location.key;
    // Our own replace below keeps the message; any other navigation brings its own or none.
    if (clearing.current) clearing.current = false;
    else setMessage(incoming);
  }, [location.key, incoming]);

  useEffect(() => {
    if (!incoming) return;
    clearing.current = true;
    navigate({ pathname: location.pathname, search: location.search, hash: location.hash }, { replace: true, state: null });
  }, [incoming, navigate, location.pathname, location.search, location.hash]);

  return [message, setMessage];
}
