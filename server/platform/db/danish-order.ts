import { type RawBuilder, sql } from 'kysely';

/**
 * Orders text in Danish on both engines (Æ, Ø, Å after Z; case folded), through the SQL
 * function `danish_sort_key` (migration 2026-12-03T0900). Add the column itself after it where
 * ties must fall the same way every time.
 */
export const danishOrder = (column: string): RawBuilder<Uint8Array> => sql<Uint8Array>`danish_sort_key(${sql.ref(column)})`;
