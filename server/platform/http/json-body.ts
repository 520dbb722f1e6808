import type { FastifyInstance } from 'fastify';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

class InvalidUtf8Error extends Error {
  readonly code = 'TREKANT_INVALID_UTF8';
  readonly statusCode = 400;
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
    parseJson(request, text, done);
  });
}
