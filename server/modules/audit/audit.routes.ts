import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZAuditPage, ZAuditQuery, ZReadPurpose, ZReadPurposeInput } from '../../../contracts/audit.ts';
import { ZId, ZIdParams, ZOk, ZPurpose } from '../../../contracts/common.ts';
import { policy } from '../../platform/access/route-policy.ts';
import { actorOf, contextOf } from '../../platform/http/request-context.ts';
import type { AuditService } from './audit.service.ts';
import type { ReadPurposesService } from './read-purposes.service.ts';

export function registerAuditRoutes(app: FastifyInstance, audit: AuditService, purposes: ReadPurposesService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/audit', {
    config: { policy: policy.can('audit.read') },
    schema: { tags: ['audit'], summary: "Search the current municipality's audit log", querystring: ZAuditQuery, response: { 200: ZAuditPage } },
    handler: (request) => audit.search(actorOf(request), request.query, contextOf(request)),
  });

  r.get('/api/audit/subject-access.csv', {
    config: { policy: policy.can('audit.export') },
    schema: {
      tags: ['audit'],
      summary: "One person's access log as CSV (GDPR art. 15)",
      querystring: z.strictObject({ subjectId: ZId, purpose: ZPurpose }),
      produces: ['text/csv'],
    },
    handler: async (request, reply) => {
      const csv = await audit.exportSubjectAccessLog(actorOf(request), request.query.subjectId, request.query.purpose, contextOf(request));
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="adgangslog-${request.query.subjectId}.csv"`)
        .send(csv);
    },
  });

  r.get('/api/read-purposes', {
    config: { policy: policy.can('account.self') },
    schema: {
      tags: ['audit'],
      summary: "The purposes a read of personal data may state: the national list and the municipality's own entries",
      querystring: z.strictObject({ includeRetired: z.enum(['true', 'false']).default('false') }),
      response: { 200: z.array(ZReadPurpose) },
    },
    handler: (request) => purposes.list(actorOf(request), request.query.includeRetired === 'true'),
  });
  r.post('/api/read-purposes', {
    config: { policy: policy.can('settings.manage') },
    schema: { tags: ['audit'], summary: "Add a purpose to the municipality's own entries", body: ZReadPurposeInput, response: { 201: ZReadPurpose } },
    handler: async (request, reply) => reply.code(201).send(await purposes.add(actorOf(request), request.body, contextOf(request))),
  });
  r.delete('/api/read-purposes/:id', {
    config: { policy: policy.can('settings.manage') },
    schema: { tags: ['audit'], summary: "Retire one of the municipality's own purposes (the access log keeps showing it)", params: ZIdParams, response: { 200: ZOk } },
    handler: async (request) => (await purposes.retire(actorOf(request), request.params.id, contextOf(request)), { ok: true as const }),
  });
}
