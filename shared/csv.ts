/**
 * The one CSV writer: RFC 4180 quoting (fields with a comma, quote, CR or LF are quoted, quotes
 * doubled), formula-safe cells and an optional UTF-8 byte-order mark (Excel on Windows needs it to
 * read Urdu district names). Pure: returns the text; callers write it atomically.
 */

export interface CsvOptions {
  /** Prefix U+FEFF so spreadsheet programs detect UTF-8 (default false). */
  bom?: boolean;
  /** Line ending (default "\r\n", as RFC 4180 specifies). */
  eol?: '\r\n' | '\n';
  /** Decimal places for non-integer numbers (default 6). */
  digits?: number;
}

/**
 * A text cell a spreadsheet would run as a formula (leading =, +, -, @, tab or CR) gets a leading
 * apostrophe, as OWASP recommends against CSV injection. Numbers are written as numbers.
 */
export function formulaSafe(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

export function csvCell(v: unknown, digits = 6): string {
  if (v === null || v === undefined) return '';
  let s: string;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return '';
    s = Number.isInteger(v) ? String(v) : v.toFixed(digits);
  } else s = formulaSafe(String(v));
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: string[], rows: unknown[][], opts: CsvOptions = {}): string {
  const eol = opts.eol ?? '\r\n';
  const lines = [header, ...rows].map((r) => r.map((v) => csvCell(v, opts.digits)).join(','));
  return `${opts.bom ? '\uFEFF' : ''}${lines.join(eol)}${eol}`;
}

/** Tab-separated text for pasting into a spreadsheet: tabs and line breaks in cells become spaces. */
export function toTsv(header: string[], rows: unknown[][]): string {
  const cell = (v: unknown) =>
    v === null || v === undefined ? '' : formulaSafe(String(v)).replace(/[\t\r\n]+/g, ' ');
  return `${[header, ...rows].map((r) => r.map(cell).join('\t')).join('\n')}\n`;
}
