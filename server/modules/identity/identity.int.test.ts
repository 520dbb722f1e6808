import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTotpCode } from '../../platform/auth/totp.ts';
import type { ApiClient } from '../../../test/support/test-server.ts';
import { type TestServer, startTestServer } from '../../../test/support/test-server.ts';
import { verifyAuditChain } from '../../platform/audit/audit-chain.ts';
import { LOGIN_FAILURE_DETAILS_DAYS, THROTTLE } from './identity.service.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe('login and sessions', () => {
  it('logs in, answers /api/me, and logs out', async () => {
    const client = server.client();
    const login = await client.login('konsulent@trekant.test');
    expect(login.status).toBe(200);
    expect(login.body).toEqual({ stage: 'full' });
    const cookie = login.headers.getSetCookie()[0];
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);

    const me = await client.get<{ user: { email: string }; municipality: { code: number }; permissions: string[] }>('/api/me');
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe('konsulent@trekant.test');
    expect(me.body.municipality.code).toBe(183);
    expect(me.body.permissions).toEqual(['account.self', 'organisation.read', 'efforts.read', 'efforts.edit', 'efforts.measure', 'economy.read', 'plans.read', 'plans.edit', 'scenarios.read', 'scenarios.edit', 'meetings.read']);

    expect((await client.post('/api/auth/logout')).status).toBe(200);
    expect((await client.get('/api/me')).status).toBe(401);
  });

  it('refuses a wrong password in the language asked for, without saying which part was wrong', async () => {
    const client = server.client();
    client.language = 'en';
    const result = await client.post<{ title: string; type: string }>('/api/auth/login', { email: 'konsulent@trekant.test', password: 'wrong-password' });
    expect(result.status).toBe(401);
    expect(result.headers.get('content-type')).toContain('application/problem+json');
    expect(result.body.title).toBe('Wrong e-mail or password');
    const unknown = await client.post<{ title: string }>('/api/auth/login', { email: 'nobody@trekant.test', password: 'wrong-password' });
    expect(unknown.body.title).toBe(result.body.title);
  });

  it('throttles an account after repeated failures, even with the right password, with a clear message', async () => {
    const client = server.client();
    for (let i = 0; i < THROTTLE.perAccount; i++) {
      expect((await client.post('/api/auth/login', { email: 'analytiker@trekant.test', password: `wrong-${i}` })).status).toBe(401);
    }
    const blocked = await client.post<{ title: string; detail: string }>('/api/auth/login', { email: 'analytiker@trekant.test', password: 'Trekant-demo-2026' });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(blocked.body.title).toBe('For mange mislykkede forsøg');
    expect(blocked.body.detail).toMatch(/Vent \d+ minutter/);
  });

  it('requires the CSRF token for changes made with a session cookie', async () => {
    const client = await server.loginAs('leder@trekant.test');
    const withoutToken = await client.request('PATCH', '/api/me', { json: { locale: 'en' }, headers: { 'x-csrf-token': 'forged' } });
    expect(withoutToken.status).toBe(403);
    const withToken = await client.patch<{ user: { locale: string } }>('/api/me', { locale: 'en' });
    expect(withToken.status).toBe(200);
    expect(withToken.body.user.locale).toBe('en');
    // The user's own setting now decides the language of errors.
    const problem = await client.get<{ title: string }>('/api/audit');
    expect(problem.body.title).toBe('You do not have access to this action');
  });

  it('changes the password, ends other sessions, and accepts only the new password', async () => {
    const first = await server.loginAs('gadeplan@trekant.test');
    const second = await server.loginAs('gadeplan@trekant.test');
    const wrong = await first.post<{ errors: { field: string }[] }>('/api/me/password', { currentPassword: 'not-it', newPassword: 'a-new-long-password-1' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors[0].field).toBe('currentPassword');
    const tooShort = await first.post<{ errors: { field: string }[] }>('/api/me/password', { currentPassword: 'Trekant-demo-2026', newPassword: 'short' });
    expect(tooShort.status).toBe(422);
    expect(tooShort.body.errors[0].field).toBe('newPassword');
    expect((await first.post('/api/me/password', { currentPassword: 'Trekant-demo-2026', newPassword: 'a-new-long-password-1' })).status).toBe(200);
    expect((await first.get('/api/me')).status).toBe(200);
    expect((await second.get('/api/me')).status).toBe(401);
    expect((await server.client().login('gadeplan@trekant.test')).status).toBe(401);
    expect((await server.client().login('gadeplan@trekant.test', 'a-new-long-password-1')).status).toBe(200);
  });

  it('keeps a session in use alive under a short idle timeout (last seen is written often enough)', async () => {
    const shortIdle = await startTestServer({ sessionIdleMinutes: 1 });
    try {
      const client = await shortIdle.loginAs('konsulent@trekant.test');
      const token = client.sessionCookie!;
      const start = Date.now();
      // Used every 40 seconds for two minutes: never idle for a whole minute.
      for (const seconds of [40, 80, 120]) {
        expect(await shortIdle.services.identity.actorFromSessionToken(token, new Date(start + seconds * 1000)), `after ${seconds} s`).not.toBeNull();
      }
      // Left alone for more than a minute, it ends.
      expect(await shortIdle.services.identity.actorFromSessionToken(token, new Date(start + 190 * 1000))).toBeNull();
    } finally {
      await shortIdle.close();
    }
  });

  it('logs out everywhere', async () => {
    const a = await server.loginAs('partner@trekant.test');
    const b = await server.loginAs('partner@trekant.test');
    const result = await a.post<{ sessionsEnded: number }>('/api/auth/logout-everywhere');
    expect(result.body.sessionsEnded).toBeGreaterThanOrEqual(2);
    expect((await a.get('/api/me')).status).toBe(401);
    expect((await b.get('/api/me')).status).toBe(401);
  });
});

