import type { Kysely } from 'kysely';
import type { TRole } from '../contracts/roles.ts';
import type { Database } from '../server/platform/db/schema.ts';
import { createMunicipality, createPoliceDistrict, createUser } from './factories.ts';

/** Published in the README: exists only in the embedded demo, or on PostgreSQL with TREKANT_DEMO=1. */
export const DEMO_PASSWORD = 'Trekant-demo-2026';

export const ISHOJ = { code: 183, name: 'Ishøj' } as const;
export const POLICE_DISTRICT = 'Vestegnens Politi';

/** One demo login per role, named by function (the memo names no people). */
export const DEMO_USERS: { role: TRole; email: string; name: string }[] = [
  { role: 'administrator', email: 'administrator@trekant.test', name: 'Systemadministrator' },
  { role: 'leader', email: 'leder@trekant.test', name: 'Leder, Tryghed og Kriminalitetsforebyggelse' },
  { role: 'consultant', email: 'konsulent@trekant.test', name: 'Proaktiv kriminalpræventiv konsulent' },
  { role: 'street_worker', email: 'gadeplan@trekant.test', name: 'Gadeplansmedarbejder' },
  { role: 'partner', email: 'partner@trekant.test', name: 'Lokalbetjent, Vestegnens Politi' },
  { role: 'analyst', email: 'analytiker@trekant.test', name: 'Analytiker' },
  { role: 'steering_member', email: 'styregruppe@trekant.test', name: 'Centerchef, CBF' },
];

export interface SeedResult {
  /** True when this call created the reference data (a new database). */
  created: boolean;
  demoUsers: { role: TRole; email: string }[];
}

/** Loads the reference data on a new database; on an existing one it changes nothing. */
export async function seedReferenceData(db: Kysely<Database>, options: { demoUsers: boolean }): Promise<SeedResult> {
  const existing = await db.selectFrom('municipalities').select('id').where('code', '=', ISHOJ.code).executeTakeFirst();
  let municipalityId = existing?.id;
  const created = !existing;
  if (!municipalityId) {
    const districtId = await createPoliceDistrict(db, POLICE_DISTRICT);
    municipalityId = await createMunicipality(db, { ...ISHOJ, policeDistrictId: districtId });
  }
  if (!options.demoUsers) return { created, demoUsers: [] };
  const present = new Set((await db.selectFrom('users').select('email').execute()).map((u) => u.email));
  for (const user of DEMO_USERS) {
    if (present.has(user.email)) continue;
    await createUser(db, { ...user, password: DEMO_PASSWORD, roles: [user.role], municipalityId });
  }
  return { created, demoUsers: DEMO_USERS.map(({ role, email }) => ({ role, email })) };
}
