import type { Kysely, Transaction } from 'kysely';
import type { TNotification, TNotificationKind, TNotificationList } from '../../../contracts/notifications.ts';
import { type Actor, requireMunicipality } from '../../platform/access/actor.ts';
import { appendAuditEntries } from '../../platform/audit/audit-chain.ts';
import { type RequestContext, auditActor } from '../../platform/context.ts';
import type { Database } from '../../platform/db/schema.ts';
import { runChange } from '../../platform/db/unit-of-work.ts';
import { notFound } from '../../platform/errors.ts';
import * as repo from './notifications.repository.ts';

export interface NewNotification {
  userId: string;
  municipalityId: string;
  kind: TNotificationKind;
  entityType: string;
  entityId: string;
  data: TNotification['data'];
}

type Row = Awaited<ReturnType<typeof repo.listNotifications>>[number];

const present = (n: Row): TNotification => ({
  id: n.id,
  kind: n.kind as TNotificationKind,
  entityType: n.entity_type,
  entityId: n.entity_id,
  data: n.data as TNotification['data'],
  createdAt: n.created_at.toISOString(),
  readAt: n.read_at?.toISOString() ?? null,
});

/**
 * In-app notifications: created in the transaction of the change that causes them (beside the
 * e-mail), read by their user only, in the municipality they concern.
 */
export class NotificationsService {
  constructor(private readonly db: Kysely<Database>) {}

  /** Tells users something, in the caller's transaction. */
  notify(trx: Transaction<Database>, notifications: NewNotification[]): Promise<void> {
    return repo.insertNotifications(
      trx,
      notifications.map((n) => ({ user_id: n.userId, municipality_id: n.municipalityId, kind: n.kind, entity_type: n.entityType, entity_id: n.entityId, data: JSON.stringify(n.data) })),
    );
  }

  async list(actor: Actor, limit: number): Promise<TNotificationList> {
    const municipalityId = requireMunicipality(actor);
    const [rows, unread] = await Promise.all([repo.listNotifications(this.db, actor.userId, municipalityId, limit), repo.countUnread(this.db, actor.userId, municipalityId)]);
    return { unread, items: rows.map(present) };
  }

  async unread(actor: Actor): Promise<{ unread: number }> {
    return { unread: await repo.countUnread(this.db, actor.userId, requireMunicipality(actor)) };
  }

  /** Marks one of the actor's notifications read (another's is 404), or all when id is null. */
  async markRead(actor: Actor, id: string | null, ctx: RequestContext): Promise<{ unread: number }> {
    const municipalityId = requireMunicipality(actor);
    if (id && !(await repo.findNotification(this.db, actor.userId, municipalityId, id))) throw notFound();
    await runChange(this.db, ctx, async (trx) => {
      const count = await repo.markRead(trx, actor.userId, municipalityId, id, new Date());
      if (count > 0) await appendAuditEntries(trx, [{ ...auditActor(ctx), action: 'notification.read', entityType: 'notification', entityId: id, after: { count } }]);
    });
    return this.unread(actor);
  }
}
