import type { Kysely } from 'kysely';
import { executeScript } from '../../platform/db/migrate.ts';

// Danish order in SQL on both engines: PGlite has no ICU collation and the test cluster's
// default collation puts Å before Æ and capitals before lower case. The key folds case, maps
// Æ, Ø, Å (and Ä, Ö, Ü, as Danish dictionaries do) after Z and accented letters to their base,
// and compares as bytes. Upper case is folded by hand too, since lower() under the C locale
// leaves non-ASCII letters alone.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists
export async function up(db: Kysely<any>): Promise<void> {
  await executeScript(
    db,
    `CREATE FUNCTION danish_sort_key(value text) RETURNS bytea
       LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
       AS $$ SELECT convert_to(translate(lower(value),
         'ÆØÅÄÖÜæøåäöüÉÈÊËÁÀÂÍÌÎÓÒÔÚÙÛÑÇéèêëáàâíìîóòôúùûñç',
         '{|}{|y{|}{|yeeeeaaaiiiooouuunceeeeaaaiiiooouuunc'), 'UTF8') $$;`,
  );
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be reverted; restore a backup instead.');
}
