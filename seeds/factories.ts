import type { Kysely } from 'kysely';
import type { TRole } from '../contracts/roles.ts';
import { IdentityService } from '../server/modules/identity/identity.service.ts';
import { AccessLogWriter } from '../server/platform/audit/access-log.ts';
import { appendAuditEntries } from '../server/platform/audit/audit-chain.ts';
import { systemContext } from '../server/platform/context.ts';
import type { Database } from '../server/platform/db/schema.ts';

/** Builders shared by the reference seed, the tests and the benchmark's data generator. */

export async function createPoliceDistrict(db: Kysely<Database>, name: string): Promise<string> {
  const row = await db.insertInto('police_districts').values({ name }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function createMunicipality(
  db: Kysely<Database>,
  input: {
    code: number;
    name: string;
    policeDistrictId?: string | null;
    isReference?: boolean;
    inhabitants?: number;
    placement?: string;
    /** Fields the sources do not state → why ('inhabitants', 'districts'). */
    assumptions?: Record<string, string>;
    profile?: object;
  },
): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('municipalities')
      .values({
        code: input.code,
        name: input.name,
        police_district_id: input.policeDistrictId ?? null,
        is_reference: input.isReference ?? false,
        inhabitants: input.inhabitants ?? null,
        placement: input.placement ?? null,
        assumptions: JSON.stringify(input.assumptions ?? {}),
        profile: input.profile ? JSON.stringify(input.profile) : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAuditEntries(trx, [
      { action: 'system.seeded', actorUserId: null, actorName: 'trekant seed', municipalityId: row.id, entityType: 'municipality', entityId: row.id, after: { code: input.code, name: input.name } },
    ]);
    return row.id;
  });
}

export async function createUser(
  db: Kysely<Database>,
  input: { email: string; name: string; password: string; roles: readonly TRole[]; municipalityId: string },
): Promise<string> {
  const identity = new IdentityService(db, { sessionIdleMinutes: 30, sessionAbsoluteHours: 12 }, new AccessLogWriter(db));
  return identity.unsafeCreateUser(input, systemContext('seed'));
}
