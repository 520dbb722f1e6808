import { type RawBuilder, sql } from 'kysely';
import { forbidden, notFound } from './errors.ts';

/*
 * Reference lists with a national part and municipalities' own entries (legal bases, read
 * purposes; next the legal bases of disclosures): a row with `municipality_id` null is on the
 * national list, kept by migrations and the reference data; any other row is that
 * municipality's own entry, seen, added and retired only there. Entries are retired
 * (`retired_at`), never deleted, since records and the access log keep naming them.
 */

/** The entries a municipality sees: the national list and its own (names `municipality_id` unqualified: for a query of the list's table alone). */
export function nationalOrOwn(municipalityId: string): RawBuilder<boolean> {
  return sql<boolean>`(municipality_id IS NULL OR municipality_id = ${municipalityId})`;
}

/** The entry, if the municipality may retire it: another municipality's (or none) is 404, a national one 403. */
export function ownEntry<T extends { municipality_id: string | null }>(entry: T | undefined, municipalityId: string): T {
  if (!entry || (entry.municipality_id !== null && entry.municipality_id !== municipalityId)) throw notFound();
  if (entry.municipality_id === null) throw forbidden();
  return entry;
}
