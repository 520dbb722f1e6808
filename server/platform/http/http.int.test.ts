import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, startTestServer } from '../../../test/support/test-server.ts';
import { THROTTLE } from '../../modules/identity/identity.service.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe('operations endpoints', () => {
  it('GET /health says alive and GET /ready says the database answers with migrations current', async () => {
    const client = server.client();
    expect((await client.get('/health')).body).toEqual({ status: 'ok' });
    const ready = await client.get<{ status: string; database: string }>('/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe('ready');
  });
});

describe('security headers', () => {
  it('sends a strict CSP without inline script, no framing, nosniff and a referrer policy on every response', async () => {
    for (const path of ['/health', '/api/me', '/api/openapi.json', '/does-not-exist']) {
      const response = await server.client().get(path);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("frame-ancestors 'none'");
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(csp).toMatch(/script-src 'self'(;|$)/);
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp).toMatch(/style-src 'self'(;|$)/);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(response.headers.get('x-request-id')).toBeTruthy();
      // Plain HTTP here: HSTS only behind TLS.
      expect(response.headers.get('strict-transport-security')).toBeNull();
    }
  });
});

describe('cross-origin changes with a session cookie', () => {
  it('refuses them with 403 problem+json by Sec-Fetch-Site or Origin, even with the right CSRF token; same-origin changes pass', async () => {
    const client = await server.loginAs('konsulent@trekant.test');
    const change = (headers: Record<string, string>) => client.request<{ type: string }>('PATCH', '/api/me', { json: { locale: 'da' }, headers });
    const crossOrigin: Record<string, string>[] = [
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { origin: server.url.replace('127.0.0.1', 'localhost') },
      // A same-origin claim in Origin does not outweigh the browser's own Sec-Fetch-Site.
      { origin: server.url, 'sec-fetch-site': 'cross-site' },
    ];
    for (const headers of crossOrigin) {
      const refused = await change(headers);
      expect(refused.status, JSON.stringify(headers)).toBe(403);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(refused.body.type).toBe('/problems/cross-origin');
    }
    const sameOrigin: Record<string, string>[] = [{}, { origin: server.url }, { 'sec-fetch-site': 'same-origin', origin: server.url }, { 'sec-fetch-site': 'none' }];
    for (const headers of sameOrigin) {
      expect((await change(headers)).status, JSON.stringify(headers)).toBe(200);
    }
    // Reads and bearer tokens are not cookie-authenticated changes.
    expect((await client.get('/api/me', { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' })).status).toBe(200);
  });

  it('counts the address users reach Trekant at as its own, for a proxy that does not pass the host on', async () => {
    const proxied = await startTestServer({ publicUrl: 'https://trekant.example.dk' });
    try {
      const user = await proxied.loginAs('konsulent@trekant.test');
      expect((await user.request('PATCH', '/api/me', { json: { locale: 'da' }, headers: { origin: 'https://trekant.example.dk' } })).status).toBe(200);
      expect((await user.request('PATCH', '/api/me', { json: { locale: 'da' }, headers: { origin: 'https://trekant.example.dk.evil.example' } })).status).toBe(403);
    } finally {
      await proxied.close();
    }
  });
});

describe('OpenAPI', () => {
  it('documents the API from the zod schemas, and serves the browsable docs', async () => {
    const doc = await server.client().get<{ openapi: string; paths: Record<string, Record<string, { requestBody?: unknown }>> }>('/api/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/auth/logout', '/api/me', '/api/audit', '/api/admin/users/{id}']));
    expect(JSON.stringify(doc.body.paths['/api/auth/login'].post.requestBody)).toContain('email');
    const ui = await server.client().get('/api/docs/');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger');
    // Only the docs' own pages relax the style rule; scripts stay strict there too.
    expect(ui.headers.get('content-security-policy')).toMatch(/style-src 'self' 'unsafe-inline'(;|$)/);
    expect(ui.headers.get('content-security-policy')).toMatch(/script-src 'self'(;|$)/);
  });
});

describe('bad input', () => {
  it('answers malformed JSON, wrong types, unknown fields and over-long strings with 4xx problem+json listing the fields', async () => {
    const client = server.client();
    const malformed = await client.request('POST', '/api/auth/login', { body: '{"email": ', headers: { 'content-type': 'application/json' } });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toContain('application/problem+json');

    const wrong = await client.post<{ errors: { field: string; message: string }[] }>('/api/auth/login', { email: 42, password: ['x'], admin: true });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'email', message: 'Skal være tekst' },
        { field: 'password', message: 'Skal være tekst' },
        { field: 'admin', message: 'Feltet er ikke tilladt' },
      ]),
    );
    const long = await client.post<{ errors: { field: string }[] }>('/api/auth/login', { email: 'a@b.dk', password: 'x'.repeat(201) });
    expect(long.status).toBe(422);
    expect(long.body.errors[0].field).toBe('password');
  });

  it('answers in English when the browser prefers it', async () => {
    const client = server.client();
    client.language = 'en-GB,en;q=0.9,da;q=0.5';
    const result = await client.post<{ title: string; errors: { message: string }[] }>('/api/auth/login', { email: 'a@b.dk', password: 'x', extra: 1 });
    expect(result.body.title).toBe('The data is not valid');
    expect(result.body.errors[0].message).toBe('This field is not allowed');
  });

  it('refuses invalid UTF-8 and bodies over the limit', async () => {
    const client = server.client();
    const invalid = Buffer.concat([Buffer.from('{"email":"a'), Buffer.from([0xc3, 0x28]), Buffer.from('@b.dk","password":"x"}')]);
    const utf8 = await client.request<{ type: string }>('POST', '/api/auth/login', { body: invalid, headers: { 'content-type': 'application/json' } });
    expect(utf8.status).toBe(400);
    expect(utf8.body.type).toBe('/problems/invalid-utf8');
    const huge = await client.request('POST', '/api/auth/login', { body: JSON.stringify({ email: 'a@b.dk', password: 'x'.repeat(1024 * 1024 + 10) }), headers: { 'content-type': 'application/json' } });
    expect(huge.status).toBe(413);
  });

  it('answers an unknown address with 404 problem+json', async () => {
    const response = await server.client().get<{ status: number }>('/api/nothing-here');
    expect(response.status).toBe(404);
    expect(response.body.status).toBe(404);
  });
});

