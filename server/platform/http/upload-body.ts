import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Problem, problemType } from '../errors.ts';
import { CSV_TYPE, IMPORT_LIMITS, XLSX_TYPE } from '../spreadsheet.ts';

/**
 * Routes that take a spreadsheet file as their body are registered in a scope of their own:
 * only there are XLSX and CSV bodies parsed (up to the import limit). Every other route answers
 * 415 to those types before reading the body, and keeps the global body limit.
 */
export async function registerUploadRoutes(app: FastifyInstance, register: (scope: FastifyInstance) => void): Promise<void> {
  await app.register(async (scope) => {
    scope.addContentTypeParser([XLSX_TYPE, CSV_TYPE], { parseAs: 'buffer', bodyLimit: IMPORT_LIMITS.bytes }, (_request, body, done) => done(null, body));
    register(scope);
  });
}

export const unsupportedMediaType = () => new Problem(415, problemType('unsupported-media-type'), 'problem.unsupported_media_type');

/** The uploaded file and its content type, which must be one of `accepted`. */
export function uploadedFile(request: FastifyRequest, accepted: readonly string[]): { file: Buffer; type: string } {
  const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (!Buffer.isBuffer(request.body) || !accepted.includes(type)) throw unsupportedMediaType();
  return { file: request.body, type };
}

interface ImportOutcome {
  dryRun: boolean;
  counts: Record<string, number>;
  errors: unknown[];
  errorsNotShown: number;
}

/**
 * Answers an import: 422 with the counts and the row errors (at most the listed number, and how
 * many more there were) when any row failed, else 200 for a preview or 201 for a write.
 */
export function sendImportOutcome<T extends ImportOutcome>(reply: FastifyReply, outcome: T) {
  if (outcome.errors.length > 0) {
    // Row errors travel as `rowErrors`: a problem's `errors` are field errors.
    throw new Problem(422, problemType('import-invalid'), 'problem.import_invalid', {
      extensions: { dryRun: outcome.dryRun, counts: outcome.counts, rowErrors: outcome.errors, rowErrorsNotShown: outcome.errorsNotShown },
    });
  }
  return reply.code(outcome.dryRun ? 200 : 201).send(outcome);
}
