import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TAuditPage } from '../../../contracts/audit.ts';
import type { TUserSummary } from '../../../contracts/identity.ts';
import { erasePayloads, verifyAuditChain } from '../../platform/audit/audit-chain.ts';
import { danishToday } from '../../platform/danish-time.ts';
import { type ApiClient, type TestServer, startTestServer } from '../../../test/support/test-server.ts';

let server: TestServer;
let admin: ApiClient;
beforeAll(async () => {
  server = await startTestServer();
  admin = await server.loginAs('administrator@trekant.test');
});
afterAll(() => server?.close());

describe('audit log', () => {
  it('records a change and its audit row in the same transaction: a failed change leaves neither', async () => {
    const before = await server.database.db.selectFrom('audit_log').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    const duplicate = await admin.post('/api/admin/users', { email: 'konsulent@trekant.test', name: 'x', password: 'long-enough-password', roles: ['consultant'] });
    expect(duplicate.status).toBe(409);
    const after = await server.database.db.selectFrom('audit_log').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('is append-only in the database itself', async () => {
    await expect(sql`UPDATE audit_log SET actor_name = 'changed'`.execute(server.database.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log`.execute(server.database.db)).rejects.toThrow(/append-only/);
  });

  it('lets an administrator search by action and date, newest first, and logs the search itself', async () => {
    await admin.patch('/api/me', { name: 'Systemadministratoren' });
    // The filter's days are Danish days (UTC's date differs for an hour or two around midnight).
    const today = danishToday();
    const page = await admin.get<TAuditPage>(`/api/audit?action=account.settings_changed&from=${today}&to=${today}`);
    expect(page.status).toBe(200);
    expect(page.body.total).toBe(1);
    expect(page.body.items[0]).toMatchObject({ action: 'account.settings_changed', actorName: 'Systemadministrator', after: { name: 'Systemadministratoren' } });
    const searches = await admin.get<TAuditPage>('/api/audit?action=audit.searched');
    expect(searches.body.total).toBeGreaterThanOrEqual(1);
    const bad = await admin.get<{ errors: { field: string }[] }>('/api/audit?action=not.an.action&pageSize=1000');
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e) => e.field).sort()).toEqual(['action', 'pageSize']);
  });

  it("exports one person's access log as CSV with dates and purposes, without naming employees", async () => {
    const users = await admin.get<TUserSummary[]>('/api/admin/users');
    const subject = users.body.find((u) => u.email === 'partner@trekant.test')!;
    await admin.get(`/api/admin/users/${subject.id}?purpose=Opfølgning på henvendelse`);
    await admin.get(`/api/admin/users/${subject.id}?purpose=Aktindsigt; "art. 15"`);
    const csv = await admin.get(`/api/audit/subject-access.csv?subjectId=${subject.id}&purpose=Anmodning om indsigt`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toContain('attachment');
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('log-id;tidspunkt;anvendelse;formål');
    expect(lines.some((l) => l.endsWith(';Opslag;Opfølgning på henvendelse'))).toBe(true);
    expect(lines.some((l) => l.endsWith(';Opslag;"Aktindsigt; ""art. 15"""'))).toBe(true);
    expect(csv.text).not.toContain('Systemadministrator');
  });

  it("shows an erased payload as erased, and the person's access log no longer lists that use", async () => {
    const users = await admin.get<TUserSummary[]>('/api/admin/users');
    const subject = users.body.find((u) => u.email === 'leder@trekant.test')!;
    expect((await admin.get(`/api/admin/users/${subject.id}?purpose=Til sletning`)).status).toBe(200);
    const read = await server.database.db.selectFrom('audit_entries').select('id').where('subject_id', '=', subject.id).where('purpose', '=', 'Til sletning').executeTakeFirstOrThrow();
    const rule = 'Adgangslog: slettes efter 5 år';
    const erased = await server.database.db.transaction().execute((trx) => erasePayloads(trx, { auditIds: [String(read.id)], rule, actor: { actorUserId: null, actorName: 'opbevaring', requestId: null } }));
    expect(erased).toBe(1);
    const page = await admin.get<TAuditPage>('/api/audit?action=user.read&pageSize=100');
    expect(page.body.items.find((i) => i.id === String(read.id))).toMatchObject({ action: 'user.read', subjectId: null, purpose: null, erased: { rule } });
    const csv = await admin.get(`/api/audit/subject-access.csv?subjectId=${subject.id}&purpose=Anmodning om indsigt`);
    expect(csv.status).toBe(200);
    expect(csv.text).not.toContain('Til sletning');
    expect(await verifyAuditChain(server.database.db)).toMatchObject({ ok: true, erased: 1 });
  });

  it('keeps an intact hash chain through all of the above', async () => {
    const verdict = await verifyAuditChain(server.database.db);
    expect(verdict.ok).toBe(true);
    expect(verdict.rows).toBeGreaterThan(10);
  });

  it('names the first changed row when a row is tampered with', async () => {
    const rows = await server.database.db.selectFrom('audit_log').select('id').orderBy('id').execute();
    const victim = rows[Math.floor(rows.length / 2)].id;
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(server.database.db);
    await sql`UPDATE audit_log SET actor_name = 'rewritten' WHERE id = ${victim}`.execute(server.database.db);
    const verdict = await verifyAuditChain(server.database.db);
    expect(verdict).toMatchObject({ ok: false, firstBadId: String(victim), reason: 'changed' });
    await sql`DELETE FROM audit_log WHERE id = ${victim}`.execute(server.database.db);
    const afterRemoval = await verifyAuditChain(server.database.db);
    expect(afterRemoval).toMatchObject({ ok: false, reason: 'removed_or_inserted' });
    expect(Number((afterRemoval as { firstBadId: string }).firstBadId)).toBeGreaterThan(Number(victim));
  });
});
