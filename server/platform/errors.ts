import type { TProblem } from '../../contracts/common.ts';
import type { MessageKey } from './i18n.ts';

export interface FieldError {
  field: string;
  /** Already translated, or a message key for the error handler to translate. */
  message: string;
}

/**
 * An error that becomes an RFC 9457 problem+json response. `type` is stable for clients;
 * title and detail are message keys translated into the request's language.
 */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly titleKey: MessageKey,
    readonly options: {
      detailKey?: MessageKey;
      params?: Record<string, string | number>;
      errors?: FieldError[];
      headers?: Record<string, string>;
      /** Extra members of the problem document (RFC 9457 extensions), e.g. an import's row errors. */
      extensions?: Record<string, unknown>;
    } = {},
  ) {
    super(type);
  }
}

export const problemType = (slug: string) => `/problems/${slug}`;

export const notFound = () => new Problem(404, problemType('not-found'), 'problem.not_found', { detailKey: 'problem.not_found.detail' });
export const forbidden = () => new Problem(403, problemType('forbidden'), 'problem.forbidden');
export const unauthenticated = () =>
  new Problem(401, problemType('unauthenticated'), 'problem.unauthenticated', { detailKey: 'problem.unauthenticated.detail' });
export const conflict = (titleKey: MessageKey = 'problem.conflict', errors?: FieldError[]) =>
  new Problem(409, problemType('conflict'), titleKey, { errors });
export const invalidField = (field: string, messageKey: MessageKey) =>
  new Problem(422, problemType('validation'), 'problem.validation', {
    detailKey: 'problem.validation.detail',
    errors: [{ field, message: messageKey }],
  });
export const tooManyAttempts = (retryAfterSeconds: number, detailKey: MessageKey = 'problem.too_many_attempts.detail') =>
  new Problem(429, problemType('too-many-attempts'), 'problem.too_many_attempts', {
    detailKey,
    params: { minutes: Math.max(1, Math.ceil(retryAfterSeconds / 60)) },
    headers: { 'retry-after': String(retryAfterSeconds) },
  });

export type { TProblem };
