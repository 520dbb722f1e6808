import type { FastifyRequest } from 'fastify';
import type { Actor } from '../access/actor.ts';
import type { RequestContext } from '../context.ts';
import { unauthenticated } from '../errors.ts';

export function contextOf(request: FastifyRequest): RequestContext {
  return { actor: request.actor, requestId: request.id, ip: request.ip ?? null, userAgent: request.headers['user-agent'] ?? null };
}

/** The actor of a route whose policy already demanded one. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthenticated();
  return request.actor;
}
