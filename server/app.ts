import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyBaseLogger, type RouteOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { registerAuditRoutes } from './modules/audit/audit.routes.ts';
import { AuditService } from './modules/audit/audit.service.ts';
import { ReadPurposesService } from './modules/audit/read-purposes.service.ts';
import { registerEffortRoutes } from './modules/efforts/efforts.routes.ts';
import { EffortsService } from './modules/efforts/efforts.service.ts';
import { EffortsTransfer } from './modules/efforts/efforts.transfer.ts';
import { registerPlanRoutes } from './modules/plans/plans.routes.ts';
import { registerMeetingRoutes } from './modules/meetings/meetings.routes.ts';
import { MeetingsService } from './modules/meetings/meetings.service.ts';
import { registerScenarioRoutes } from './modules/scenarios/scenarios.routes.ts';
import { ScenariosService } from './modules/scenarios/scenarios.service.ts';
import { PlansService } from './modules/plans/plans.service.ts';
import { MailSender } from './platform/mail.ts';
import { registerHomeRoutes } from './modules/home/home.routes.ts';
import { HomeService } from './modules/home/home.service.ts';
import { registerNotificationRoutes } from './modules/notifications/notifications.routes.ts';
import { NotificationsService } from './modules/notifications/notifications.service.ts';
import { registerOrganisationRoutes } from './modules/organisation/organisation.routes.ts';
import { OrganisationService } from './modules/organisation/organisation.service.ts';
import { registerIdentityRoutes } from './modules/identity/identity.routes.ts';
import { IdentityService, SESSION_COOKIE } from './modules/identity/identity.service.ts';
import { type RegisteredRoute, installRoutePolicies, policy } from './platform/access/route-policy.ts';
import { notFound } from './platform/errors.ts';
import { AccessLogWriter } from './platform/audit/access-log.ts';
import type { Config } from './platform/config.ts';
import type { OpenDatabase } from './platform/db/database.ts';
import { narrowRequestScope, resolvingActor, runRequestInScope, tenantScope } from './platform/db/data-scope.ts';
import { migrationsAreCurrent } from './platform/db/migrate.ts';
import { installStrictJsonParser } from './platform/http/json-body.ts';
import { clientErrorHandler, frameworkErrorHandler, installProblemHandler } from './platform/http/problem-handler.ts';
import { installSecurityHeaders } from './platform/http/security-headers.ts';
import { JobRunner } from './platform/jobs.ts';
import { AuditCheckpointer } from './platform/audit/audit-checkpoint.ts';

