/**
 * Property tests of the attacks on identity a client can send (issue #10): forged proxy
 * headers, cross-origin changes with a session cookie, API tokens minting credentials, weak
 * passwords in disguise. Each generates many variants of the attack; each must be refused (or
 * leave the client no choice) and change nothing but what refusing records on purpose.
 *
 * Runs on PGlite and on PostgreSQL; TREKANT_PROPERTY_RUNS scales the runs, TREKANT_PROPERTY_SEED
 * replays them.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../seeds/reference.ts';
import { type ApiClient, type TestServer, startTestServer } from '../support/test-server.ts';
import { changedTables, digester } from './support/db-digest.ts';
import { SCALE, SEED } from './support/run-size.ts';

const runs = (n: number) => ({ numRuns: Math.max(1, Math.round(n * SCALE)), seed: SEED });

// One reverse proxy in front (TREKANT_TRUST_PROXY=1): it appends the address it saw.
const server: TestServer = await startTestServer({ trustProxy: 1 });
afterAll(() => server?.close());
const takeDigest = await digester(server.database.db);

const PROXY_SAW = '198.51.100.23';
const ipv4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((parts) => parts.join('.'));
const forgedChain = fc.array(fc.oneof(ipv4, fc.ipV6(), fc.constantFrom('unknown', '127.0.0.1', '::1', PROXY_SAW, '')), { minLength: 0, maxLength: 5 });

describe(`attacks on identity (seed ${SEED}; replay with TREKANT_PROPERTY_SEED=${SEED})`, () => {
  it('whatever a client writes in X-Forwarded-For, its address is the one the proxy saw', async () => {
    await fc.assert(
      fc.asyncProperty(forgedChain, fc.emailAddress(), async (forged, email) => {
        const client = server.client();
        await server.database.db.deleteFrom('login_failures').execute();
        const header = [...forged, PROXY_SAW].join(', ');
        const result = await client.request('POST', '/api/auth/login', { json: { email: email.slice(0, 254), password: 'forkert-adgangskode' }, headers: { 'x-forwarded-for': header } });
        expect([401, 422]).toContain(result.status);
        if (result.status !== 401) return;
        const keys = await server.database.db.selectFrom('login_failures').select('key').where('key', 'like', 'ip:%').execute();
        expect(keys.map((k) => k.key)).toEqual([`ip:${PROXY_SAW}`]);
      }),
      runs(15),
    );
  });

  // State-changing routes a signed-in user reaches with the session cookie and the right CSRF token.
  const changes: { method: string; path: string; json: unknown }[] = [
    { method: 'PATCH', path: '/api/me', json: { name: 'Overtaget' } },
    { method: 'POST', path: '/api/me/tokens', json: { name: 'Bagdør', scopes: ['read', 'write'] } },
    { method: 'POST', path: '/api/auth/logout-everywhere', json: {} },
    { method: 'PUT', path: '/api/admin/second-factor-policy', json: { requiredForRoles: [] } },
    { method: 'POST', path: '/api/admin/users', json: { email: 'indtrænger@example.dk', name: 'Indtrænger', password: 'meget-lang-og-tilfældig', roles: ['administrator'] } },
    { method: 'POST', path: '/api/me/second-factor/enrolment', json: {} },
  ];
  let admin: ApiClient | null = null;
  const signedIn = async () => (admin ??= await server.loginAs('administrator@trekant.test', DEMO_PASSWORD));
  const foreignOrigin = fc.oneof(
    fc.webUrl({ withQueryParameters: false, withFragments: false }).map((u) => new URL(u).origin),
    fc.constantFrom('null', 'http://127.0.0.1', 'http://localhost', 'https://127.0.0.1'),
  );
  const foreignSite = fc.constantFrom('cross-site', 'same-site');

  it('a cookie-authenticated change from another origin is refused with 403 problem+json and changes nothing', async () => {
    const client = await signedIn();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...changes),
        fc.oneof(
          foreignOrigin.map((origin) => ({ origin })),
          foreignSite.map((site) => ({ 'sec-fetch-site': site })),
          fc.tuple(foreignSite, fc.constant(server.url)).map(([site, origin]) => ({ 'sec-fetch-site': site, origin })),
        ),
        async (change, headers) => {
          const before = await takeDigest();
          const result = await client.request<{ type: string }>(change.method, change.path, { json: change.json, headers });
          expect(result.status, `${change.method} ${change.path} ${JSON.stringify(headers)}`).toBe(403);
          expect(result.headers.get('content-type')).toContain('application/problem+json');
          expect(result.body.type).toBe('/problems/cross-origin');
          expect(changedTables(before, await takeDigest())).toEqual([]);
        },
      ),
      runs(40),
    );
  });

  it('an API token, whatever its scopes and expiry, cannot make another token, change the password or touch the second factor', async () => {
    const client = await signedIn();
    await fc.assert(
      fc.asyncProperty(
        fc.subarray(['read', 'write'] as const, { minLength: 1 }),
        fc.option(fc.integer({ min: 1, max: 366 }), { nil: undefined }),
        fc.constantFrom(
          { path: '/api/me/tokens', json: { name: 'Evig', scopes: ['read', 'write'] } },
          { path: '/api/me/password', json: { currentPassword: DEMO_PASSWORD, newPassword: 'en-helt-anden-sætning' } },
          { path: '/api/me/second-factor/enrolment', json: {} },
          { path: '/api/me/second-factor/remove', json: { password: DEMO_PASSWORD } },
        ),
        async (scopes, expiresInDays, attempt) => {
          const created = await client.post<{ id: string; token: string }>('/api/me/tokens', { name: 'Egenskab', scopes, expiresInDays });
          expect(created.status).toBe(201);
          const before = await takeDigest();
          const result = await server.client().request<{ type: string }>('POST', attempt.path, { json: attempt.json, headers: { authorization: `Bearer ${created.body.token}` } });
          expect(result.status).toBe(403);
          // A read-only token is stopped by its scope first; a writing one by the rule.
          expect(result.body.type).toBe(scopes.includes('write') ? '/problems/session-required' : '/problems/forbidden');
          expect(changedTables(before, await takeDigest())).toEqual([]);
          expect((await client.delete(`/api/me/tokens/${created.body.id}`)).status).toBe(200);
        },
      ),
      runs(10),
    );
  });

  const decoration = fc.stringMatching(/^[0-9!?.#-]{0,4}$/);
  const weakPassword = fc.oneof(
    // One character repeated, with or without a little decoration.
    fc.tuple(fc.constantFrom(...'ab1z9æ!'), fc.integer({ min: 12, max: 60 })).map(([c, n]) => c.repeat(n)),
    // A run along the digits, the alphabet or the keyboard, forwards or backwards.
    fc.tuple(fc.constantFrom('0123456789', 'abcdefghijklmnopqrstuvwxyz', 'qwertyuiopåasdfghjklæøzxcvbnm'), fc.nat(9), fc.integer({ min: 12, max: 24 }), fc.boolean()).map(([row, start, length, backwards]) => {
      const run = row.repeat(4).slice(start, start + length);
      return backwards ? [...run].reverse().join('') : run;
    }),
    // A common password, capitalised or in look-alike digits, with digits and symbols around it.
    fc.tuple(fc.constantFrom('password', 'sommer', 'adgangskode', 'kodeord', 'velkommen', 'qwerty', 'danmark', 'football'), fc.boolean(), decoration, decoration).map(([word, leet, before, after]) => {
      const base = leet ? word.replace(/o/g, '0').replace(/a/g, '@').replace(/e/g, '3') : word[0].toUpperCase() + word.slice(1);
      return `${before}${base}${after}2026!`.padEnd(12, '!');
    }),
    // The user's own e-mail or name with a little decoration.
    fc.tuple(fc.constantFrom('kirsten.kjaer@ishoj.dk', 'kirsten.kjaer', 'KirstenKjaer', 'kjaer.kirsten'), decoration).map(([own, extra]) => `${own}${extra}`.padEnd(12, '1')),
  );

  it('a password that is a repeat, a sequence, a common one in disguise or the user\'s own name or e-mail is refused, naming the field, and creates nothing', async () => {
    const client = await signedIn();
    await fc.assert(
      fc.asyncProperty(weakPassword, async (password) => {
        const before = await takeDigest();
        const result = await client.post<{ errors: { field: string }[] }>('/api/admin/users', { email: 'kirsten.kjaer@ishoj.dk', name: 'Kirsten Kjær', password, roles: ['consultant'] });
        expect(result.status, password).toBe(422);
        expect(result.body.errors.map((e) => e.field)).toEqual(['password']);
        expect(changedTables(before, await takeDigest())).toEqual([]);
      }),
      runs(60),
    );
  });
});