describe('second factor', () => {
  it('enrols with TOTP, then asks for the code at login, and accepts a recovery code once', async () => {
    const client = await server.loginAs('styregruppe@trekant.test');
    const start = await client.post<{ secret: string; qrSvg: string; otpauthUrl: string }>('/api/me/second-factor/enrolment');
    expect(start.status).toBe(200);
    expect(start.body.qrSvg).toContain('<svg');
    expect(start.body.otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
    expect((await client.post('/api/me/second-factor/enrolment/verify', { code: '000000' })).status).toBe(422);
    const verified = await client.post<{ recoveryCodes: string[] }>('/api/me/second-factor/enrolment/verify', { code: currentTotpCode(start.body.secret) });
    expect(verified.status).toBe(200);
    expect(verified.body.recoveryCodes).toHaveLength(10);

    const next = server.client();
    expect((await next.login('styregruppe@trekant.test')).body).toEqual({ stage: 'second_factor' });
    // Half-signed-in: the account is not usable yet.
    expect((await next.get('/api/me/sessions')).status).toBe(401);
    expect((await next.post('/api/auth/second-factor', { code: '123456' })).status).toBe(422);
    // The code that confirmed the enrolment is spent; the next one is not.
    expect((await next.post('/api/auth/second-factor', { code: currentTotpCode(start.body.secret) })).status).toBe(422);
    expect((await next.post('/api/auth/second-factor', { code: currentTotpCode(start.body.secret, Date.now() + 30_000) })).status).toBe(200);
    expect((await next.get('/api/me/sessions')).status).toBe(200);

    const recovery = server.client();
    await recovery.login('styregruppe@trekant.test');
    expect((await recovery.post('/api/auth/second-factor', { code: verified.body.recoveryCodes[0] })).status).toBe(200);
    const reuse = server.client();
    await reuse.login('styregruppe@trekant.test');
    expect((await reuse.post('/api/auth/second-factor', { code: verified.body.recoveryCodes[0] })).status).toBe(422);
  });

  it('lets an administrator require a second factor for a role; such users must enrol before anything else', async () => {
    const admin = await server.loginAs('administrator@trekant.test');
    const created = await admin.post('/api/admin/users', {
      email: 'ny.analytiker@trekant.test',
      name: 'Ny analytiker',
      password: 'a-long-enough-password',
      roles: ['analyst', 'leader'],
    });
    expect(created.status).toBe(201);
    const set = await admin.put<{ requiredForRoles: string[] }>('/api/admin/second-factor-policy', { requiredForRoles: ['analyst'] });
    expect(set.body.requiredForRoles).toEqual(['analyst']);

    const analyst = server.client();
    const login = await analyst.login('ny.analytiker@trekant.test', 'a-long-enough-password');
    expect(login.body.stage).toBe('enrolment_required');
    const me = await analyst.get<{ secondFactor: { required: boolean } }>('/api/me');
    expect(me.body.secondFactor.required).toBe(true);
    const refused = await analyst.get<{ type: string }>('/api/admin/users');
    expect(refused.status).toBe(403);
    expect(refused.body.type).toBe('/problems/enrolment-required');
    const start = await analyst.post<{ secret: string }>('/api/me/second-factor/enrolment');
    expect((await analyst.post('/api/me/second-factor/enrolment/verify', { code: currentTotpCode(start.body.secret) })).status).toBe(200);
    expect((await analyst.get('/api/admin/users')).status).toBe(200);
    // While the role requires it, the second factor cannot be removed.
    const remove = await analyst.post<{ status: number }>('/api/me/second-factor/remove', { password: 'a-long-enough-password' });
    expect(remove.status).toBe(409);
  });
});

/** Enrols a second factor for a signed-in client; returns its secret and recovery codes. */
async function enrol(client: ApiClient, proof?: Record<string, string>): Promise<{ secret: string; recoveryCodes: string[] }> {
  const start = await client.post<{ secret: string }>('/api/me/second-factor/enrolment', proof);
  expect(start.status, JSON.stringify(start.body)).toBe(200);
  const verified = await client.post<{ recoveryCodes: string[] }>('/api/me/second-factor/enrolment/verify', { code: currentTotpCode(start.body.secret) });
  expect(verified.status).toBe(200);
  return { secret: start.body.secret, recoveryCodes: verified.body.recoveryCodes };
}

async function newUser(email: string, name: string, password: string, roles: string[] = ['consultant']): Promise<ApiClient> {
  const admin = await server.loginAs('administrator@trekant.test');
  expect((await admin.post('/api/admin/users', { email, name, password, roles })).status).toBe(201);
  return server.loginAs(email, password);
}

/** A code the server accepts and nobody has used: enrolling spent the current step's, so the next step's. */
const unusedCode = (secret: string) => currentTotpCode(secret, Date.now() + 30_000);

describe('one-time TOTP codes', () => {
  it('refuses a code that has completed a login already, in another login within its window', async () => {
    const client = await newUser('engangskode@trekant.test', 'Engang Kode', 'tre-ord-der-huskes');
    const { secret } = await enrol(client);
    const code = unusedCode(secret);
    const first = server.client();
    await first.login('engangskode@trekant.test', 'tre-ord-der-huskes');
    expect((await first.post('/api/auth/second-factor', { code })).status).toBe(200);
    const second = server.client();
    await second.login('engangskode@trekant.test', 'tre-ord-der-huskes');
    const replay = await second.post<{ errors: { field: string }[] }>('/api/auth/second-factor', { code });
    expect(replay.status).toBe(422);
    expect(replay.body.errors[0].field).toBe('code');
    // Nor with the password in one request.
    expect((await server.client().post('/api/auth/login', { email: 'engangskode@trekant.test', password: 'tre-ord-der-huskes', code })).status).toBe(401);
    // The stored step holds across processes: it is in the database.
    const row = await server.database.db.selectFrom('users').select('totp_last_step').where('email', '=', 'engangskode@trekant.test').executeTakeFirstOrThrow();
    expect(row.totp_last_step).toBeGreaterThanOrEqual(Math.floor(Date.now() / 30_000) - 1);
  });
});

describe('password rules', () => {
  it('refuses common passwords, simple sequences and the user\'s own name or e-mail, naming the rule', async () => {
    const admin = await server.loginAs('administrator@trekant.test');
    const attempt = (password: string, email = 'regler@trekant.test', name = 'Rikke Regel') =>
      admin.post<{ errors: { field: string; message: string }[] }>('/api/admin/users', { email, name, password, roles: ['consultant'] });
    const refusals = {
      aaaaaaaaaaaa: 'Adgangskoden må ikke være ét tegn gentaget eller en simpel række som 123456 eller qwerty',
      '123456789012': 'Adgangskoden må ikke være ét tegn gentaget eller en simpel række som 123456 eller qwerty',
      'qwertyuiopåasdf': 'Adgangskoden må ikke være ét tegn gentaget eller en simpel række som 123456 eller qwerty',
      'P@ssw0rd-2026!': 'Adgangskoden er for almindelig: den står på listen over ofte brugte og lækkede adgangskoder. Brug f.eks. flere tilfældige ord',
      'Sommerferie2026': 'Adgangskoden er for almindelig: den står på listen over ofte brugte og lækkede adgangskoder. Brug f.eks. flere tilfældige ord',
      'regler@trekant.test': 'Adgangskoden må ikke bygge på brugerens navn eller e-mailadresse',
      'RikkeRegel1990!': 'Adgangskoden må ikke bygge på brugerens navn eller e-mailadresse',
    };
    for (const [password, message] of Object.entries(refusals)) {
      const refused = await attempt(password);
      expect(refused.status, password).toBe(422);
      expect(refused.body.errors, password).toEqual([{ field: 'password', message }]);
    }
    expect(await server.database.db.selectFrom('users').select('id').where('email', '=', 'regler@trekant.test').executeTakeFirst()).toBeUndefined();
    expect((await attempt('rikke skriver lange sætninger')).status).toBe(201);

    const user = await server.loginAs('regler@trekant.test', 'rikke skriver lange sætninger');
    const change = await user.post<{ errors: { field: string; message: string }[] }>('/api/me/password', { currentPassword: 'rikke skriver lange sætninger', newPassword: 'Regler@Trekant.test' });
    expect(change.status).toBe(422);
    expect(change.body.errors).toEqual([{ field: 'newPassword', message: 'Adgangskoden må ikke bygge på brugerens navn eller e-mailadresse' }]);
  });
});

describe('credentials end with the reason they were trusted', () => {
  it('a password change revokes the API tokens too', async () => {
    const client = await newUser('tokens.skift@trekant.test', 'Token Skift', 'blå-cykler-i-regnvejr');
    const token = (await client.post<{ token: string }>('/api/me/tokens', { name: 'Script', scopes: ['read'] })).body.token;
    const bearer = { authorization: `Bearer ${token}` };
    expect((await server.client().get('/api/me', bearer)).status).toBe(200);
    expect((await client.post('/api/me/password', { currentPassword: 'blå-cykler-i-regnvejr', newPassword: 'grønne-cykler-i-sol' })).status).toBe(200);
    expect((await server.client().get('/api/me', bearer)).status).toBe(401);
    const audit = await server.database.db.selectFrom('audit_entries').select('after').where('action', '=', 'account.password_changed').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit.after).toEqual({ sessionsEnded: 0, tokensRevoked: 1 });
  });

  it('an API token cannot make tokens, change the password or touch the second factor', async () => {
    const client = await newUser('token.kaede@trekant.test', 'Token Kæde', 'gule-huse-ved-havet');
    const token = (await client.post<{ token: string }>('/api/me/tokens', { name: 'Kort', scopes: ['read', 'write'], expiresInDays: 1 })).body.token;
    const bearer = { authorization: `Bearer ${token}` };
    const attempts: [string, string, unknown][] = [
      ['POST', '/api/me/tokens', { name: 'Evig', scopes: ['read', 'write'] }],
      ['POST', '/api/me/password', { currentPassword: 'gule-huse-ved-havet', newPassword: 'nye-huse-ved-havet' }],
      ['POST', '/api/me/second-factor/enrolment', {}],
      ['POST', '/api/me/second-factor/remove', { password: 'gule-huse-ved-havet' }],
    ];
    for (const [method, path, json] of attempts) {
      const refused = await server.client().request<{ type: string }>(method, path, { json, headers: bearer });
      expect(refused.status, path).toBe(403);
      expect(refused.body.type, path).toBe('/problems/session-required');
    }
    expect((await client.get<unknown[]>('/api/me/tokens')).body).toHaveLength(1);
  });

  it('replacing or removing the second factor needs the current password or a current code', async () => {
    const client = await newUser('ny.faktor@trekant.test', 'Ny Faktor', 'tunge-skyer-over-byen');
    const { secret } = await enrol(client);
    const replace = await client.post<{ errors: { field: string; message: string }[] }>('/api/me/second-factor/enrolment');
    expect(replace.status).toBe(422);
    expect(replace.body.errors).toEqual([{ field: 'password', message: 'Bekræft med din nuværende adgangskode eller en kode fra din anden faktor' }]);
    expect((await client.post('/api/me/second-factor/enrolment', { password: 'forkert-adgangskode' })).status).toBe(422);
    expect((await client.post('/api/me/second-factor/remove', {})).status).toBe(422);
    expect((await client.post('/api/me/second-factor/remove', { code: '000000' })).status).toBe(422);
    const stillOld = await server.database.db.selectFrom('users').select('totp_secret').where('email', '=', 'ny.faktor@trekant.test').executeTakeFirstOrThrow();
    expect(stillOld.totp_secret).toBe(secret);
    // With a proof it works: a fresh code to replace, the password to remove.
    await enrol(client, { code: unusedCode(secret) });
    expect((await client.post('/api/me/second-factor/remove', { password: 'tunge-skyer-over-byen' })).status).toBe(200);
  });

  it('a signed-in session guessing its own password is slowed down as logins are, and each guess is audited', async () => {
    const client = await newUser('gaetter@trekant.test', 'Gætter', 'hoeje-boelger-ved-kysten');
    for (let i = 0; i < THROTTLE.perAccount; i++) expect((await client.post('/api/me/password', { currentPassword: `forkert-${i}-adgangskode`, newPassword: 'en-helt-ny-lang-kode-1' })).status).toBe(422);
    const slowed = await client.post('/api/me/password', { currentPassword: 'hoeje-boelger-ved-kysten', newPassword: 'en-helt-ny-lang-kode-1' });
    expect(slowed.status).toBe(429);
    const userId = (await server.database.db.selectFrom('users').select('id').where('email', '=', 'gaetter@trekant.test').executeTakeFirstOrThrow()).id;
    const audited = await server.database.db.selectFrom('audit_log').select('id').where('action', '=', 'account.password_check_failed').where('entity_id', '=', userId).execute();
    expect(audited).toHaveLength(THROTTLE.perAccount);
  });

  it('after too many wrong codes, proving with a code waits (429) and counts no further failures', async () => {
    const client = await newUser('mange.koder@trekant.test', 'Mange Koder', 'roede-tage-i-solen');
    await enrol(client);
    for (let i = 0; i < THROTTLE.perSecondFactor; i++) expect((await client.post('/api/me/second-factor/remove', { code: '000000' })).status).toBe(422);
    const userId = (await server.database.db.selectFrom('users').select('id').where('email', '=', 'mange.koder@trekant.test').executeTakeFirstOrThrow()).id;
    const failed = () => server.database.db.selectFrom('audit_log').select('id').where('action', '=', 'auth.second_factor_failed').where('entity_id', '=', userId).execute();
    const before = (await failed()).length;
    const blocked = await client.post('/api/me/second-factor/remove', { code: '000000' });
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await failed()).length).toBe(before);
  });
});

