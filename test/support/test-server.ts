import type { FastifyInstance } from 'fastify';
import { type BuiltApp, buildApp } from '../../server/app.ts';
import { type Config, loadConfig } from '../../server/platform/config.ts';
import type { OpenDatabase } from '../../server/platform/db/database.ts';
import { DEMO_PASSWORD } from '../../seeds/reference.ts';
import { openTestDatabase } from './test-database.ts';

export interface TestServer {
  url: string;
  app: FastifyInstance;
  routes: BuiltApp['routes'];
  database: OpenDatabase;
  services: BuiltApp['services'];
  /** A client that keeps cookies and sends the CSRF token, like the web app does. */
  client(): ApiClient;
  /** A client logged in as a demo user (password DEMO_PASSWORD). */
  loginAs(email: string, password?: string): Promise<ApiClient>;
  close(): Promise<void>;
}

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export class ApiClient {
  private cookies = new Map<string, string>();
  csrfToken: string | null = null;
  language = 'da';

  constructor(readonly baseUrl: string) {}

  async request<T = unknown>(method: string, path: string, options: { json?: unknown; body?: string | Uint8Array; headers?: Record<string, string> } = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { 'accept-language': this.language, ...options.headers };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (this.csrfToken && !['GET', 'HEAD'].includes(method)) headers['x-csrf-token'] ??= this.csrfToken;
    let body: string | Uint8Array | undefined = options.body;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(this.baseUrl + path, { method, headers, body: body as BodyInit | undefined, redirect: 'manual' });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index);
      const value = pair.slice(index + 1);
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await response.text();
    let parsed: unknown = text;
    if ((response.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  }

  get<T = unknown>(path: string, headers?: Record<string, string>) {
    return this.request<T>('GET', path, { headers });
  }
  post<T = unknown>(path: string, json?: unknown) {
    return this.request<T>('POST', path, json === undefined ? {} : { json });
  }
  patch<T = unknown>(path: string, json: unknown) {
    return this.request<T>('PATCH', path, { json });
  }
  put<T = unknown>(path: string, json: unknown) {
    return this.request<T>('PUT', path, { json });
  }
  delete<T = unknown>(path: string) {
    return this.request<T>('DELETE', path);
  }

  /** Logs in and fetches the CSRF token, as the web app does after login. */
  async login(email: string, password = DEMO_PASSWORD): Promise<ApiResponse<{ stage: string }>> {
    const result = await this.post<{ stage: string }>('/api/auth/login', { email, password });
    if (result.status === 200) await this.refreshCsrf();
    return result;
  }

  async refreshCsrf(): Promise<void> {
    const me = await this.get<{ csrfToken: string }>('/api/me');
    if (me.status === 200) this.csrfToken = me.body.csrfToken;
  }

  get sessionCookie(): string | undefined {
    return this.cookies.get('trekant_session');
  }
}

/** A real HTTP server on a free loopback port, on a fresh database of this run's kind. */
export async function startTestServer(overrides: Partial<Config> = {}): Promise<TestServer> {
  const database = await openTestDatabase();
  const config: Config = { ...loadConfig({}), port: 0, webDistDir: '/nonexistent', ...overrides };
  const built = await buildApp(config, database);
  await built.app.listen({ host: '127.0.0.1', port: 0 });
  const address = built.app.server.address();
  if (!address || typeof address !== 'object') throw new Error('server did not listen');
  const url = `http://127.0.0.1:${address.port}`;
  return {
    url,
    app: built.app,
    routes: built.routes,
    database,
    services: built.services,
    client: () => new ApiClient(url),
    loginAs: async (email, password) => {
      const client = new ApiClient(url);
      const result = await client.login(email, password);
      if (result.status !== 200) throw new Error(`login as ${email} failed: ${result.status} ${result.text}`);
      return client;
    },
    close: async () => {
      // A test's requests are done by now: end keep-alive sockets at once rather than wait for
      // Node's keep-alive timeout on one the server does not count as idle.
      const closing = built.app.close();
      built.app.server.closeAllConnections();
      await closing;
      await database.close();
    },
  };
}
