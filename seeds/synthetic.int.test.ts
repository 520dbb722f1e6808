import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMunicipality } from './factories.ts';
import { generateOrganisationMap, syntheticOrganisationRows } from './synthetic.ts';
import type { OpenDatabase } from '../server/platform/db/database.ts';
import { openTestDatabase } from '../test/support/test-database.ts';

let database: OpenDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database?.close());

describe('synthetic organisation map', () => {
  it('is deterministic for a seed', () => {
    const a = syntheticOrganisationRows({ functions: 50, forums: 10, membersPerForum: 5, seed: 7 });
    const b = syntheticOrganisationRows({ functions: 50, forums: 10, membersPerForum: 5, seed: 7 });
    expect(a).toEqual(b);
  });

  it('imports a benchmark-sized map through the ordinary import', async () => {
    const municipalityId = await createMunicipality(database.db, { code: 900, name: 'Syntetisk kommune' });
    await generateOrganisationMap(database.db, municipalityId, { functions: 500, forums: 100, membersPerForum: 8 });
    const count = async (table: 'functions' | 'forums') =>
      (await database.db.selectFrom(table).select('id').where('municipality_id', '=', municipalityId).where('valid_to', 'is', null).execute()).length;
    expect(await count('functions')).toBe(500);
    expect(await count('forums')).toBe(100);
    const members = await database.db
      .selectFrom('forum_members')
      .innerJoin('forums', 'forums.id', 'forum_members.forum_id')
      .select('forum_members.id')
      .where('forums.municipality_id', '=', municipalityId)
      .execute();
    expect(members).toHaveLength(800);
  });
});
