import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS, type TRole } from '../../../contracts/roles.ts';
import { DEMO_USERS } from '../../../seeds/reference.ts';
import { type ApiClient, type TestServer, startTestServer } from '../../../test/support/test-server.ts';
import { installRoutePolicies, policy } from './route-policy.ts';

let server: TestServer;
const clients = new Map<TRole, ApiClient>();
beforeAll(async () => {
  server = await startTestServer();
  for (const user of DEMO_USERS) clients.set(user.role, await server.loginAs(user.email));
});
afterAll(() => server?.close());

const samplePath = (url: string) => url.replace(/:id\b/g, '00000000-0000-4000-8000-000000000000').replace(/\*/g, 'x');
const isApiRoute = (url: string) => url.startsWith('/api/') && !url.startsWith('/api/docs');

describe('deny by default', () => {
  it('refuses to register a route that declares no policy', async () => {
    const app = Fastify();
    installRoutePolicies(app, () => false);
    expect(() => app.get('/api/forgotten', async () => 'secret')).toThrow(/declares no policy/);
    app.get('/api/declared', { config: { policy: policy.public() } }, async () => 'ok');
    await app.close();
  });

  it('every registered route carries a policy, and only the expected ones are public', () => {
    expect(server.routes.length).toBeGreaterThan(20);
    for (const route of server.routes) expect(route.policy, `${route.method} ${route.url}`).toBeDefined();
    const publicApi = server.routes.filter((r) => r.policy.kind === 'public' && isApiRoute(r.url)).map((r) => `${r.method} ${r.url}`);
    expect(publicApi.sort()).toEqual(['GET /api/openapi.json', 'HEAD /api/openapi.json', 'POST /api/auth/login']);
  });

  it('every non-public route answers 401 problem+json to a caller without a session', async () => {
    const anonymous = server.client();
    const guarded = server.routes.filter((r) => r.policy.kind !== 'public' && r.method !== 'HEAD');
    expect(guarded.length).toBeGreaterThan(15);
    for (const route of guarded) {
      const response = await anonymous.request(route.method, samplePath(route.url), route.method === 'GET' ? {} : { json: {} });
      expect(response.status, `${route.method} ${route.url}`).toBe(401);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    }
  });
});

describe('policy matrix: every role × every permission-guarded route', () => {
  it('allows exactly the roles whose permissions include the route’s, and refuses the rest with 403', async () => {
    const guarded = server.routes.filter((r) => r.policy.kind === 'permission' && !r.policy.permissions.includes('account.self') && r.method !== 'HEAD');
    expect(guarded.length).toBeGreaterThan(5);
    for (const route of guarded) {
      if (route.policy.kind !== 'permission') continue;
      for (const [role, client] of clients) {
        // Mutations get a body that fails validation, so an allowed call changes nothing.
        const response = await client.request(route.method, samplePath(route.url), route.method === 'GET' ? {} : { json: { notAField: true } });
        const allowed = route.policy.permissions.some((p) => ROLE_PERMISSIONS[role].includes(p));
        const label = `${role} ${route.method} ${route.url} → ${response.status}`;
        if (allowed) expect([401, 403], label).not.toContain(response.status);
        else expect(response.status, label).toBe(403);
      }
    }
  });

  it('lets every role use its own account routes', async () => {
    for (const [role, client] of clients) {
      expect((await client.get('/api/me/sessions')).status, role).toBe(200);
      expect((await client.get('/api/me/tokens')).status, role).toBe(200);
    }
  });
});
