import type { Actor } from './access/actor.ts';

/** What every service call gets besides its input: who, and from which request. */
export interface RequestContext {
  actor: Actor | null;
  requestId: string;
  ip: string | null;
  userAgent: string | null;
}

/** A context for the CLI and the seed, where an operator acts outside any request. */
export function systemContext(requestId = 'cli'): RequestContext {
  return { actor: null, requestId, ip: null, userAgent: null };
}

export function auditActor(ctx: RequestContext) {
  return {
    actorUserId: ctx.actor?.userId ?? null,
    actorName: ctx.actor?.name ?? null,
    municipalityId: ctx.actor?.municipalityId ?? null,
    requestId: ctx.requestId,
  };
}
