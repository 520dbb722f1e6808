import { type Kysely, sql } from 'kysely';
import type { TRole } from '../contracts/roles.ts';
import type { Database } from '../server/platform/db/schema.ts';
import { OrganisationService } from '../server/modules/organisation/organisation.service.ts';
import { systemContext } from '../server/platform/context.ts';
import { startOfDanishDay } from '../server/platform/danish-time.ts';
import { createMunicipality, createPoliceDistrict, createUser } from './factories.ts';
import { ISHOJ_ASSUMED, ISHOJ_MAP, MEMO_DATE, PEERS, peerAssumed, peerMap } from './organisation-ishoj.ts';
import { PEER_PROFILES } from './peer-profiles.ts';
import { ISHOJ_DISTRICTS, ISHOJ_TRIANGLE_LABELS, MEMO_LEGAL_BASES, seedIshojEfforts } from './efforts-ishoj.ts';
import { unsafeInsertNationalLegalBasis } from '../server/modules/efforts/efforts.repository.ts';
import { insertHolding, mergeMunicipalitySettings } from '../server/modules/organisation/organisation.repository.ts';
import { danishToday } from '../server/platform/danish-time.ts';
import { unscoped } from '../server/platform/db/data-scope.ts';
import { seedIshojPlan } from './plan-ishoj.ts';
import { seedNationalReadPurposes } from './read-purposes.ts';
import { markAssumed, markMunicipalityAssumed } from './assumed.ts';
import { DISTRICT_MUNICIPALITIES, INHABITANTS_ASSUMED, seedDistrictMembers } from './police-district.ts';

/** Published in the README: exists only in the embedded demo, or on PostgreSQL with TREKANT_DEMO=1. */
export const DEMO_PASSWORD = 'Trekant-demo-2026';

export const ISHOJ = { code: 183, name: 'Ishøj' } as const;
// Not in the memo (assumed, Statistics Denmark's order of magnitude); used for per-capita comparisons.
const ISHOJ_INHABITANTS = DISTRICT_MUNICIPALITIES.find((m) => m.code === 183)!.inhabitants;
const DISTRICTS_ASSUMED = 'Notatet nævner ingen bydele; de seks bydele er antaget, så indsatser kan knyttes til et område. Ret listen til kommunens egen.';
export const POLICE_DISTRICT = 'Vestegnens Politi';

/**
 * One demo login per role, named by function (the memo names no people), holding the function
 * of the memo's map that the name says: [title, organisation]. The administrator and the
 * analyst hold none (the memo has no such function).
 */
export const DEMO_USERS: { role: TRole; email: string; name: string; holds?: [title: string, organisation: string] }[] = [
  { role: 'administrator', email: 'administrator@trekant.test', name: 'Systemadministrator' },
  { role: 'leader', email: 'leder@trekant.test', name: 'Leder, Tryghed og Kriminalitetsforebyggelse', holds: ['Leder', 'Tryghed og Kriminalitetsforebyggelse'] },
  { role: 'consultant', email: 'konsulent@trekant.test', name: 'Proaktiv kriminalpræventiv konsulent', holds: ['Konsulent for proaktiv kriminalitetsforebyggelse', 'Tryghed og Kriminalitetsforebyggelse'] },
  { role: 'street_worker', email: 'gadeplan@trekant.test', name: 'Gadeplansmedarbejder', holds: ['Gadeplansmedarbejder', 'Gadeplan'] },
  { role: 'partner', email: 'partner@trekant.test', name: 'Lokalbetjent, Vestegnens Politi', holds: ['Lokalbetjent', 'Vestegnens Politi'] },
  { role: 'analyst', email: 'analytiker@trekant.test', name: 'Analytiker' },
  { role: 'steering_member', email: 'styregruppe@trekant.test', name: 'Centerchef, CBF', holds: ['Centerchef', 'Center for Børn og Familier'] },
  { role: 'steering_member', email: 'centerchef@trekant.test', name: 'Centerchef, CKF', holds: ['Centerchef', 'Center for Kultur og Fritid'] },
];

/** Links each new demo user to the function they are named after, from the memo's date. */
async function seatDemoUsers(db: Kysely<Database>, municipalityId: string, userIds: Map<string, string>): Promise<void> {
  const { police_district_id: districtId } = await db.selectFrom('municipalities').select('police_district_id').where('id', '=', municipalityId).executeTakeFirstOrThrow();
  for (const user of DEMO_USERS) {
    const userId = userIds.get(user.email);
    if (!user.holds || !userId) continue;
    const [title, organisation] = user.holds;
    const fn = await db
      .selectFrom('functions')
      .innerJoin('organisations', 'organisations.id', 'functions.organisation_id')
      .select('functions.id')
      .where((eb) => eb.or([eb('functions.municipality_id', '=', municipalityId), ...(districtId ? [eb('functions.police_district_id', '=', districtId)] : [])]))
      .where('functions.title', '=', title)
      .where('organisations.name', '=', organisation)
      .where('functions.valid_to', 'is', null)
      .where('organisations.valid_to', 'is', null)
      .executeTakeFirstOrThrow();
    await insertHolding(db, { function_id: fn.id, user_id: userId, valid_from: startOfDanishDay(MEMO_DATE), valid_to: null, created_by: null });
  }
}