describe('behind a reverse proxy (TREKANT_TRUST_PROXY=1: one hop)', () => {
  // The proxy appends the address it saw; whatever the client put before it is the client's word.
  const viaProxy = (forged: string) => ({ 'x-forwarded-for': `${forged}, 203.0.113.7` });

  it('takes the address the proxy saw, so a forged X-Forwarded-For neither escapes the per-address throttle nor lands in the session list', async () => {
    const proxied = await startTestServer({ trustProxy: 1 });
    try {
      // The address has nearly used up its failures; a fresh forged first hop must not reset that.
      const at = new Date();
      await proxied.database.db.insertInto('login_failures').values(Array.from({ length: THROTTLE.perIp - 1 }, () => ({ key: 'ip:203.0.113.7', at }))).execute();
      const attempt = (forged: string, i: number) =>
        proxied.client().request('POST', '/api/auth/login', { json: { email: `ukendt-${i}@trekant.test`, password: 'forkert-adgangskode' }, headers: viaProxy(forged) });
      expect((await attempt('10.9.0.1', 1)).status).toBe(401);
      expect((await attempt('10.9.0.2', 2)).status).toBe(429);
      const failures = await proxied.database.db.selectFrom('login_failures').select('key').distinct().where('key', 'like', 'ip:%').execute();
      expect(failures.map((f) => f.key)).toEqual(['ip:203.0.113.7']);

      const other = proxied.client();
      expect((await other.request('POST', '/api/auth/login', { json: { email: 'leder@trekant.test', password: 'Trekant-demo-2026' }, headers: { 'x-forwarded-for': '198.51.100.1, 192.0.2.44' } })).status).toBe(200);
      await other.refreshCsrf();
      const sessions = await other.get<{ ip: string }[]>('/api/me/sessions');
      expect(sessions.body.map((s) => s.ip)).toEqual(['192.0.2.44']);
    } finally {
      await proxied.close();
    }
  });
});
