import type { FastifyInstance } from 'fastify';

/** A JSON Schema as the OpenAPI document gives it (the subset the generators read). */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  format?: string;
  pattern?: string;
  default?: unknown;
}

export interface RouteSpec {
  method: string;
  /** The route as fastify registered it: `/api/me/sessions/:id`, `/api/docs/*`. */
  url: string;
  /** Named path parameters, and whether the route ends in a wildcard. */
  params: string[];
  wildcard: boolean;
  /** From the OpenAPI document; absent for hidden routes (static files, the docs UI). */
  query?: JsonSchema;
  body?: JsonSchema;
  inOpenApi: boolean;
}

const LINE = /^((?:│ {3}| {4})*)(?:├── |└── )(.*?)(?: \(([A-Z, ]+)\))?$/;

/**
 * Every route in fastify's router, read from `printRoutes({ commonPrefix: false })`: the
 * router's own view, hidden routes (static files, the API docs, the web app's fallback)
 * included, to check the list the app keeps itself. Each line of the tree is a path segment
 * appended to its parent's; a line with methods in brackets is a route.
 */
export function routesOfApp(app: FastifyInstance): { method: string; url: string }[] {
  const stack: string[] = [];
  const routes: { method: string; url: string }[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = LINE.exec(line);
    if (!match) continue;
    const depth = match[1].length / 4;
    const joined = (depth > 0 ? stack[depth - 1] : '') + match[2];
    // The root's "/" is left out before a top-level wildcard ("* (GET)" is the route "/*").
    const url = joined.startsWith('/') ? joined : `/${joined}`;
    stack[depth] = url;
    stack.length = depth + 1;
    for (const method of (match[3] ?? '').split(',').map((m) => m.trim())) {
      // HEAD is fastify's automatic twin of each GET: fuzzed through the GET route's methods.
      if (method && method !== 'HEAD') routes.push({ method, url });
    }
  }
  return routes;
}

interface OpenApiOperation {
  parameters?: { in: string; name: string; required?: boolean; schema: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema: JsonSchema }> };
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
}

/** Each registered route once per method (HEAD, fastify's twin of GET, left out), with the request schemas the OpenAPI document states for it. */
export function catalogue(registered: readonly { method: string; url: string }[], openapi: OpenApiDocument): RouteSpec[] {
  const documented = new Map<string, OpenApiOperation>();
  for (const [path, operations] of Object.entries(openapi.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      documented.set(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`, operation);
    }
  }
  const unique = new Map(registered.filter((r) => r.method !== 'HEAD').map((r) => [`${r.method} ${r.url}`, r]));
  return [...unique.values()].map(({ method, url }) => {
    const operation = documented.get(`${method} ${url}`);
    const queryParams = operation?.parameters?.filter((p) => p.in === 'query') ?? [];
    const query: JsonSchema | undefined =
      queryParams.length > 0
        ? {
            type: 'object',
            properties: Object.fromEntries(queryParams.map((p) => [p.name, p.schema])),
            required: queryParams.filter((p) => p.required).map((p) => p.name),
          }
        : undefined;
    return {
      method,
      url,
      params: [...url.matchAll(/:(\w+)/g)].map((m) => m[1]),
      wildcard: url.endsWith('*'),
      query,
      body: operation?.requestBody?.content?.['application/json']?.schema,
      inOpenApi: operation !== undefined,
    };
  });
}
