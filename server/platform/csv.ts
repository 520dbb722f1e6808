/** A leading =, +, - or @ (or a tab or carriage return) makes a spreadsheet run a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Text made safe to open in a spreadsheet: a formula-like value gets a leading apostrophe. */
export const neutraliseFormula = (value: string) => (FORMULA_START.test(value) ? `'${value}` : value);

/** The text a neutralised value was (an import reads back what an export wrote). */
export const restoreFormula = (value: string) => (/^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value);

/** RFC 4180 CSV with CRLF line ends and a BOM, so Excel opens Danish letters correctly. */
export function toCsv(rows: readonly (readonly string[])[], separator = ';'): string {
  const escape = (value: string) => {
    const safe = neutraliseFormula(value);
    return /[";\r\n,]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return '\uFEFF' + rows.map((row) => row.map(escape).join(separator)).join('\r\n') + '\r\n';
}
