import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZForYou } from '../../../contracts/notifications.ts';
import { policy } from '../../platform/access/route-policy.ts';
import { actorOf } from '../../platform/http/request-context.ts';
import type { HomeService } from './home.service.ts';

export function registerHomeRoutes(app: FastifyInstance, home: HomeService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/for-you', {
    config: { policy: policy.can('account.self') },
    schema: { tags: ['home'], summary: 'What waits for me: plans to approve or revise, red indicators of my efforts', response: { 200: ZForYou } },
    handler: (request) => home.forYou(actorOf(request)),
  });
}
