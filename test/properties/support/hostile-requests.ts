import fc from 'fast-check';
import {
  type GeneratedBody,
  type KnownValues,
  acceptLanguage,
  bodyFor,
  bogusAuthorization,
  bogusCookies,
  contentType,
  headerText,
  paramValue,
  queryFor,
  wildcardTail,
} from './arbitraries.ts';
import type { RawRequest } from './raw-http.ts';
import type { RouteSpec } from './route-catalogue.ts';

/** One generated request, before the session (if any) is added. */
export interface HostileRequest {
  method: string;
  path: string;
  contentType?: string;
  body?: GeneratedBody;
  acceptLanguage?: string;
  /** Logged-in runs: send the real CSRF token (usually, so the request reaches validation). */
  csrf: { kind: 'valid' } | { kind: 'none' } | { kind: 'bogus'; value: string };
  /** Logged-in runs: send the session cookie (usually) next to any bogus cookies. */
  withSession: boolean;
  cookies: string[];
  authorization?: string;
  requestId?: string;
}

const clip = (text: string, max = 160) => (text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text);

/** A short, copyable description of a request for failure messages. */
export function describeRequest(r: HostileRequest): string {
  const lines = [`${r.method} ${clip(r.path, 300)}`];
  if (r.contentType !== undefined) lines.push(`content-type: ${JSON.stringify(r.contentType)}`);
  if (r.body) {
    const text = r.body.bytes.toString('utf8');
    lines.push(`body (${r.body.kind}, ${r.body.bytes.length} bytes): ${clip(JSON.stringify(text), 300)}`);
  }
  if (r.acceptLanguage !== undefined) lines.push(`accept-language: ${clip(JSON.stringify(r.acceptLanguage), 80)}`);
  if (r.csrf.kind !== 'valid') lines.push(`x-csrf-token: ${r.csrf.kind === 'none' ? '(none)' : clip(JSON.stringify(r.csrf.value), 60)}`);
  if (!r.withSession) lines.push('(no session cookie)');
  if (r.cookies.length > 0) lines.push(`extra cookies: ${clip(JSON.stringify(r.cookies), 120)}`);
  if (r.authorization !== undefined) lines.push(`authorization: ${clip(JSON.stringify(r.authorization), 80)}`);
  if (r.requestId !== undefined) lines.push(`x-request-id: ${clip(JSON.stringify(r.requestId), 80)}`);
  return lines.join('\n    ');
}

function pathFor(route: RouteSpec, known: KnownValues, param: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const pieces = route.url.split(/(:\w+|\*)/).filter((p) => p !== '');
  return fc.tuple(...pieces.map((p) => (p === '*' ? wildcardTail(known) : p.startsWith(':') ? param : fc.constant(p)))).map((parts) => parts.join(''));
}

const OTHER_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/**
 * Requests aimed at one route. Each request is shaped like a real one (the route's method, a
 * plausible path, schema-shaped query and body, the session and CSRF token when logged in) and
 * then broken in one place: a request broken everywhere stops at the first check and never
 * reaches the code behind it. "Schema-shaped" values still carry hostile strings (NUL, lone
 * surrogates, traversal, very long text), so even the unbroken requests probe the database.
 */
export function hostileRequests(route: RouteSpec, known: KnownValues, options: { loggedIn: boolean; bodyLimit: number }): fc.Arbitrary<HostileRequest> {
  const plausibleParam = fc.oneof(fc.uuid(), fc.constantFrom(...known.ids));
  const plausiblePath = pathFor(route, known, plausibleParam);
  const plausibleQuery = route.query ? queryFor(route, known, true) : fc.constant('');
  const plausibleBody: fc.Arbitrary<GeneratedBody | undefined> = route.body
    ? bodyFor(route, known, options.bodyLimit, true)
    : fc.constant(undefined);
  const joinPath = ([p, q]: [string, string]) => (q ? `${p}?${q}` : p);

  const plausible = {
    method: fc.constant(route.method),
    path: fc.tuple(plausiblePath, plausibleQuery).map(joinPath),
    body: plausibleBody,
    contentType: fc.constant<string | undefined>(undefined),
    acceptLanguage: fc.option(fc.constantFrom('da', 'en', 'en-GB,en;q=0.9,da;q=0.8'), { nil: undefined }),
    csrf: fc.constant<HostileRequest['csrf']>(options.loggedIn ? { kind: 'valid' } : { kind: 'none' }),
    withSession: fc.constant(options.loggedIn),
    cookies: fc.constant<string[]>([]),
    authorization: fc.constant<string | undefined>(undefined),
    requestId: fc.constant<string | undefined>(undefined),
  };
  const hostile = {
    method: fc.constantFrom(...OTHER_METHODS),
    path: fc.tuple(pathFor(route, known, paramValue(known)), queryFor(route, known, false)).map(joinPath),
    body: bodyFor(route, known, options.bodyLimit, false),
    contentType: fc.option(contentType, { nil: undefined, freq: 6 }),
    headers: fc.record({
      acceptLanguage,
      csrf: fc.oneof(fc.constant({ kind: 'none' as const }), headerText(60).map((value) => ({ kind: 'bogus' as const, value }))),
      withSession: fc.boolean(),
      cookies: bogusCookies,
      authorization: fc.option(bogusAuthorization, { nil: undefined }),
      requestId: fc.option(headerText(100), { nil: undefined }),
    }),
  };
  const focus = <K extends keyof typeof plausible>(overrides: { [P in K]: fc.Arbitrary<HostileRequest[P]> }) =>
    fc.record({ ...plausible, ...overrides }) as fc.Arbitrary<HostileRequest>;

  return fc
    .oneof(
      { arbitrary: focus({}), weight: 6 },
      { arbitrary: focus({ body: hostile.body, contentType: hostile.contentType }), weight: 4 },
      { arbitrary: focus({ path: hostile.path }), weight: 3 },
      { arbitrary: focus({ method: hostile.method, body: hostile.body }), weight: 1 },
      { arbitrary: fc.tuple(focus({}), hostile.headers).map(([r, h]) => ({ ...r, ...h })), weight: 2 },
    )
    .map((r) => ({
      ...r,
      // A body is sent with a content type nearly always, as clients do.
      contentType: r.body && r.contentType === undefined ? 'application/json' : r.contentType,
    }));
}

/** The request on the wire, with the session's cookie and CSRF token where the run has them. */
export function toRawRequest(r: HostileRequest, session: { cookie: string; csrfToken: string } | null): RawRequest {
  const headers: Record<string, string> = {};
  if (r.contentType !== undefined) headers['content-type'] = r.contentType;
  if (r.acceptLanguage !== undefined) headers['accept-language'] = r.acceptLanguage;
  if (r.csrf.kind === 'valid' && session) headers['x-csrf-token'] = session.csrfToken;
  if (r.csrf.kind === 'bogus') headers['x-csrf-token'] = r.csrf.value;
  const cookies = [...r.cookies, ...(r.withSession && session ? [session.cookie] : [])];
  if (cookies.length > 0) headers.cookie = cookies.join('; ');
  if (r.authorization !== undefined) headers.authorization = r.authorization;
  if (r.requestId !== undefined) headers['x-request-id'] = r.requestId;
  return { method: r.method, path: r.path, headers, body: r.body?.bytes };
}
