import type { Kysely, Transaction } from 'kysely';
import type { TLocale } from '../../../contracts/common.ts';
import type { Database } from '../db/schema.ts';
import { danishOrder } from '../db/danish-order.ts';
import { nationalOrOwn } from '../reference-list.ts';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * The purposes a read of personal data may state (`read_purposes`): codes with Danish and English
 * labels, national or a municipality's own (see `platform/reference-list.ts`). The access log
 * stores the code; readers show its label, or the text as written for rows logged before codes.
 */

/** The codes among `codes` that a read in the municipality (null: none, national codes only) may state now. */
export async function usablePurposeCodes(db: Db, municipalityId: string | null, codes: readonly string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  let query = db.selectFrom('read_purposes').select('code').where('code', 'in', [...new Set(codes)]).where('retired_at', 'is', null);
  query = municipalityId ? query.where(nationalOrOwn(municipalityId)) : query.where('municipality_id', 'is', null);
  return new Set((await query.execute()).map((r) => r.code));
}

/** The national list and the municipality's own entries, retired ones included, in Danish order of their labels. */
export function listReadPurposes(db: Db, municipalityId: string) {
  return db.selectFrom('read_purposes').selectAll().where(nationalOrOwn(municipalityId)).orderBy(danishOrder('label_da')).orderBy('id').execute();
}
export type ReadPurposeRow = Awaited<ReturnType<typeof listReadPurposes>>[number];

export interface PurposeInWords {
  /** The logged code; null when the row holds free text from before the list of codes. */
  code: string | null;
  label: string;
}

/** Looks up logged purposes in words: the label of a known code in the locale, else the logged text itself. */
export async function purposeWords(db: Db, municipalityId: string, locale: TLocale): Promise<(logged: string | null) => PurposeInWords | null> {
  const labels = new Map((await listReadPurposes(db, municipalityId)).map((p) => [p.code, locale === 'en' ? p.label_en : p.label_da]));
  return (logged) => {
    if (logged === null) return null;
    const label = labels.get(logged);
    return label === undefined ? { code: null, label: logged } : { code: logged, label };
  };
}