describe('throttling slows an account down without locking its owner out', () => {
  const email = 'udsat@trekant.test';
  const password = 'stille-vand-har-dyb-bund';
  const strangerFails = async (count: number) => {
    for (let i = 0; i < count; i++) expect((await server.client().post('/api/auth/login', { email, password: `gæt-${i}` })).status).toBe(401);
  };
  /** Moves the account's failures back in time, as if the given time had passed. */
  const age = (ms: number) =>
    server.database.db.updateTable('login_failures').set((eb) => ({ at: sql<Date>`${eb.ref('at')} - ${`${ms} milliseconds`}::interval` })).where('key', '=', `account:${email}`).execute();

  it('after failures from anyone, the owner waits a growing delay, or gets in at once with a second factor', async () => {
    const owner = await newUser(email, 'Udsat Bruger', password);
    const { secret } = await enrol(owner);
    await strangerFails(THROTTLE.perAccount);
    const slowed = await server.client().post<{ detail: string }>('/api/auth/login', { email, password });
    expect(slowed.status).toBe(429);
    expect(Number(slowed.headers.get('retry-after'))).toBeLessThanOrEqual(THROTTLE.firstDelayMs / 1000);
    expect(slowed.body.detail).toContain('anden faktor');
    // The owner sends the code with the password and is in, fully.
    const withCode = server.client();
    const login = await withCode.post<{ stage: string }>('/api/auth/login', { email, password, code: unusedCode(secret) });
    expect(login.status).toBe(200);
    expect(login.body.stage).toBe('full');
    await withCode.refreshCsrf();
    expect((await withCode.get('/api/me/sessions')).status).toBe(200);

    // A stranger with a wrong password and any code learns nothing and only adds to the delay.
    await strangerFails(THROTTLE.perAccount);
    expect((await server.client().post('/api/auth/login', { email, password: 'gæt-igen', code: '123456' })).status).toBe(401);
    const longer = await server.client().post('/api/auth/login', { email, password });
    expect(Number(longer.headers.get('retry-after'))).toBeGreaterThan(THROTTLE.firstDelayMs / 1000);
    // Once the delay has passed, the password alone works again: no lock-out.
    await age(THROTTLE.firstDelayMs * 4);
    expect((await server.client().post('/api/auth/login', { email, password })).body).toEqual({ stage: 'second_factor' });
  });

  it("strangers' wrong passwords do not block the owner's second-factor step", async () => {
    const owner = await newUser('to.trin@trekant.test', 'To Trin', 'mange-små-skridt-frem');
    const { secret } = await enrol(owner);
    const halfway = server.client();
    expect((await halfway.login('to.trin@trekant.test', 'mange-små-skridt-frem')).body).toEqual({ stage: 'second_factor' });
    for (let i = 0; i < THROTTLE.perAccount + 2; i++) await server.client().post('/api/auth/login', { email: 'to.trin@trekant.test', password: `gæt-${i}` });
    expect((await halfway.post('/api/auth/second-factor', { code: unusedCode(secret) })).status).toBe(200);
  });
});

