/** RFC 4180 CSV with CRLF line ends and a BOM, so Excel opens Danish letters correctly. */
export function toCsv(rows: readonly (readonly string[])[], separator = ';'): string {
  const escape = (value: string) => {
    // A leading =, +, - or @ would make a spreadsheet run it as a formula.
    const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
    return /[";\r\n,]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return '\uFEFF' + rows.map((row) => row.map(escape).join(separator)).join('\r\n') + '\r\n';
}
