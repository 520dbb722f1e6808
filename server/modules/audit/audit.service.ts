import type { Kysely } from 'kysely';
import { AUDIT_REVIEW_PURPOSE, type TAuditAction, type TAuditPage, type TAuditQuery } from '../../../contracts/audit.ts';
import { type Actor, requireMunicipality } from '../../platform/access/actor.ts';
import type { AccessLogWriter } from '../../platform/audit/access-log.ts';
import { type PurposeInWords, purposeWords } from '../../platform/audit/read-purposes.ts';
import { type RequestContext, auditActor } from '../../platform/context.ts';
import type { AuditEntryRow, Database } from '../../platform/db/schema.ts';
import { toCsv } from '../../platform/csv.ts';
import * as repo from './audit.repository.ts';

export class AuditService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly accessLog: AccessLogWriter,
  ) {}

  /** The audit log holds personal data itself, so searching it is logged too. */
  async search(actor: Actor, query: TAuditQuery, ctx: RequestContext): Promise<TAuditPage> {
    const municipalityId = requireMunicipality(actor);
    const [{ items, total }, inWords] = await Promise.all([repo.searchAuditLog(this.db, municipalityId, query), purposeWords(this.db, municipalityId, actor.locale)]);
    await this.accessLog.record({ ...auditActor(ctx), action: 'audit.searched', entityType: 'audit_log', purpose: AUDIT_REVIEW_PURPOSE, after: query });
    return { items: items.map((row) => presentEntry(row, inWords(row.purpose))), total, page: query.page, pageSize: query.pageSize };
  }

  /**
   * One person's access log as CSV (GDPR art. 15): when their data was used, how and why (the
   * purpose in words, and its code). Employees are not named, as is Danish practice; the row id
   * lets an auditor look further.
   */
  async exportSubjectAccessLog(actor: Actor, subjectId: string, purpose: string, ctx: RequestContext): Promise<string> {
    const municipalityId = requireMunicipality(actor);
    const [rows, inWords] = await Promise.all([repo.listEntriesAboutSubject(this.db, municipalityId, subjectId), purposeWords(this.db, municipalityId, actor.locale)]);
    await this.accessLog.record({
      ...auditActor(ctx),
      action: 'audit.subject_access_exported',
      entityType: 'audit_log',
      subjectId,
      purpose,
      after: { rows: rows.length },
    });
    const header = actor.locale === 'en' ? ['log id', 'time', 'kind of use', 'purpose', 'purpose code'] : ['log-id', 'tidspunkt', 'anvendelse', 'formål', 'formålskode'];
    return toCsv([
      header,
      ...rows.map((r) => {
        const stated = inWords(r.purpose);
        return [String(r.id), r.at.toISOString(), describeAction(r.action as TAuditAction, actor.locale), stated?.label ?? '', stated?.code ?? ''];
      }),
    ]);
  }
}

const ACTION_WORDS: Partial<Record<TAuditAction, { da: string; en: string }>> = {
  'user.read': { da: 'Opslag', en: 'Look-up' },
  'user.created': { da: 'Oprettet', en: 'Created' },
  'user.updated': { da: 'Ændret', en: 'Changed' },
  'audit.subject_access_exported': { da: 'Udtræk af adgangslog', en: 'Access log export' },
};

function describeAction(action: TAuditAction, locale: 'da' | 'en'): string {
  return ACTION_WORDS[action]?.[locale] ?? action;
}

function presentEntry(row: AuditEntryRow, purpose: PurposeInWords | null) {
  return {
    id: String(row.id),
    at: row.at.toISOString(),
    actorUserId: row.actor_user_id,
    actorName: row.actor_name,
    municipalityId: row.municipality_id,
    action: row.action as TAuditAction,
    entityType: row.entity_type,
    entityId: row.entity_id,
    subjectId: row.subject_id,
    purpose,
    before: row.before ?? null,
    after: row.after ?? null,
    requestId: row.request_id,
    erased: row.erased_at ? { at: row.erased_at.toISOString(), rule: row.erased_rule ?? '' } : null,
  };
}