describe('the details of a failed login are kept only as long as they are needed', () => {
  it('erases the e-mail typed and the address after 90 days, leaving the row in a chain that still verifies', async () => {
    const typed = 'erase-me@example.dk';
    expect((await server.client().post('/api/auth/login', { email: typed, password: 'forkert-kodeord-igen' })).status).toBe(401);
    const row = await server.database.db.selectFrom('audit_entries').select(['id', 'after', 'at']).where('action', '=', 'auth.login_failed').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(row.after).toMatchObject({ email: typed });
    // Within the 90 days nothing is erased; after them the payload is a tombstone.
    await server.services.identity.eraseLoginFailureDetails(new Date(row.at.getTime() + (LOGIN_FAILURE_DETAILS_DAYS - 1) * 86_400_000));
    expect((await server.database.db.selectFrom('audit_entries').select('erased_at').where('id', '=', row.id).executeTakeFirstOrThrow()).erased_at).toBeNull();
    expect(await server.services.identity.eraseLoginFailureDetails(new Date(row.at.getTime() + (LOGIN_FAILURE_DETAILS_DAYS + 1) * 86_400_000))).toBeGreaterThan(0);
    const erased = await server.database.db.selectFrom('audit_entries').select(['action', 'after', 'erased_at', 'erased_rule']).where('id', '=', row.id).executeTakeFirstOrThrow();
    expect(erased).toMatchObject({ action: 'auth.login_failed', after: null, erased_rule: `login-failure-details-${LOGIN_FAILURE_DETAILS_DAYS}-days` });
    expect(erased.erased_at).not.toBeNull();
    expect(await verifyAuditChain(server.database.db)).toMatchObject({ ok: true });
  });
});
