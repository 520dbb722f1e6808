import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZAuditPage, ZAuditQuery } from '../../../contracts/audit.ts';
import { ZId, ZPurpose } from '../../../contracts/common.ts';
import { policy } from '../../platform/access/route-policy.ts';
import { actorOf, contextOf } from '../../platform/http/request-context.ts';
import type { AuditService } from './audit.service.ts';

export function registerAuditRoutes(app: FastifyInstance, audit: AuditService): void {
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
}
