import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZIdParams } from '../../../contracts/common.ts';
import { ZNotificationList, ZNotificationQuery, ZUnreadCount } from '../../../contracts/notifications.ts';
import { policy } from '../../platform/access/route-policy.ts';
import { actorOf, contextOf } from '../../platform/http/request-context.ts';
import type { NotificationsService } from './notifications.service.ts';

export function registerNotificationRoutes(app: FastifyInstance, notifications: NotificationsService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const own = policy.can('account.self');
  const tags = ['notifications'];
  r.get('/api/notifications', {
    config: { policy: own },
    schema: { tags, summary: 'My notifications, newest first, with the unread count', querystring: ZNotificationQuery, response: { 200: ZNotificationList } },
    handler: (request) => notifications.list(actorOf(request), request.query.limit),
  });
  r.get('/api/notifications/unread', {
    config: { policy: own },
    schema: { tags, summary: 'How many of my notifications are unread (the header badge)', response: { 200: ZUnreadCount } },
    handler: (request) => notifications.unread(actorOf(request)),
  });
  r.post('/api/notifications/:id/read', {
    config: { policy: own },
    schema: { tags, summary: 'Mark one of my notifications read', params: ZIdParams, response: { 200: ZUnreadCount } },
    handler: (request) => notifications.markRead(actorOf(request), request.params.id, contextOf(request)),
  });
  r.post('/api/notifications/read', {
    config: { policy: own },
    schema: { tags, summary: 'Mark all my notifications read', response: { 200: ZUnreadCount } },
    handler: (request) => notifications.markRead(actorOf(request), null, contextOf(request)),
  });
}
