import { describe, expect, it } from 'vitest';
import { zonesCsv } from '../../electron/engine/report';
import { csvCell, toCsv, toTsv } from '../../shared/csv';

describe('shared CSV writer', () => {
  it('neutralises cells a spreadsheet would run as formulas', () => {
    for (const s of ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\tx', '\rx'])
      expect(csvCell(s).replace(/^"/, '').startsWith("'")).toBe(true);
    expect(csvCell('Dadu')).toBe('Dadu');
    // Numbers stay numbers, negative ones included.
    expect(csvCell(-2.5, 2)).toBe('-2.50');
    expect(csvCell(-3)).toBe('-3');
  });

  it('quotes as RFC 4180 says (comma, quote, CR, LF) and ends lines with CRLF', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x,y', 'say "hi"'],
          ['line\nbreak', null],
        ],
      ),
    ).toBe('a,b\r\n"x,y","say ""hi"""\r\n"line\nbreak",\r\n');
  });

  it('writes a UTF-8 byte-order mark on request', () => {
    expect(toCsv(['ضلع'], [['دادو']], { bom: true })).toBe('\uFEFFضلع\r\nدادو\r\n');
  });

  it('is what the engine uses for the per-zone table', () => {
    const zone = {
      id: '1',
      name: '=cmd|" /C calc"!A0',
      pixels: 10,
      zoneKm2: 1,
      areaKm2: 1,
      validKm2: 1,
      classes: { water: { pixels: 5, km2: 0.5, ha: 50 } },
      sharePct: 50,
      shareObservedPct: 50,
      meanIndex: 0.1,
    };
    const csv = zonesCsv([zone as never], 'water');
    expect(csv.split('\r\n')[1]).toMatch(/^1,"'=cmd\|"" \/C calc""!A0",/);
  });

  it('keeps pasted tables formula-safe too', () => {
    expect(toTsv(['name'], [['-1+2\tx']])).toBe("name\n'-1+2 x\n");
  });
});
