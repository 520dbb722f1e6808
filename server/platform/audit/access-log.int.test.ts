import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../db/database.ts';
import { openTestDatabase } from '../../../test/support/test-database.ts';
import { AccessLogWriter } from './access-log.ts';
import { verifyAuditChain } from './audit-chain.ts';

let database: OpenDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database?.close());

const read = (purpose: string) => ({ action: 'user.read' as const, actorUserId: null, actorName: 'test', municipalityId: null, purpose });

describe('access-log writer', () => {
  it('commits concurrent reads together, and a bad row fails only its own read', async () => {
    const writer = new AccessLogWriter(database.db);
    // An id that is not a uuid cannot be stored: that read fails; the others in its batch must not.
    const results = await Promise.allSettled([
      ...Array.from({ length: 20 }, (_, i) => writer.record(read(`ok ${i}`))),
      writer.record({ ...read('bad'), subjectId: 'not-a-uuid' }),
      ...Array.from({ length: 20 }, (_, i) => writer.record(read(`ok ${20 + i}`))),
    ]);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
    expect(results[20].status).toBe('rejected');
    const rows = await database.db.selectFrom('audit_entries').select('purpose').where('action', '=', 'user.read').execute();
    expect(rows.map((r) => r.purpose).sort()).toEqual(Array.from({ length: 40 }, (_, i) => `ok ${i}`).sort());
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
  });
});
