import type { FastifyInstance } from 'fastify';
import { Problem, notFound, problemType } from '../errors.ts';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

class InvalidUtf8Error extends Error {
  readonly code = 'TREKANT_INVALID_UTF8';
  readonly statusCode = 400;
}

// A NUL character or half a surrogate pair cannot be stored as UTF-8 text in PostgreSQL.
// eslint-disable-next-line no-control-regex -- the NUL character is exactly what we look for
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The path of the first string (or key) in a parsed value that could not be stored as text. */
export function findUnstorableText(value: unknown, path = '', depth = 0): string | null {
  if (typeof value === 'string') return UNSTORABLE.test(value) ? path : null;
  if (depth > 64 || value === null || typeof value !== 'object') return null;
  const entries: [string, unknown][] = Array.isArray(value) ? value.map((v, i) => [`${path}[${i}]`, v]) : Object.entries(value).map(([k, v]) => [path ? `${path}.${k}` : k, v]);
  for (const [childPath, child] of entries) {
    if (!Array.isArray(value) && UNSTORABLE.test(childPath)) return childPath;
    const found = findUnstorableText(child, childPath, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

/** Refuses a request naming the field whose text cannot be stored, like any validation error. */
function unstorable(field: string) {
  return new Problem(422, problemType('validation'), 'problem.validation', {
    detailKey: 'problem.validation.detail',
    errors: [{ field: field || 'body', message: 'field.unstorable_text' }],
  });
}

/**
 * JSON bodies must be valid UTF-8: the default parser would silently replace broken bytes
 * with U+FFFD and store mangled text. Parsing itself (with prototype-poisoning protection) is
 * fastify's own.
 */
export function installStrictJsonParser(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string;
    try {
      text = strictUtf8.decode(body as Buffer);
    } catch {
      done(new InvalidUtf8Error('invalid UTF-8'), undefined);
      return;
    }
    parseJson(request, text, (error, value) => {
      if (error) done(error, undefined);
      else {
        const field = findUnstorableText(value);
        if (field !== null) done(unstorable(field), undefined);
        else done(null, value);
      }
    });
  });
  // The same for the query string and path parameters, before they reach validation.
  app.addHook('preValidation', async (request) => {
    // Such a path names nothing we have; such a query is a field to correct.
    if (findUnstorableText(request.params) !== null) throw notFound();
    const field = findUnstorableText(request.query);
    if (field !== null) throw unstorable(field);
  });
  // Only JSON bodies (and the import's spreadsheets) are accepted; fastify would take text too.
  app.removeContentTypeParser('text/plain');
}
