import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/support/test-database.ts';
import { appendAuditEntries } from '../audit/audit-chain.ts';
import { auditActor, systemContext } from '../context.ts';
import { readDataVersions } from './data-versions.ts';
import type { OpenDatabase } from './database.ts';
import { UnauditedChangeError, runChange } from './unit-of-work.ts';

let database: OpenDatabase;
const ctx = systemContext('test:unit-of-work');

beforeAll(async () => {
  database = await openTestDatabase();
});

afterAll(async () => {
  await database?.close();
});

const addJob = (name: string) => (trx: Parameters<Parameters<typeof runChange>[2]>[0]) => trx.insertInto('jobs').values({ name, next_run_at: new Date() }).execute();
const jobExists = async (name: string) => (await database.db.selectFrom('jobs').select('name').where('name', '=', name).executeTakeFirst()) !== undefined;

describe('a change through the unit of work', () => {
  it('commits a write that appended an audit entry', async () => {
    await runChange(database.db, ctx, async (trx) => {
      await addJob('audited')(trx);
      await appendAuditEntries(trx, [{ ...auditActor(ctx), action: 'system.seeded', entityType: 'job', entityId: null }]);
    });
    expect(await jobExists('audited')).toBe(true);
  });

  it('refuses to commit a write without an audit entry, and rolls it back', async () => {
    await expect(runChange(database.db, ctx, addJob('forgotten'))).rejects.toBeInstanceOf(UnauditedChangeError);
    expect(await jobExists('forgotten')).toBe(false);
  });

  it('commits a change that turned out to write nothing, without an audit entry', async () => {
    const read = await runChange(database.db, ctx, (trx) => trx.selectFrom('jobs').select('name').execute());
    expect(Array.isArray(read)).toBe(true);
  });

  it('commits a write that says why it is no event to audit', async () => {
    await runChange(database.db, ctx, addJob('bookkeeping'), { unaudited: 'test: bookkeeping' });
    expect(await jobExists('bookkeeping')).toBe(true);
  });

  it('raises the data versions a change touches when it wrote, and leaves them when it wrote nothing', async () => {
    const touches = ['test:touched'];
    const version = () => readDataVersions(database.db, touches);
    expect(await version()).toBe('test:touched=0');
    await runChange(database.db, ctx, (trx) => trx.selectFrom('jobs').select('name').execute(), { touches });
    expect(await version()).toBe('test:touched=0');
    await runChange(database.db, ctx, addJob('touching'), { unaudited: 'test: bookkeeping', touches });
    expect(await version()).toBe('test:touched=1');
    await expect(runChange(database.db, ctx, addJob('touching, forgotten'), { touches })).rejects.toBeInstanceOf(UnauditedChangeError);
    expect(await version()).toBe('test:touched=1');
  });
});
