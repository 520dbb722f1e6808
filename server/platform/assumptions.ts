/**
 * Assumed reference data: a record's `assumptions` map a field (its column name) to why the
 * value is assumed. A field someone changes is theirs from then on, so its assumption goes.
 */
export function keptAssumptions(assumptions: Record<string, string>, before: Record<string, unknown>, after: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(assumptions).filter(([field]) => !(field in after) || JSON.stringify(after[field]) === JSON.stringify(before[field])));
}
