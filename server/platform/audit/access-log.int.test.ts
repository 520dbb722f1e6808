import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../db/database.ts';
import { openTestDatabase } from '../../../test/support/test-database.ts';
import { Problem } from '../errors.ts';
import { AccessLogWriter } from './access-log.ts';
import { verifyAuditChain } from './audit-chain.ts';

let database: OpenDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database?.close());

const read = (n: number, purpose = 'user_administration', municipalityId: string | null = null) => ({
  action: 'user.read' as const,
  actorUserId: null,
  actorName: 'test',
  municipalityId,
  purpose,
  after: { n },
});
const loggedReads = async () =>
  (await database.db.selectFrom('audit_entries').select('after').where('action', '=', 'user.read').execute()).map((r) => (r.after as { n: number }).n).sort((a, b) => a - b);

describe('access-log writer', () => {
  it('commits concurrent reads together, and a bad row fails only its own read', async () => {
    const writer = new AccessLogWriter(database.db);
    // An id that is not a uuid cannot be stored: that read fails; the others in its batch must not.
    const results = await Promise.allSettled([
      ...Array.from({ length: 20 }, (_, i) => writer.record(read(i))),
      writer.record({ ...read(-1), subjectId: 'not-a-uuid' }),
      ...Array.from({ length: 20 }, (_, i) => writer.record(read(20 + i))),
    ]);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
    expect(results[20].status).toBe('rejected');
    expect(await loggedReads()).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
  });

  it("refuses a read whose purpose is unknown, retired or another municipality's (422 on the field) and logs nothing for it, while the rest of its batch is logged", async () => {
    const [first, second] = await database.db.selectFrom('municipalities').select('id').orderBy('code').limit(2).execute();
    await database.db.insertInto('read_purposes').values({ municipality_id: first.id, code: 'school_meeting', label_da: 'Skolemøde', label_en: 'School meeting' }).execute();
    await database.db.insertInto('read_purposes').values({ municipality_id: first.id, code: 'old_purpose', label_da: 'Udgået', label_en: 'Retired', retired_at: new Date() }).execute();
    const before = await loggedReads();
    const writer = new AccessLogWriter(database.db);
    const results = await Promise.allSettled([
      writer.record(read(100, 'school_meeting', first.id)),
      writer.record(read(101, 'no_such_purpose', first.id)),
      writer.record(read(102, 'old_purpose', first.id)),
      writer.record(read(103, 'Brugeradministration', first.id)),
      writer.record(read(104, 'subject_access', first.id)),
      writer.record(read(105, 'school_meeting', second.id)),
      writer.record(read(106, 'school_meeting', null)),
    ]);
    const refused = results.flatMap((r, i) => (r.status === 'rejected' ? [i] : []));
    expect(refused).toEqual([1, 2, 3, 5, 6]);
    for (const i of refused) {
      const reason = (results[i] as PromiseRejectedResult).reason as Problem;
      expect(reason).toBeInstanceOf(Problem);
      expect({ status: reason.status, errors: reason.options.errors }).toEqual({ status: 422, errors: [{ field: 'purpose', message: 'field.purpose_unknown' }] });
    }
    expect(await loggedReads()).toEqual([...before, 100, 104]);
  });
});
