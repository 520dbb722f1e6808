/**
 * The one way the web app talks to the server. It sends the session's CSRF token on every
 * change, the user's language for server messages, and turns RFC 9457 problem+json answers
 * into ApiError. Response bodies are checked against the shared zod contracts.
 */
import type { z } from 'zod';
import { type TProblem, ZProblem } from '../../contracts/common.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: TProblem,
    /** The whole problem document, with any extension members (e.g. an import's row errors). */
    readonly body: unknown = problem,
  ) {
    super(problem.title);
    this.name = 'ApiError';
  }

  /** The problem's field errors, keyed by field name (the first message wins). */
  fieldErrors(): Record<string, string> {
    const byField: Record<string, string> = {};
    for (const e of this.problem.errors ?? []) byField[e.field] ??= e.message;
    return byField;
  }

  get type(): string {
    return this.problem.type;
  }
}

/** Thrown when the server could not be reached at all (offline, server down). */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('network', { cause });
    this.name = 'NetworkError';
  }
}

let csrfToken: string | null = null;
let language = 'da';

export function setCsrfToken(token: string | null): void {
  csrfToken = token || null;
}

export function setApiLanguage(locale: string): void {
  language = locale;
}

const SAFE_METHODS = new Set(['GET', 'HEAD']);

interface RequestOptions<S extends z.ZodType | undefined> {
  body?: unknown;
  /** A file sent as it is (an upload), with its own content type, instead of a JSON body. */
  file?: { data: Blob; contentType: string };
  query?: Record<string, string | number | undefined | null>;
  schema?: S;
  signal?: AbortSignal;
}

export function withQuery(path: string, query: RequestOptions<undefined>['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function send(method: string, path: string, options: RequestOptions<z.ZodType | undefined>): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json', 'accept-language': language };
  if (!SAFE_METHODS.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  let body: string | Blob | undefined;
  if (options.file) {
    headers['content-type'] = options.file.contentType;
    body = options.file.data;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  try {
    return await fetch(withQuery(path, options.query), { method, headers, body, credentials: 'same-origin', signal: options.signal });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new NetworkError(error);
  }
}

// A problem whose extension members reuse a standard name (an import's `errors` are rows, not
// fields) is still a problem: read it without the field errors, and keep the whole body.
const ZProblemWithoutErrors = ZProblem.omit({ errors: true });

async function problemOf(response: Response): Promise<{ problem: TProblem; body: unknown }> {
  const text = await response.text();
  try {
    const body: unknown = JSON.parse(text);
    const parsed = ZProblem.safeParse(body);
    if (parsed.success) return { problem: parsed.data, body };
    const lenient = ZProblemWithoutErrors.safeParse(body);
    if (lenient.success) return { problem: lenient.data, body };
  } catch {
    // Not JSON: a proxy or a crashed server answered. Fall through to a generic problem.
  }
  const problem = { type: 'about:blank', title: response.statusText || `HTTP ${response.status}`, status: response.status };
  return { problem, body: problem };
}

type Result<S> = S extends z.ZodType ? z.infer<S> : unknown;

export async function request<S extends z.ZodType | undefined = undefined>(method: string, path: string, options: RequestOptions<S> = {}): Promise<Result<S>> {
  let response = await send(method, path, options);
  // A stale CSRF token (a new login in another tab): fetch the current one and try once more.
  if (response.status === 403 && !SAFE_METHODS.has(method)) {
    const { problem } = await problemOf(response.clone());
    if (problem.type.endsWith('/csrf') && (await refreshCsrfToken())) response = await send(method, path, options);
  }
  if (!response.ok) {
    const { problem, body } = await problemOf(response);
    throw new ApiError(response.status, problem, body);
  }
  const text = await response.text();
  const data: unknown = text ? JSON.parse(text) : null;
  return (options.schema ? options.schema.parse(data) : data) as Result<S>;
}

async function refreshCsrfToken(): Promise<boolean> {
  const response = await send('GET', '/api/me', {});
  if (!response.ok) return false;
  const me = (await response.json()) as { csrfToken?: string };
  if (!me.csrfToken || me.csrfToken === csrfToken) return false;
  csrfToken = me.csrfToken;
  return true;
}

export const api = {
  get: <S extends z.ZodType | undefined = undefined>(path: string, options?: RequestOptions<S>) => request('GET', path, options),
  post: <S extends z.ZodType | undefined = undefined>(path: string, body?: unknown, options?: RequestOptions<S>) => request('POST', path, { ...options, body }),
  put: <S extends z.ZodType | undefined = undefined>(path: string, body: unknown, options?: RequestOptions<S>) => request('PUT', path, { ...options, body }),
  patch: <S extends z.ZodType | undefined = undefined>(path: string, body: unknown, options?: RequestOptions<S>) => request('PATCH', path, { ...options, body }),
  delete: <S extends z.ZodType | undefined = undefined>(path: string, options?: RequestOptions<S>) => request('DELETE', path, options),
  upload: <S extends z.ZodType | undefined = undefined>(path: string, file: { data: Blob; contentType: string }, options?: RequestOptions<S>) =>
    request('POST', path, { ...options, file }),
};
