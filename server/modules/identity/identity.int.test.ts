import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTotpCode } from '../../platform/auth/totp.ts';
import { type TestServer, startTestServer } from '../../../test/support/test-server.ts';
import { THROTTLE } from './identity.service.ts';

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
    expect(me.body.permissions).toEqual(['account.self', 'organisation.read', 'efforts.read', 'efforts.edit', 'efforts.measure', 'economy.read', 'plans.read', 'plans.edit']);

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
    expect((await next.post('/api/auth/second-factor', { code: currentTotpCode(start.body.secret) })).status).toBe(200);
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
