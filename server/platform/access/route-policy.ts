import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import type { TPermission } from '../../../contracts/roles.ts';
import { Problem, forbidden, problemType, unauthenticated } from '../errors.ts';
import type { Actor } from './actor.ts';

/**
 * What a route requires. Every route must declare one (deny by default): a route without a
 * policy fails at start-up, and a test walks all routes to prove it.
 */
export type RoutePolicy =
  | { kind: 'public' }
  /** Signed in with a password, second factor may still be outstanding (the 2FA routes). */
  | { kind: 'partial-session' }
  /** Fully signed in with one of these permissions, from the actor's roles in the municipality. */
  | { kind: 'permission'; permissions: TPermission[] };

export const policy = {
  public: (): RoutePolicy => ({ kind: 'public' }),
  partialSession: (): RoutePolicy => ({ kind: 'partial-session' }),
  can: (permission: TPermission): RoutePolicy => ({ kind: 'permission', permissions: [permission] }),
  /** Any one of the permissions suffices; the service narrows what each may see. */
  canAny: (...permissions: TPermission[]): RoutePolicy => ({ kind: 'permission', permissions }),
};

declare module 'fastify' {
  interface FastifyContextConfig {
    policy?: RoutePolicy;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function routePolicyOf(route: Pick<RouteOptions, 'config'>): RoutePolicy | undefined {
  return (route.config as { policy?: RoutePolicy } | undefined)?.policy;
}

/** Enforces the declared policy before validation and the handler. */
export function enforcePolicy(request: FastifyRequest, routePolicy: RoutePolicy, publicOrigin?: string): void {
  if (routePolicy.kind === 'public') return;
  const actor = request.actor;
  if (!actor) throw unauthenticated();
  if (actor.sessionId && !SAFE_METHODS.has(request.method)) {
    // A browser says where a request comes from; a cookie-authenticated change from another site is refused
    // even before the CSRF token is looked at (defence in depth: a leaked token is not enough).
    if (comesFromAnotherOrigin(request, publicOrigin)) throw new Problem(403, problemType('cross-origin'), 'problem.cross_origin', { detailKey: 'problem.csrf.detail' });
    // CSRF: a cookie-authenticated change must echo the session's token in a header.
    if (request.headers['x-csrf-token'] !== actor.csrfToken) throw new Problem(403, problemType('csrf'), 'problem.csrf', { detailKey: 'problem.csrf.detail' });
  }
  if (routePolicy.kind === 'partial-session') return;
  if (actor.stage === 'second_factor') throw new Problem(401, problemType('second-factor-required'), 'problem.second_factor_required');
  if (actor.stage === 'enrolment_required' && !routePolicy.permissions.includes('account.self')) {
    throw new Problem(403, problemType('enrolment-required'), 'problem.enrolment_required');
  }
  if (!routePolicy.permissions.some((p) => actor.permissions.includes(p))) throw forbidden();
  if (actor.tokenScopes) {
    const needed = SAFE_METHODS.has(request.method) ? 'read' : 'write';
    if (!actor.tokenScopes.includes(needed)) throw forbidden();
  }
}

/**
 * Sec-Fetch-Site (sent by current browsers) must say same-origin, or none for a request the user
 * typed; else an Origin header must be this server's own, as it sees itself or as users reach it
 * (TREKANT_PUBLIC_URL, for a proxy that does not pass the host on). Clients that send neither
 * (scripts, the CLI) are not browsers, and a cross-site page cannot make a browser omit both.
 */
function comesFromAnotherOrigin(request: FastifyRequest, publicOrigin?: string): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined) return site !== 'same-origin' && site !== 'none';
  const origin = request.headers.origin;
  return origin !== undefined && origin !== `${request.protocol}://${request.host}` && origin !== publicOrigin;
}

export interface RegisteredRoute {
  method: string;
  url: string;
  policy: RoutePolicy;
}

/**
 * Installs the deny-by-default rule: routes without a policy are refused at registration.
 * Returns the live list of registered routes with their policies, for tests and docs.
 */
export function installRoutePolicies(app: FastifyInstance, isPublicAsset: (route: RouteOptions) => boolean, publicOrigin?: string): RegisteredRoute[] {
  const registered: RegisteredRoute[] = [];
  app.addHook('onRoute', (route) => {
    if (isPublicAsset(route)) route.config = { ...(route.config ?? {}), policy: routePolicyOf(route) ?? policy.public() };
    const routePolicy = routePolicyOf(route);
    if (!routePolicy) throw new Error(`Route ${String(route.method)} ${route.url} declares no policy`);
    for (const method of [route.method].flat()) registered.push({ method: String(method), url: route.url, policy: routePolicy });
  });
  // Before validation, so that a caller without access learns nothing from validation errors.
  app.addHook('preValidation', async (request) => {
    const routePolicy = routePolicyOf(request.routeOptions);
    // Unknown routes (404 handler) have no config: nothing to enforce, nothing is served.
    if (!routePolicy) {
      if (request.routeOptions.url) throw forbidden();
      return;
    }
    enforcePolicy(request, routePolicy, publicOrigin);
  });
  return registered;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}
