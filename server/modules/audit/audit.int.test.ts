import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TAuditPage, TReadPurpose } from '../../../contracts/audit.ts';
import type { TUserSummary } from '../../../contracts/identity.ts';
import { appendAuditEntries, erasePayloads, verifyAuditChain } from '../../platform/audit/audit-chain.ts';
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

  it('lists the purposes a read may state, in the user\'s language, national and the municipality\'s own, which administrators add and retire', async () => {
    const list = await admin.get<TReadPurpose[]>('/api/read-purposes');
    expect(list.status).toBe(200);
    expect(list.body.find((p) => p.code === 'user_administration')).toMatchObject({ label: 'Brugeradministration', labelEn: 'User administration', national: true, retired: false, abilities: { retire: false } });
    expect(list.body.find((p) => p.code === 'audit_review')?.assumptions.code).toEqual(expect.any(String));
    const consultant = await server.loginAs('konsulent@trekant.test');
    expect((await consultant.get('/api/read-purposes')).status).toBe(200);
    expect((await consultant.post('/api/read-purposes', { code: 'school_meeting', labelDa: 'Skolemøde', labelEn: 'School meeting' })).status).toBe(403);
    const created = await admin.post<TReadPurpose>('/api/read-purposes', { code: 'school_meeting', labelDa: 'Skolemøde', labelEn: 'School meeting' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: 'school_meeting', label: 'Skolemøde', national: false, abilities: { retire: true } });
    for (const code of ['school_meeting', 'user_administration']) {
      const taken = await admin.post<{ errors: { field: string }[] }>('/api/read-purposes', { code, labelDa: 'Andet', labelEn: 'Other' });
      expect({ status: taken.status, fields: taken.body.errors.map((e) => e.field) }).toEqual({ status: 409, fields: ['code'] });
    }
    const badCode = await admin.post<{ errors: { field: string }[] }>('/api/read-purposes', { code: 'Skolemøde', labelDa: 'Skolemøde', labelEn: 'School meeting' });
    expect({ status: badCode.status, fields: badCode.body.errors.map((e) => e.field) }).toEqual({ status: 422, fields: ['code'] });
    const national = list.body.find((p) => p.code === 'subject_access')!;
    expect((await admin.delete(`/api/read-purposes/${national.id}`)).status).toBe(403);
    const vallensbaek = await server.database.db.selectFrom('municipalities').select('id').where('code', '<>', 183).orderBy('code').executeTakeFirstOrThrow();
    const elsewhere = await server.database.db.insertInto('read_purposes').values({ municipality_id: vallensbaek.id, code: 'elsewhere', label_da: 'Andetsteds', label_en: 'Elsewhere' }).returning('id').executeTakeFirstOrThrow();
    expect((await admin.delete(`/api/read-purposes/${elsewhere.id}`)).status).toBe(404);
    expect((await admin.get<TReadPurpose[]>('/api/read-purposes')).body.map((p) => p.code)).not.toContain('elsewhere');
  });

  it("refuses a read or an export whose purpose is unknown, another municipality's or retired (422 naming the field) and logs nothing", async () => {
    const users = await admin.get<TUserSummary[]>('/api/admin/users');
    const subject = users.body.find((u) => u.email === 'gadeplan@trekant.test')!;
    const purposes = await admin.get<TReadPurpose[]>('/api/read-purposes');
    const schoolMeeting = purposes.body.find((p) => p.code === 'school_meeting')!;
    expect((await admin.get(`/api/admin/users/${subject.id}?purpose=school_meeting`)).status).toBe(200);
    expect((await admin.delete(`/api/read-purposes/${schoolMeeting.id}`)).status).toBe(200);
    // Retiring it again changes nothing, and is no error.
    expect((await admin.delete(`/api/read-purposes/${schoolMeeting.id}`)).status).toBe(200);
    expect((await admin.get<TReadPurpose[]>('/api/read-purposes')).body.map((p) => p.code)).not.toContain('school_meeting');
    expect((await admin.get<TReadPurpose[]>('/api/read-purposes?includeRetired=true')).body.find((p) => p.code === 'school_meeting')).toMatchObject({ retired: true, abilities: { retire: false } });
    const logged = () => server.database.db.selectFrom('audit_entries').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    const before = await logged();
    for (const path of [
      `/api/admin/users/${subject.id}?purpose=school_meeting`,
      `/api/admin/users/${subject.id}?purpose=elsewhere`,
      `/api/admin/users/${subject.id}?purpose=no_such_purpose`,
      `/api/audit/subject-access.csv?subjectId=${subject.id}&purpose=school_meeting`,
      `/api/audit/subject-access.csv?subjectId=${subject.id}&purpose=Anmodning om indsigt`,
    ]) {
      const refused = await admin.get<{ errors: { field: string; message: string }[] }>(path);
      expect({ path, status: refused.status, type: refused.headers.get('content-type'), fields: refused.body.errors.map((e) => e.field) }).toEqual({
        path,
        status: 422,
        type: expect.stringContaining('application/problem+json'),
        fields: ['purpose'],
      });
    }
    expect(await logged()).toEqual(before);
    const danish = await admin.get<{ errors: { message: string }[] }>(`/api/admin/users/${subject.id}?purpose=school_meeting`);
    expect(danish.body.errors[0].message).toMatch(/liste over formål/);
  });

  it("shows logged purposes in words with their code in the search and the art. 15 export, in Danish and English; old free-text purposes as written", async () => {
    const users = await admin.get<TUserSummary[]>('/api/admin/users');
    const subject = users.body.find((u) => u.email === 'partner@trekant.test')!;
    expect((await admin.get(`/api/admin/users/${subject.id}?purpose=user_administration`)).status).toBe(200);
    // A row logged before purposes were codes: its payload holds free text, which stays as written.
    const ishoj = await server.database.db.selectFrom('municipalities').select('id').where('code', '=', 183).executeTakeFirstOrThrow();
    const old = { action: 'user.read' as const, actorUserId: null, actorName: 'Tidligere medarbejder', municipalityId: ishoj.id, entityType: 'user', entityId: subject.id, subjectId: subject.id, purpose: 'Aktindsigt; "art. 15"' };
    await server.database.db.transaction().execute((trx) => appendAuditEntries(trx, [old]));

    const page = await admin.get<TAuditPage>(`/api/audit?action=user.read&subjectId=${subject.id}`);
    expect(page.body.items.map((i) => i.purpose)).toEqual([
      { code: null, label: 'Aktindsigt; "art. 15"' },
      { code: 'user_administration', label: 'Brugeradministration' },
    ]);
    const csv = await admin.get(`/api/audit/subject-access.csv?subjectId=${subject.id}&purpose=subject_access`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toContain('attachment');
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('log-id;tidspunkt;anvendelse;formål;formålskode');
    expect(lines.slice(1).map((l) => l.split(';').slice(2).join(';'))).toEqual(['Oprettet;;', 'Opslag;Brugeradministration;user_administration', 'Opslag;"Aktindsigt; ""art. 15""";']);
    expect(csv.text).not.toContain('Systemadministrator');
    expect(csv.text).not.toContain('Tidligere medarbejder');

    expect((await admin.patch('/api/me', { locale: 'en' })).status).toBe(200);
    try {
      const refused = await admin.get<{ errors: { message: string }[] }>(`/api/admin/users/${subject.id}?purpose=no_such_purpose`);
      expect(refused.body.errors[0].message).toMatch(/list of purposes/);
      const inEnglish = await admin.get<TAuditPage>(`/api/audit?action=audit.subject_access_exported&subjectId=${subject.id}`);
      expect(inEnglish.body.items[0].purpose).toEqual({ code: 'subject_access', label: 'Subject access (GDPR art. 15)' });
      const searches = await admin.get<TAuditPage>('/api/audit?action=audit.searched&pageSize=1');
      expect(searches.body.items[0].purpose).toEqual({ code: 'audit_review', label: 'Review of the access log' });
      const csvInEnglish = await admin.get(`/api/audit/subject-access.csv?subjectId=${subject.id}&purpose=subject_access`);
      const englishLines = csvInEnglish.text.replace(/^\uFEFF/, '').trim().split('\r\n');
      expect(englishLines[0]).toBe('log id;time;kind of use;purpose;purpose code');
      expect(englishLines.slice(1).map((l) => l.split(';').slice(2).join(';'))).toEqual([
        'Created;;',
        'Look-up;User administration;user_administration',
        'Look-up;"Aktindsigt; ""art. 15""";',
        'Access log export;Subject access (GDPR art. 15);subject_access',
      ]);
    } finally {
      await admin.patch('/api/me', { locale: 'da' });
    }
  });

  it("shows an erased payload as erased, and the person's access log no longer lists that use", async () => {
    const users = await admin.get<TUserSummary[]>('/api/admin/users');
    const subject = users.body.find((u) => u.email === 'leder@trekant.test')!;
    expect((await admin.get(`/api/admin/users/${subject.id}?purpose=user_administration`)).status).toBe(200);
    const read = await server.database.db.selectFrom('audit_entries').select('id').where('subject_id', '=', subject.id).where('action', '=', 'user.read').orderBy('id', 'desc').executeTakeFirstOrThrow();
    const rule = 'Adgangslog: slettes efter 5 år';
    const erased = await server.database.db.transaction().execute((trx) => erasePayloads(trx, { auditIds: [String(read.id)], rule, actor: { actorUserId: null, actorName: 'opbevaring', requestId: null } }));
    expect(erased).toBe(1);
    const page = await admin.get<TAuditPage>('/api/audit?action=user.read&pageSize=100');
    expect(page.body.items.find((i) => i.id === String(read.id))).toMatchObject({ action: 'user.read', subjectId: null, purpose: null, erased: { rule } });
    const csv = await admin.get(`/api/audit/subject-access.csv?subjectId=${subject.id}&purpose=subject_access`);
    expect(csv.status).toBe(200);
    expect(csv.text.split('\r\n').some((l) => l.startsWith(`${read.id};`))).toBe(false);
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
