import { sql } from 'kysely';
import { startOfDanishDay } from '../danish-time.ts';

/**
 * Valid time, shared by every versioned table (the organisation map, efforts): each row is a
 * version valid from `valid_from` (inclusive) until `valid_to` (exclusive); the current
 * version has `valid_to IS NULL`.
 */

/** The versions of `table` (a table name or alias) current now (null) or valid at an instant. */
export function validAt(table: string, asOf: Date | null) {
  const from = sql.ref(`${table}.valid_from`);
  const to = sql.ref(`${table}.valid_to`);
  return asOf ? sql<boolean>`${from} <= ${asOf} AND (${to} IS NULL OR ${to} > ${asOf})` : sql<boolean>`${to} IS NULL`;
}

/**
 * The instant an `asOf` query parameter names: a date ("as of 1.3.2023") means the end of that
 * day, Danish time; a date and time means that instant. Absent: now (null).
 */
export function asOfInstant(asOf: string | undefined): Date | null {
  if (!asOf) return null;
  return asOf.includes('T') ? new Date(asOf) : new Date(startOfDanishDay(asOf, 1).getTime() - 1);
}

/** A new version starts at `at`, but always after the one it replaces began (valid_to > valid_from). */
export const nextVersionStart = (current: { valid_from: Date }, at: Date = new Date()) => new Date(Math.max(at.getTime(), current.valid_from.getTime() + 1));
