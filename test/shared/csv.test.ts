import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../shared/csv';

describe('CSV writer', () => {
  it('quotes per RFC 4180 and ends lines with CRLF', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x,y', 'say "hi"'],
          ['line\nbreak', 2],
        ],
      ),
    ).toBe('a,b\r\n"x,y","say ""hi"""\r\n"line\nbreak",2\r\n');
  });

  it('defuses cells a spreadsheet would run as formulas, but keeps negative numbers', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(-0.25)).toBe('-0.250000');
    expect(csvCell(-3)).toBe('-3');
  });

  it('writes a UTF-8 byte-order mark on request; empty cells for null and non-finite numbers', () => {
    const s = toCsv(
      ['name', 'v'],
      [
        ['ٹھٹہ', null],
        ['Dadu', Number.NaN],
      ],
      { bom: true, eol: '\n' },
    );
    expect(s.charCodeAt(0)).toBe(0xfeff);
    expect(s.slice(1)).toBe('name,v\nٹھٹہ,\nDadu,\n');
  });
});
