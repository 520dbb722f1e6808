import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZIdParams, ZOk, ZPurposeQuery } from '../../../contracts/common.ts';
import {
  ZApiToken,
  ZChangePassword,
  ZConfirmIdentity,
  ZCreateApiToken,
  ZCreateUser,
  ZCreatedApiToken,
  ZEnrolmentStart,
  ZEnrolmentVerify,
  ZLoginRequest,
  ZLoginResponse,
  ZMe,
  ZRecoveryCodes,
  ZSecondFactorPolicy,
  ZSecondFactorRequest,
  ZSessionInfo,
  ZSwitchMunicipality,
  ZUpdateMe,
  ZUpdateUser,
  ZUserDetail,
  ZUserSummary,
} from '../../../contracts/identity.ts';
import { policy } from '../../platform/access/route-policy.ts';
import { actorOf, contextOf } from '../../platform/http/request-context.ts';
import { SESSION_COOKIE, type IdentityService } from './identity.service.ts';

export function registerIdentityRoutes(app: FastifyInstance, identity: IdentityService, options: { sessionAbsoluteHours: number }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  const setSessionCookie = (request: FastifyRequest, reply: FastifyReply, token: string) =>
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: request.protocol === 'https',
      maxAge: options.sessionAbsoluteHours * 3600,
    });
  const clearSessionCookie = (reply: FastifyReply) => reply.clearCookie(SESSION_COOKIE, { path: '/' });

  r.post('/api/auth/login', {
    config: { policy: policy.public() },
    schema: { tags: ['auth'], summary: 'Log in with e-mail and password', body: ZLoginRequest, response: { 200: ZLoginResponse } },
    handler: async (request, reply) => {
      const { token, stage } = await identity.login(request.body, contextOf(request));
      setSessionCookie(request, reply, token);
      return { stage };
    },
  });

  r.post('/api/auth/second-factor', {
    config: { policy: policy.partialSession() },
    schema: { tags: ['auth'], summary: 'Complete login with a TOTP or recovery code', body: ZSecondFactorRequest, response: { 200: ZLoginResponse } },
    handler: async (request) => {
      await identity.completeSecondFactor(actorOf(request), request.body.code, contextOf(request));
      return { stage: 'full' as const };
    },
  });

  r.post('/api/auth/logout', {
    config: { policy: policy.partialSession() },
    schema: { tags: ['auth'], summary: 'Log out of this session', response: { 200: ZOk } },
    handler: async (request, reply) => {
      await identity.logout(actorOf(request), contextOf(request));
      clearSessionCookie(reply);
      return { ok: true as const };
    },
  });

  r.post('/api/auth/logout-everywhere', {
    config: { policy: policy.can('account.self') },
    schema: { tags: ['auth'], summary: 'End every session of the current user', response: { 200: z.object({ sessionsEnded: z.number().int() }) } },
    handler: async (request, reply) => {
      const sessionsEnded = await identity.logoutEverywhere(actorOf(request), contextOf(request));
      clearSessionCookie(reply);
      return { sessionsEnded };
    },
  });

  r.get('/api/me', {
    config: { policy: policy.partialSession() },
    schema: { tags: ['account'], summary: 'The current user, municipality, permissions and CSRF token', response: { 200: ZMe } },
    handler: (request) => identity.me(actorOf(request)),
  });

  r.patch('/api/me', {
    config: { policy: policy.can('account.self') },
    schema: { tags: ['account'], summary: 'Change my name or language', body: ZUpdateMe, response: { 200: ZMe } },
    handler: async (request) => {
      const actor = actorOf(request);
      await identity.updateMe(actor, request.body, contextOf(request));
      return identity.me({ ...actor, ...request.body });
    },
  });

  r.put('/api/me/municipality', {
    config: { policy: policy.can('account.self') },
    schema: { tags: ['account'], summary: 'Switch the municipality I act in', body: ZSwitchMunicipality, response: { 200: ZOk } },
    handler: async (request) => {
      await identity.switchMunicipality(actorOf(request), request.body.municipalityId, contextOf(request));
      return { ok: true as const };
    },
  });

  r.post('/api/me/password', {
    config: { policy: policy.can('account.self') },
    schema: { tags: ['account'], summary: 'Change my password (ends my other sessions)', body: ZChangePassword, response: { 200: ZOk } },
    handler: async (request) => {
      await identity.changePassword(actorOf(request), request.body, contextOf(request));
      return { ok: true as const };
    },
  });

  r.post('/api/me/second-factor/enrolment', {
    config: { policy: policy.can('account.self') },
    schema: {
      tags: ['account'],
      summary: 'Start setting up a TOTP second factor (replacing one in use needs the password or a current code)',
      body: ZConfirmIdentity.nullish(),
      response: { 200: ZEnrolmentStart },
    },
    handler: (request) => identity.startSecondFactorEnrolment(actorOf(request), request.body ?? {}, contextOf(request)),
  });

  r.post('/api/me/second-factor/enrolment/verify', {
    config: { policy: policy.can('account.self') },
    schema: { tags: ['account'], summary: 'Confirm the second factor; returns one-time recovery codes', body: ZEnrolmentVerify, response: { 200: ZRecoveryCodes } },
    handler: async (request) => ({ recoveryCodes: await identity.verifySecondFactorEnrolment(actorOf(request), request.body.code, contextOf(request)) }),
  });

  r.post('/api/me/second-factor/remove', {
    config: { policy: policy.can('account.self') },
    schema: { tags: ['account'], summary: 'Remove my second factor with my password or a current code (not when my role requires it)', body: ZConfirmIdentity, response: { 200: ZOk } },
    handler: async (request) => {
      await identity.removeSecondFactor(actorOf(request), request.body, contextOf(request));
      return { ok: true as const };
    },
  });

  r.get('/api/me/sessions', {
    config: { policy: policy.can('account.self') },
    schema: { tags: ['account'], summary: 'My live sessions', response: { 200: z.array(ZSessionInfo) } },
    handler: (request) => identity.listMySessions(actorOf(request)),
  });

  r.delete('/api/me/sessions/:id', {
    config: { policy: policy.can('account.self') },
    schema: { tags: ['account'], summary: 'End one of my sessions', params: ZIdParams, response: { 200: ZOk } },
    handler: async (request) => {
      await identity.revokeMySession(actorOf(request), request.params.id, contextOf(request));
      return { ok: true as const };
    },
  });

  r.get('/api/me/tokens', {
    config: { policy: policy.can('account.self') },
    schema: { tags: ['account'], summary: 'My API tokens', response: { 200: z.array(ZApiToken) } },
    handler: (request) => identity.listMyTokens(actorOf(request)),
  });

  r.post('/api/me/tokens', {
    config: { policy: policy.can('account.self') },
    schema: { tags: ['account'], summary: 'Create an API token for the current municipality (shown once)', body: ZCreateApiToken, response: { 201: ZCreatedApiToken } },
    handler: async (request, reply) => reply.code(201).send(await identity.createToken(actorOf(request), request.body, contextOf(request))),
  });

  r.delete('/api/me/tokens/:id', {
    config: { policy: policy.can('account.self') },
    schema: { tags: ['account'], summary: 'Revoke an API token', params: ZIdParams, response: { 200: ZOk } },
    handler: async (request) => {
      await identity.revokeToken(actorOf(request), request.params.id, contextOf(request));
      return { ok: true as const };
    },
  });

  // --- administration -----------------------------------------------------------------------
  r.get('/api/admin/users', {
    config: { policy: policy.can('users.read') },
    schema: { tags: ['administration'], summary: 'Users with a role in the current municipality', response: { 200: z.array(ZUserSummary) } },
    handler: (request) => identity.listUsers(actorOf(request), contextOf(request)),
  });

  r.get('/api/admin/users/:id', {
    config: { policy: policy.can('users.read') },
    schema: {
      tags: ['administration'],
      summary: "One user's details; the read is logged with the stated purpose",
      params: ZIdParams,
      querystring: ZPurposeQuery,
      response: { 200: ZUserDetail },
    },
    handler: (request) => identity.getUser(actorOf(request), request.params.id, request.query.purpose, contextOf(request)),
  });

  r.post('/api/admin/users', {
    config: { policy: policy.can('users.manage') },
    schema: { tags: ['administration'], summary: 'Create a user with roles in the current municipality', body: ZCreateUser, response: { 201: ZUserSummary } },
    handler: async (request, reply) => reply.code(201).send(await identity.createUser(actorOf(request), request.body, contextOf(request))),
  });

  r.patch('/api/admin/users/:id', {
    config: { policy: policy.can('users.manage') },
    schema: { tags: ['administration'], summary: "Change a user's name, roles or access", params: ZIdParams, body: ZUpdateUser, response: { 200: ZUserSummary } },
    handler: (request) => identity.updateUser(actorOf(request), request.params.id, request.body, contextOf(request)),
  });

  r.get('/api/admin/second-factor-policy', {
    config: { policy: policy.can('settings.manage') },
    schema: { tags: ['administration'], summary: 'Roles that must use a second factor', response: { 200: ZSecondFactorPolicy } },
    handler: (request) => identity.getSecondFactorPolicy(actorOf(request)),
  });

  r.put('/api/admin/second-factor-policy', {
    config: { policy: policy.can('settings.manage') },
    schema: { tags: ['administration'], summary: 'Set the roles that must use a second factor', body: ZSecondFactorPolicy, response: { 200: ZSecondFactorPolicy } },
    handler: (request) => identity.setSecondFactorPolicy(actorOf(request), request.body, contextOf(request)),
  });
}
