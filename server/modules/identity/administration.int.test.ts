import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TUserDetail, TUserSummary } from '../../../contracts/identity.ts';
import { createUser } from '../../../seeds/factories.ts';
import { type ApiClient, type TestServer, startTestServer } from '../../../test/support/test-server.ts';

let server: TestServer;
let admin: ApiClient;
let otherMunicipalityUserId: string;
let vallensbaekId: string;

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.loginAs('administrator@trekant.test');
  // Loaded by the reference data as a member of Ishøj's police district.
  vallensbaekId = (await server.database.db.selectFrom('municipalities').select('id').where('code', '=', 187).executeTakeFirstOrThrow()).id;
  otherMunicipalityUserId = await createUser(server.database.db, {
    email: 'admin@vallensbaek.test',
    name: 'Administrator i Vallensbæk',
    password: 'vallensbaek-password',
    roles: ['administrator'],
    municipalityId: vallensbaekId,
  });
});
afterAll(() => server?.close());

describe('user administration', () => {
  it('lists the users of the current municipality only, with abilities', async () => {
    const list = await admin.get<TUserSummary[]>('/api/admin/users');
    expect(list.status).toBe(200);
    const emails = list.body.map((u) => u.email);
    expect(emails).toContain('konsulent@trekant.test');
    expect(emails).not.toContain('admin@vallensbaek.test');
    const self = list.body.find((u) => u.email === 'administrator@trekant.test')!;
    const other = list.body.find((u) => u.email === 'konsulent@trekant.test')!;
    expect(self.abilities.update).toBe(false);
    expect(other.abilities.update).toBe(true);
  });

  it("answers 404, not 403, for a user in another municipality, and logs reads with their purpose", async () => {
    const outside = await admin.get(`/api/admin/users/${otherMunicipalityUserId}?purpose=user_administration`);
    expect(outside.status).toBe(404);
    const list = await admin.get<TUserSummary[]>('/api/admin/users');
    const consultant = list.body.find((u) => u.email === 'konsulent@trekant.test')!;
    const withoutPurpose = await admin.get<{ errors: { field: string }[] }>(`/api/admin/users/${consultant.id}`);
    expect(withoutPurpose.status).toBe(422);
    expect(withoutPurpose.body.errors[0].field).toBe('purpose');
    const unknownPurpose = await admin.get<{ errors: { field: string }[] }>(`/api/admin/users/${consultant.id}?purpose=checking_rights`);
    expect({ status: unknownPurpose.status, fields: unknownPurpose.body.errors.map((e) => e.field) }).toEqual({ status: 422, fields: ['purpose'] });
    const detail = await admin.get<TUserDetail>(`/api/admin/users/${consultant.id}?purpose=user_administration`);
    expect(detail.status).toBe(200);
    expect(detail.body.roles).toEqual(['consultant']);
    const log = await server.database.db.selectFrom('audit_entries').selectAll().where('action', '=', 'user.read').where('subject_id', '=', consultant.id).execute();
    expect(log.map((r) => r.purpose)).toEqual(['user_administration']);
  });

  it('creates a user, refuses a duplicate e-mail with 409 naming the field, and changes roles with the change audited', async () => {
    const created = await admin.post<TUserSummary>('/api/admin/users', { email: 'Ny.Konsulent@Trekant.test', name: 'Reaktiv konsulent', password: 'long-enough-password', roles: ['consultant'] });
    expect(created.status).toBe(201);
    expect(created.body.email).toBe('ny.konsulent@trekant.test');
    const duplicate = await admin.post<{ errors: { field: string; message: string }[] }>('/api/admin/users', {
      email: 'ny.konsulent@trekant.test',
      name: 'Dublet',
      password: 'long-enough-password',
      roles: ['consultant'],
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.errors[0]).toEqual({ field: 'email', message: 'Der findes allerede en bruger med denne e-mail' });

    const updated = await admin.patch<TUserSummary>(`/api/admin/users/${created.body.id}`, { roles: ['consultant', 'analyst'] });
    expect(updated.body.roles).toEqual(['analyst', 'consultant']);
    const audit = await server.database.db.selectFrom('audit_entries').selectAll().where('action', '=', 'user.updated').where('entity_id', '=', created.body.id).executeTakeFirstOrThrow();
    expect(audit.before).toMatchObject({ roles: ['consultant'] });
    expect(audit.after).toMatchObject({ roles: ['consultant', 'analyst'] });
  });

  it('disabling a user ends their sessions and stops their logins', async () => {
    const created = await admin.post<TUserSummary>('/api/admin/users', { email: 'midlertidig@trekant.test', name: 'Vikar', password: 'long-enough-password', roles: ['street_worker'] });
    const temp = await server.loginAs('midlertidig@trekant.test', 'long-enough-password');
    expect((await admin.patch(`/api/admin/users/${created.body.id}`, { disabled: true })).status).toBe(200);
    expect((await temp.get('/api/me')).status).toBe(401);
    expect((await server.client().login('midlertidig@trekant.test', 'long-enough-password')).status).toBe(401);
  });

  it('an administrator cannot change their own roles', async () => {
    const me = await admin.get<{ user: { id: string } }>('/api/me');
    const result = await admin.patch(`/api/admin/users/${me.body.user.id}`, { roles: ['consultant'] });
    expect(result.status).toBe(403);
  });

  it('cannot update a user of another municipality (404)', async () => {
    expect((await admin.patch(`/api/admin/users/${otherMunicipalityUserId}`, { name: 'Hacked' })).status).toBe(404);
  });
});

describe('accounts shared by several municipalities', () => {
  it("an administrator elsewhere learns nothing from creating a user with a taken e-mail: the same 201, and the account gets a membership", async () => {
    const vallensbaek = await server.loginAs('admin@vallensbaek.test', 'vallensbaek-password');
    const fresh = await vallensbaek.post<TUserSummary>('/api/admin/users', { email: 'helt.ny@vallensbaek.test', name: 'Helt Ny', password: 'seks-ord-om-en-ny-dag', roles: ['consultant'] });
    const linked = await vallensbaek.post<TUserSummary>('/api/admin/users', { email: 'leder@trekant.test', name: 'Leder Lindholm', password: 'seks-ord-om-en-ny-dag', roles: ['consultant'] });
    expect([fresh.status, linked.status]).toEqual([201, 201]);
    expect(Object.keys(linked.body).sort()).toEqual(Object.keys(fresh.body).sort());
    // Only the roles in Vallensbæk are shown, never the Ishøj ones.
    expect(linked.body.roles).toEqual(['consultant']);
    // The person keeps their password (the one given is not applied) and now also works in Vallensbæk.
    expect((await server.client().login('leder@trekant.test', 'seks-ord-om-en-ny-dag')).status).toBe(401);
    const leader = await server.loginAs('leder@trekant.test');
    const me = await leader.get<{ municipalities: { code: number; roles: string[] }[] }>('/api/me');
    expect(me.body.municipalities.map((m) => [m.code, m.roles])).toEqual([[183, ['leader']], [187, ['consultant']]]);
    const audit = await server.database.db.selectFrom('audit_entries').selectAll().where('action', '=', 'user.membership_added').where('entity_id', '=', linked.body.id).executeTakeFirstOrThrow();
    expect([audit.municipality_id, audit.after]).toEqual([vallensbaekId, { email: 'leder@trekant.test', roles: ['consultant'] }]);
    // A user already here is a plain conflict: the administrator sees them in the list anyway.
    expect((await vallensbaek.post('/api/admin/users', { email: 'leder@trekant.test', name: 'x', password: 'seks-ord-om-en-ny-dag', roles: ['analyst'] })).status).toBe(409);
  });

  it("an administrator of one municipality cannot rename or block a user who also works in another; roles here they can change", async () => {
    const shared = await createUser(server.database.db, { email: 'delt@trekant.test', name: 'Delt Bruger', password: 'delt-mellem-to-kommuner', roles: ['consultant'], municipalityId: vallensbaekId });
    const ishoj = (await admin.get<{ municipality: { id: string } }>('/api/me')).body.municipality.id;
    await server.database.db.insertInto('memberships').values({ user_id: shared, municipality_id: ishoj, role: 'analyst' }).execute();
    const vallensbaek = await server.loginAs('admin@vallensbaek.test', 'vallensbaek-password');
    for (const [client, change] of [
      [vallensbaek, { name: 'Omdøbt' }],
      [vallensbaek, { disabled: true }],
      [admin, { name: 'Omdøbt' }],
      [admin, { disabled: true }],
    ] as const) {
      const refused = await client.patch<{ type: string; title: string }>(`/api/admin/users/${shared}`, change);
      expect(refused.status, JSON.stringify(change)).toBe(403);
      expect(refused.body.type).toBe('/problems/shared-account');
    }
    const user = await server.database.db.selectFrom('users').select(['name', 'disabled_at']).where('id', '=', shared).executeTakeFirstOrThrow();
    expect(user).toEqual({ name: 'Delt Bruger', disabled_at: null });
    expect((await vallensbaek.patch<TUserSummary>(`/api/admin/users/${shared}`, { roles: ['leader'] })).body.roles).toEqual(['leader']);
    // The detail says what the form may offer: roles here, not the shared account.
    expect((await vallensbaek.get<TUserDetail>(`/api/admin/users/${shared}?purpose=user_administration`)).body.abilities).toEqual({ update: true, updateAccount: false });
    // As the web form sends it: every field, only the roles changed.
    const fromForm = await vallensbaek.patch<TUserSummary>(`/api/admin/users/${shared}`, { name: 'Delt Bruger', roles: ['consultant'], disabled: false });
    expect(fromForm.status).toBe(200);
    expect(fromForm.body.roles).toEqual(['consultant']);
    // An administrator of both municipalities may.
    await server.database.db.insertInto('memberships').values({ user_id: otherMunicipalityUserId, municipality_id: ishoj, role: 'administrator' }).execute();
    const both = await server.loginAs('admin@vallensbaek.test', 'vallensbaek-password');
    expect((await both.get<TUserDetail>(`/api/admin/users/${shared}?purpose=user_administration`)).body.abilities).toEqual({ update: true, updateAccount: true });
    expect((await both.patch<TUserSummary>(`/api/admin/users/${shared}`, { name: 'Omdøbt' })).body.name).toBe('Omdøbt');
    await server.database.db.deleteFrom('memberships').where('user_id', '=', otherMunicipalityUserId).where('municipality_id', '=', ishoj).execute();
  });

  it('blocking revokes API tokens, so re-enabling does not bring them back', async () => {
    const created = await admin.post<TUserSummary>('/api/admin/users', { email: 'genaabnet@trekant.test', name: 'Gen Åbnet', password: 'en-lang-sætning-her', roles: ['consultant'] });
    const user = await server.loginAs('genaabnet@trekant.test', 'en-lang-sætning-her');
    const token = (await user.post<{ token: string }>('/api/me/tokens', { name: 'Script', scopes: ['read'] })).body.token;
    const bearer = { authorization: `Bearer ${token}` };
    expect((await server.client().get('/api/me', bearer)).status).toBe(200);
    expect((await admin.patch(`/api/admin/users/${created.body.id}`, { disabled: true })).status).toBe(200);
    expect((await admin.patch(`/api/admin/users/${created.body.id}`, { disabled: false })).status).toBe(200);
    expect((await server.client().get('/api/me', bearer)).status).toBe(401);
  });
});

describe('municipalities (tenants)', () => {
  it('switches only to a municipality the user holds a role in', async () => {
    expect((await admin.put('/api/me/municipality', { municipalityId: vallensbaekId })).status).toBe(404);
    const both = await createUser(server.database.db, {
      email: 'begge@trekant.test',
      name: 'Konsulent i to kommuner',
      password: 'two-municipalities',
      roles: ['consultant'],
      municipalityId: vallensbaekId,
    });
    const ishoj = (await admin.get<{ municipality: { id: string } }>('/api/me')).body.municipality.id;
    await server.database.db.insertInto('memberships').values({ user_id: both, municipality_id: ishoj, role: 'leader' }).execute();
    const user = await server.loginAs('begge@trekant.test', 'two-municipalities');
    const me = await user.get<{ municipalities: { id: string; roles: string[] }[]; municipality: { id: string } }>('/api/me');
    expect(me.body.municipalities).toHaveLength(2);
    const target = me.body.municipalities.find((m) => m.id !== me.body.municipality.id)!;
    expect((await user.put('/api/me/municipality', { municipalityId: target.id })).status).toBe(200);
    const after = await user.get<{ municipality: { id: string }; permissions: string[] }>('/api/me');
    expect(after.body.municipality.id).toBe(target.id);
    // The switch is audited, in the municipality entered.
    const switched = await server.database.db.selectFrom('audit_entries').selectAll().where('action', '=', 'account.municipality_switched').where('actor_user_id', '=', both).execute();
    expect(switched.map((r) => [r.municipality_id, r.before, r.after])).toEqual([[target.id, { municipalityId: me.body.municipality.id }, { municipalityId: target.id }]]);
    // Permissions follow the roles held in the municipality now acted in.
    expect(after.body.permissions.includes('users.read')).toBe(target.id === ishoj);
    // The next login starts where the user last worked, and is logged there.
    const next = await server.loginAs('begge@trekant.test', 'two-municipalities');
    expect((await next.get<{ municipality: { id: string } }>('/api/me')).body.municipality.id).toBe(target.id);
    const logins = await server.database.db.selectFrom('audit_log').select('municipality_id').where('action', '=', 'auth.login_succeeded').where('actor_user_id', '=', both).orderBy('id').execute();
    expect(logins.map((l) => l.municipality_id)).toEqual([me.body.municipality.id, target.id]);
  });
});

describe('API tokens', () => {
  it('authenticates with a bearer token, limits it to its scopes, and stops when revoked', async () => {
    const created = await admin.post<{ id: string; token: string }>('/api/me/tokens', { name: 'Integration', scopes: ['read'] });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^trk_/);
    const stored = await server.database.db.selectFrom('api_tokens').select('token_hash').where('id', '=', created.body.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(created.body.token);

    const bearer = { authorization: `Bearer ${created.body.token}` };
    const client = server.client();
    expect((await client.get('/api/admin/users', bearer)).status).toBe(200);
    // A read-only token cannot change anything, and needs no CSRF token (no cookie).
    const write = await client.request('PUT', '/api/admin/second-factor-policy', { json: { requiredForRoles: [] }, headers: bearer });
    expect(write.status).toBe(403);
    expect((await admin.delete(`/api/me/tokens/${created.body.id}`)).status).toBe(200);
    expect((await client.get('/api/admin/users', bearer)).status).toBe(401);
    expect((await client.get('/api/admin/users', { authorization: 'Bearer trk_not-a-token' })).status).toBe(401);
  });
});
