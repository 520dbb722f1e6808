import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TLocale, TProblem } from '../../../contracts/common.ts';
import { Problem, problemType } from '../errors.ts';
import { type MessageKey, hasMessage, localeFromAcceptLanguage, translate } from '../i18n.ts';

const zodLocales = { da: z.locales.da(), en: z.locales.en() };

/** Field errors listed in one answer; the rest are counted (`errorsNotShown`). */
export const FIELD_ERROR_LIMIT = 100;

/** The language of a response: the user's own setting, else the browser's Accept-Language. */
export function localeOf(request: FastifyRequest): TLocale {
  return request.actor?.locale ?? localeFromAcceptLanguage(request.headers['accept-language']);
}

function sendProblem(reply: FastifyReply, problem: TProblem, headers: Record<string, string> = {}) {
  return reply.code(problem.status).headers(headers).type('application/problem+json; charset=utf-8').serializer(JSON.stringify).send(problem);
}

function fromProblem(request: FastifyRequest, error: Problem): TProblem {
  const locale = localeOf(request);
  const { detailKey, params, errors, extensions } = error.options;
  return {
    ...extensions,
    type: error.type,
    title: translate(locale, error.titleKey, params),
    status: error.status,
    ...(detailKey ? { detail: translate(locale, detailKey, params) } : {}),
    instance: request.id,
    ...(errors ? { errors: errors.map((e) => ({ field: e.field, message: hasMessage(e.message) ? translate(locale, e.message) : e.message })) } : {}),
  };
}

const TYPE_WORDS: Record<string, MessageKey> = {
  string: 'type.string',
  number: 'type.number',
  int: 'type.number',
  boolean: 'type.boolean',
  array: 'type.array',
  object: 'type.object',
};
const typeWord = (expected: string): MessageKey => TYPE_WORDS[expected] ?? 'type.other';

type ValidationIssue = { instancePath: string; keyword: string; message?: string; params: Record<string, unknown> };

/** Field paths as a client names them: "/roles/0" becomes "roles[0]"; unknown keys are named. */
function fieldErrors(locale: TLocale, context: string, issues: ValidationIssue[]) {
  return issues.flatMap((issue) => {
    const path = issue.instancePath.split('/').filter(Boolean);
    const field = path.reduce((acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part), '');
    if (issue.keyword === 'unrecognized_keys') {
      const keys = (issue.params.keys as string[] | undefined) ?? [];
      return keys.map((key) => ({ field: field ? `${field}.${key}` : key, message: translate(locale, 'field.unknown') }));
    }
    if (issue.keyword === 'invalid_type') {
      const expected = String(issue.params.expected ?? '');
      return [{ field: field || context, message: translate(locale, 'field.invalid_type', { expected: translate(locale, typeWord(expected)) }) }];
    }
    // A contract's own rule (a refinement) names its message by key: translated like a service's.
    if (issue.keyword === 'custom' && issue.message && hasMessage(issue.message)) return [{ field: field || context, message: translate(locale, issue.message) }];
    const raw = { code: issue.keyword, path, ...issue.params } as unknown as Parameters<(typeof zodLocales)['da']['localeError']>[0];
    const localised = zodLocales[locale].localeError(raw);
    const message = typeof localised === 'string' ? localised : (localised?.message ?? issue.message ?? '');
    return [{ field: field || context, message }];
  });
}

/** Errors fastify raises before routing (an undecodable URL): problem+json like the rest. */
export function frameworkErrorHandler(_error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const locale = localeFromAcceptLanguage(request.headers['accept-language']);
  return sendProblem(reply, { type: problemType('bad-request'), title: translate(locale, 'problem.bad_url'), status: 400, instance: request.id });
}

/**
 * Errors the HTTP parser raises before fastify sees a request (headers too large, a broken
 * request line): answered on the socket as problem+json, in Danish as no language is known.
 */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (!socket.writable) return void socket.destroy();
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const body = JSON.stringify({ type: problemType('bad-request'), title: translate('da', status === 431 ? 'problem.headers_too_large' : 'problem.bad_request'), status });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

export function installProblemHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const locale = localeOf(request);
    if (error instanceof Problem) return sendProblem(reply, fromProblem(request, error), error.options.headers);
    if (hasZodFastifySchemaValidationErrors(error)) {
      // A hostile body can break a rule per byte: the answer lists a bounded number of fields.
      const errors = fieldErrors(locale, error.validationContext ?? 'body', error.validation as unknown as ValidationIssue[]);
      return sendProblem(reply, {
        type: problemType('validation'),
        title: translate(locale, 'problem.validation'),
        detail: translate(locale, 'problem.validation.detail'),
        status: 422,
        instance: request.id,
        errors: errors.slice(0, FIELD_ERROR_LIMIT),
        ...(errors.length > FIELD_ERROR_LIMIT ? { errorsNotShown: errors.length - FIELD_ERROR_LIMIT } : {}),
      });
    }
    const simple = (status: number, slug: string, key: MessageKey) =>
      sendProblem(reply, { type: problemType(slug), title: translate(locale, key), status, instance: request.id });
    switch (error.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return simple(413, 'body-too-large', 'problem.body_too_large');
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return simple(415, 'unsupported-media-type', 'problem.unsupported_media_type');
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return simple(400, 'malformed-json', 'problem.malformed_json');
      case 'TREKANT_INVALID_UTF8':
        return simple(400, 'invalid-utf8', 'problem.invalid_utf8');
    }
    if (error instanceof SyntaxError) return simple(400, 'malformed-json', 'problem.malformed_json');
    // Any other client error fastify raised itself (bad URL encoding, …) keeps its status.
    if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      return sendProblem(reply, { type: problemType('bad-request'), title: error.message, status: error.statusCode, instance: request.id });
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, {
      type: problemType('internal'),
      title: translate(locale, 'problem.internal'),
      detail: translate(locale, 'problem.internal.detail', { requestId: request.id }),
      status: 500,
      instance: request.id,
    });
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, fromProblem(request, new Problem(404, problemType('not-found'), 'problem.not_found', { detailKey: 'problem.not_found.detail' }))),
  );
}
