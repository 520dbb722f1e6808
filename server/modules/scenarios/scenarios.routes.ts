import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZIdParams } from '../../../contracts/common.ts';
import {
  ZCompareQuery,
  ZRecommendationQuery,
  ZScenarioComparison,
  ZScenarioAdopt,
  ZScenarioCreate,
  ZScenarioDetail,
  ZScenarioShare,
  ZScenarioSummary,
  ZScenarioUpdate,
  ZTemplateSummary,
} from '../../../contracts/scenarios.ts';
import { policy } from '../../platform/access/route-policy.ts';
import { actorOf, contextOf } from '../../platform/http/request-context.ts';
import { sendJson } from '../../platform/view-cache.ts';
import { DOCX, renderDocx, renderPdf } from '../../platform/documents.ts';
import { recommendationOutline } from './scenarios.documents.ts';
import type { ScenariosService } from './scenarios.service.ts';

export function registerScenarioRoutes(app: FastifyInstance, scenarios: ScenariosService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // Steering members read what is shared with the steering group; the service narrows to it.
  const read = policy.canAny('scenarios.read', 'scenarios.steering');
  const edit = policy.can('scenarios.edit');
  const tags = ['scenarios'];

  r.get('/api/scenarios', {
    config: { policy: read },
    schema: { tags, summary: 'The organisation scenarios the user may see: their own drafts and those shared with them', response: { 200: z.array(ZScenarioSummary) } },
    handler: (request) => scenarios.list(actorOf(request)),
  });
  r.get('/api/scenarios/templates', {
    config: { policy: read },
    schema: { tags, summary: "The templates a scenario can start from: the memo's three national examples and three peers", response: { 200: z.array(ZTemplateSummary) } },
    handler: () => scenarios.templates(),
  });
  r.get('/api/scenarios/compare', {
    config: { policy: read },
    schema: { tags, summary: "Two to four scenarios side by side on the memo's criteria, against today's map", querystring: ZCompareQuery, response: { 200: ZScenarioComparison } },
    handler: async (request, reply) => sendJson(reply, await scenarios.compare(actorOf(request), request.query.ids, request.query.withToday, (c) => ZScenarioComparison.encode(c))),
  });
  for (const [format, type, render] of [
    ['docx', DOCX, renderDocx],
    ['pdf', 'application/pdf', renderPdf],
  ] as const) {
    r.get(`/api/scenarios/recommendation.${format}`, {
      config: { policy: read },
      schema: {
        tags,
        summary: `The recommendation to the steering group as ${format.toUpperCase()}: an "Arbejdsnotat" with the scenarios compared, a diagram of each, the consequences and the recommended one`,
        querystring: ZRecommendationQuery,
        produces: [type],
      },
      handler: async (request, reply) => {
        const { ids, withToday, recommended } = request.query;
        const file = await render(recommendationOutline(await scenarios.recommendation(actorOf(request), ids, withToday, recommended)));
        return reply.type(type).header('content-disposition', `attachment; filename="anbefaling-organisering.${format}"`).send(file);
      },
    });
  }
  r.post('/api/scenarios', {
    config: { policy: edit },
    schema: { tags, summary: "Start a private draft from the map and efforts as of a date, or from a template sized to the municipality", body: ZScenarioCreate, response: { 201: ZScenarioDetail } },
    handler: async (request, reply) => reply.code(201).send(await scenarios.create(actorOf(request), request.body, contextOf(request))),
  });
  r.get('/api/scenarios/:id', {
    config: { policy: read },
    schema: { tags, summary: 'A scenario: its document, assessment and warnings', params: ZIdParams, response: { 200: ZScenarioDetail } },
    handler: (request) => scenarios.detail(actorOf(request), request.params.id),
  });
  r.put('/api/scenarios/:id', {
    config: { policy: edit },
    schema: { tags, summary: 'Save the whole draft, from the revision it was read at (409 when it changed since)', params: ZIdParams, body: ZScenarioUpdate, response: { 200: ZScenarioDetail } },
    handler: (request) => scenarios.update(actorOf(request), request.params.id, request.body, contextOf(request)),
  });
  r.post('/api/scenarios/:id/share', {
    config: { policy: edit },
    schema: { tags, summary: 'Share the draft more widely: with the working group, then the steering group', params: ZIdParams, body: ZScenarioShare, response: { 200: ZScenarioDetail } },
    handler: (request) => scenarios.share(actorOf(request), request.params.id, request.body.sharing, contextOf(request)),
  });
  r.post('/api/scenarios/:id/adopt', {
    config: { policy: policy.can('organisation.edit') },
    schema: {
      tags,
      summary: 'Adopt the draft (shared with the steering group) as read at its revision: apply it to the live map from a day, today at the latest',
      params: ZIdParams,
      body: ZScenarioAdopt,
      response: { 200: ZScenarioDetail },
    },
    handler: (request) => scenarios.adopt(actorOf(request), request.params.id, request.body, contextOf(request)),
  });
  r.post('/api/scenarios/:id/discard', {
    config: { policy: edit },
    schema: { tags, summary: 'Discard a draft (it stays readable)', params: ZIdParams, response: { 200: ZScenarioDetail } },
    handler: (request) => scenarios.discard(actorOf(request), request.params.id, contextOf(request)),
  });
}
