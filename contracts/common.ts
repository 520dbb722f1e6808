import { z } from 'zod';

export const ZId = z.uuid();
export const ZTimestamp = z.iso.datetime({ offset: true });
export const ZIdParams = z.strictObject({ id: ZId });

/** A calendar date (YYYY-MM-DD) within the years a municipal record can concern. */
export const ZCalendarDate = z.iso.date().refine((d) => d >= '1900-01-01' && d <= '2999-12-31', { message: 'Datoen skal ligge mellem 1900 og 2999' });

/**
 * Why a person's data is being read: a code from the list of read purposes (`GET
 * /api/read-purposes`), stated by the client and logged with the read. The server refuses a
 * code that is not on the list of the user's municipality or is retired.
 */
export const ZPurpose = z.string().regex(/^[a-z][a-z0-9_]{2,39}$/);
export const ZPurposeQuery = z.strictObject({ purpose: ZPurpose });

export const LOCALES = ['da', 'en'] as const;
export const ZLocale = z.enum(LOCALES);
export type TLocale = z.infer<typeof ZLocale>;

export const ZEmail = z.email().max(254).transform((e) => e.toLowerCase());
export const ZPassword = z.string().min(12).max(200);
export const ZPersonName = z.string().trim().min(1).max(120);

/** RFC 9457 problem details, with the invalid fields listed. */
export const ZProblem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  /** Errors beyond those listed: an answer lists at most 100. */
  errorsNotShown: z.number().int().optional(),
});
export type TProblem = z.infer<typeof ZProblem>;

export const ZOk = z.object({ ok: z.literal(true) });

/**
 * Assumed reference data: field name → why its value is assumed (the memo does not say). The
 * screen marks such fields "antaget" with the reason; a field someone changes is no longer assumed.
 */
export const ZAssumptions = z.record(z.string().max(40), z.string().max(500));
export type TAssumptions = z.infer<typeof ZAssumptions>;