export interface BuiltApp {
  app: FastifyInstance;
  /** Every registered route with its declared policy. */
  routes: RegisteredRoute[];
  jobs: JobRunner;
  services: { identity: IdentityService; audit: AuditService; organisation: OrganisationService; efforts: EffortsService; plans: PlansService; mail: MailSender };
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;
// Routes that plugins add for public assets: the API docs and the web app's static files.
const isPublicAsset = (route: RouteOptions) =>
  route.url === '/api/docs' || route.url.startsWith('/api/docs/') || typeof (route.config as { file?: unknown } | undefined)?.file === 'string';

/** Builds the HTTP application: platform plugins first, then each module's routes. */
export async function buildApp(config: Config, database: OpenDatabase, loggerInstance?: FastifyBaseLogger): Promise<BuiltApp> {
  const app = Fastify({
    ...(loggerInstance ? { loggerInstance } : { logger: false }),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: trustedProxies(config.trustProxy),
    // A caller's request id is kept when it is sane, so logs join up across services.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    routerOptions: { maxParamLength: 200 },
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('actor', null);
  // Every request runs in a data scope, empty until its actor is known: row-level security then
  // shows it no municipality's rows by default (platform/db/data-scope.ts).
  app.addHook('onRequest', (_request, _reply, done) => runRequestInScope(done));
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  const { db } = database;
  const accessLog = new AccessLogWriter(db);
  const identity = new IdentityService(db, config, accessLog);
  const audit = new AuditService(db, accessLog);
  const organisation = new OrganisationService(db, accessLog);
  const efforts = new EffortsService(db);
  const notifications = new NotificationsService(db);
  const plans = new PlansService(db, config.publicUrl, organisation, notifications);
  const mail = new MailSender(db, config.smtpUrl, config.mailFrom);

  installProblemHandler(app);
  installStrictJsonParser(app);
  await installSecurityHeaders(app);
  await app.register(cookie);
  const routes = installRoutePolicies(app, isPublicAsset, new URL(config.publicUrl).origin);

  // A path that climbs out of its folder ("..", however encoded) names nothing we serve.
  app.addHook('onRequest', async (request) => {
    if (climbsOutOfFolder(request.url)) throw notFound();
  });

  // Who is asking: an API token in the Authorization header, else the session cookie. The
  // request's data scope (data-scope.ts) is then the actor's municipality and police district.
  app.addHook('onRequest', async (request) => {
    const authorization = request.headers.authorization;
    if (authorization?.startsWith('Bearer ')) {
      request.actor = await resolvingActor(() => identity.actorFromApiToken(authorization.slice(7).trim()));
    } else {
      const token = request.cookies[SESSION_COOKIE];
      if (token) request.actor = await resolvingActor(() => identity.actorFromSessionToken(token));
    }
    if (request.actor) narrowRequestScope(tenantScope([request.actor.municipalityId], [request.actor.policeDistrictId]));
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Trekant API', version: '0.1.0', description: 'Safety and crime prevention: the municipal platform. Errors are RFC 9457 problem+json.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: false,
    // Swagger UI's bundle writes style attributes into its own markup; only its pages allow that.
    transformStaticCSP: (csp) => csp.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"),
  });

  app.get('/api/openapi.json', { config: { policy: policy.public() }, schema: { hide: true } }, async () => app.swagger());

  app.get('/health', { config: { policy: policy.public() }, schema: { tags: ['operations'], summary: 'The process is alive' } }, async () => ({ status: 'ok' }));

  app.get('/ready', { config: { policy: policy.public() }, schema: { tags: ['operations'], summary: 'The database answers and migrations are current' } }, async (_request, reply) => {
    try {
      await sql`SELECT 1`.execute(db);
      if (!(await migrationsAreCurrent(db))) return reply.code(503).send({ status: 'migrations pending' });
      return { status: 'ready', database: database.kind };
    } catch {
      return reply.code(503).send({ status: 'database unreachable' });
    }
  });

  registerIdentityRoutes(app, identity, config);
  registerAuditRoutes(app, audit, new ReadPurposesService(db));
  await registerOrganisationRoutes(app, organisation);
  await registerEffortRoutes(app, efforts, new EffortsTransfer(db, efforts));
  await registerPlanRoutes(app, plans, config.publicUrl);
  registerNotificationRoutes(app, notifications);
  registerScenarioRoutes(app, new ScenariosService(db));
  registerMeetingRoutes(app, new MeetingsService(db, organisation, accessLog));
  registerHomeRoutes(app, new HomeService(organisation, efforts, plans));

  await serveWebApp(app, config.webDistDir);

  const checkpointer = new AuditCheckpointer(db, config.auditCheckpointFile, app.log);
  const jobs = new JobRunner(
    db,
    [
      { name: 'purge-expired-sessions', everyMs: 3600 * 1000, run: () => identity.purgeExpired() },
      { name: 'send-mail', everyMs: 60 * 1000, run: async () => void (await mail.sendQueued()) },
      // Anchors each audit chain outside the database: what was checkpointed cannot vanish unseen.
      { name: 'audit-checkpoint', everyMs: 5 * 60 * 1000, run: async () => void (await checkpointer.write()) },
      { name: 'plan-revision-reminders', everyMs: 6 * 3600 * 1000, run: async () => void (await plans.remindRevisions()) },
    ],
    app.log,
  );
  return { app, routes, jobs, services: { identity, audit, organisation, efforts, plans, mail } };
}

/**
 * Fastify's own numeric trustProxy trusts no hop at all, so a hop count becomes a function:
 * the nearest `hops` addresses (the socket's peer first) are our proxies, the next one is the
 * client. Whatever a client writes further left in X-Forwarded-For is never read. A count
 * cannot check who the nearest peer is, so the proxy must be the only way in (README).
 */
function trustedProxies(trust: Config['trustProxy']): false | string[] | ((address: string, hop: number) => boolean) {
  return typeof trust === 'number' ? (_address, hop) => hop < trust : trust;
}

function climbsOutOfFolder(url: string): boolean {
  const path = url.split('?')[0];
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // undecodable: the router refuses it as a bad URL
  }
  return decoded.split(/[\\/]/).includes('..');
}

/** The built React app: its files, and index.html for any other page address (client routing). */
async function serveWebApp(app: FastifyInstance, distDir: string): Promise<void> {
  const indexFile = path.join(distDir, 'index.html');
  if (!fs.existsSync(indexFile)) return;
  await app.register(fastifyStatic, { root: distDir, wildcard: false, index: false });
  const indexHtml = fs.readFileSync(indexFile);
  app.get('/*', { config: { policy: policy.public() }, schema: { hide: true } }, async (request, reply) => {
    const url = request.url.split('?')[0];
    if (url.startsWith('/api/') || path.extname(url) !== '') return reply.callNotFound();
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml);
  });
}