/** Ishøj's map from the memo, the memo's peers as reference municipalities, and the rest of Ishøj's police district. */
async function seedOrganisationMaps(db: Kysely<Database>, ishojId: string): Promise<void> {
  const organisation = new OrganisationService(db);
  const ctx = systemContext('seed');
  const effectiveFrom = startOfDanishDay(MEMO_DATE);
  const { police_district_id: districtId } = await db.selectFrom('municipalities').select('police_district_id').where('id', '=', ishojId).executeTakeFirstOrThrow();
  if (!(await organisation.unsafeHasMap(ishojId))) {
    const scope = { municipalityId: ishojId, policeDistrictId: districtId };
    await organisation.unsafeImportInto(scope, ISHOJ_MAP, effectiveFrom, ctx);
    await markAssumed(db, scope, ISHOJ_ASSUMED);
  }
  for (const peer of PEERS) {
    if (await db.selectFrom('municipalities').select('id').where('code', '=', peer.code).executeTakeFirst()) continue;
    const policeDistrictId = peer.district ? districtId : null;
    const peerId = await createMunicipality(db, {
      code: peer.code,
      name: peer.name,
      isReference: true,
      inhabitants: peer.inhabitants,
      placement: peer.placement,
      policeDistrictId,
      profile: PEER_PROFILES[peer.name],
    });
    await organisation.unsafeImportInto({ municipalityId: peerId, policeDistrictId }, peerMap(peer), effectiveFrom, ctx);
    await markAssumed(db, { municipalityId: peerId, policeDistrictId: null }, peerAssumed(peer));
    // The peer's own words for the prevention triangle's levels, where the memo gives them.
    if (peer.levelLabels) await mergeMunicipalitySettings(db, peerId, { triangleLevelLabels: peer.levelLabels });
  }
  if (districtId) await seedDistrictMembers(db, districtId, new Set([ISHOJ.code, ...PEERS.map((p) => p.code)]), effectiveFrom, ctx);
}

/** The memo's laws, Ishøj's words and districts, and the efforts the memo names. */
async function seedEfforts(db: Kysely<Database>, ishojId: string): Promise<void> {
  for (const [law, section] of MEMO_LEGAL_BASES) await unsafeInsertNationalLegalBasis(db, law, section);
  if (await db.selectFrom('efforts').select('id').where('municipality_id', '=', ishojId).executeTakeFirst()) return;
  const ishoj = await db.selectFrom('municipalities').select('police_district_id').where('id', '=', ishojId).executeTakeFirstOrThrow();
  await mergeMunicipalitySettings(db, ishojId, { triangleLevelLabels: ISHOJ_TRIANGLE_LABELS, districts: ISHOJ_DISTRICTS });
  // After the settings: setting the districts settles them (drops their mark); these are assumed.
  await markMunicipalityAssumed(db, ishojId, { districts: DISTRICTS_ASSUMED });
  await seedIshojEfforts(db, { municipalityId: ishojId, policeDistrictId: ishoj.police_district_id }, danishToday());
}

export interface SeedResult {
  /** True when this call created the reference data (a new database). */
  created: boolean;
  demoUsers: { role: TRole; email: string }[];
}

// Processes starting together on one empty database must not both seed it.
const SEED_LOCK = 7_152_002;

/** Loads the reference data on a new database; on an existing one it changes nothing. */
export async function seedReferenceData(db: Kysely<Database>, options: { demoUsers: boolean }): Promise<SeedResult> {
  // Reference data is every municipality's and the national lists': it crosses the tenant walls.
  return unscoped('the reference data of every municipality', () => db.connection().execute(async (connection) => {
    await sql`SELECT pg_advisory_lock(${SEED_LOCK})`.execute(connection);
    try {
      return await seedUnderLock(connection, options);
    } finally {
      await sql`SELECT pg_advisory_unlock(${SEED_LOCK})`.execute(connection);
    }
  }));
}

async function seedUnderLock(db: Kysely<Database>, options: { demoUsers: boolean }): Promise<SeedResult> {
  await seedNationalReadPurposes(db);
  const existing = await db.selectFrom('municipalities').select('id').where('code', '=', ISHOJ.code).executeTakeFirst();
  let municipalityId = existing?.id;
  const created = !existing;
  if (!municipalityId) {
    const districtId = await createPoliceDistrict(db, POLICE_DISTRICT);
    municipalityId = await createMunicipality(db, { ...ISHOJ, policeDistrictId: districtId, inhabitants: ISHOJ_INHABITANTS, assumptions: { inhabitants: INHABITANTS_ASSUMED } });
  }
  await seedOrganisationMaps(db, municipalityId);
  await seedEfforts(db, municipalityId);
  if (options.demoUsers) {
    const present = new Set((await db.selectFrom('users').select('email').execute()).map((u) => u.email));
    const newUsers = new Map<string, string>();
    for (const { holds: _holds, ...user } of DEMO_USERS) {
      if (present.has(user.email)) continue;
      newUsers.set(user.email, await createUser(db, { ...user, password: DEMO_PASSWORD, roles: [user.role], municipalityId }));
    }
    await seatDemoUsers(db, municipalityId, newUsers);
  }
  // After the demo users: the Lokalråd's voting members among them approved the plan.
  await seedIshojPlan(db, municipalityId, Number(danishToday().slice(0, 4)));
  return { created, demoUsers: options.demoUsers ? DEMO_USERS.map(({ role, email }) => ({ role, email })) : [] };
}
