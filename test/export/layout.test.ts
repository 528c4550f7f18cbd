import { describe, expect, it } from 'vitest';
import { fitExtent, formatDegrees, formatNumber, scaleBar, urduDigits } from '../../shared/export/carto';
import { type Box, mapLayout } from '../../shared/export/layout';
import { pagePixels, pagePoints } from '../../shared/export/page';
import { rightHandRule, signedArea, simplifyPolygon } from '../../shared/export/simplify';
import { districtCsv, districtTable } from '../../shared/export/table';

const overlap = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('page sizes', () => {
  it('gives ISO 216 sizes in points and pixels', () => {
    // A4 = 210 × 297 mm = 595.3 × 841.9 pt; at 300 dpi 2480 × 3508 px (8.27 × 11.69 in).
    const a4 = pagePoints({ size: 'a4', landscape: false });
    expect(a4.width).toBeCloseTo(595.28, 1);
    expect(a4.height).toBeCloseTo(841.89, 1);
    expect(pagePixels({ size: 'a4', landscape: false }, 300)).toEqual({ width: 2480, height: 3508 });
    expect(pagePixels({ size: 'a3', landscape: true }, 150)).toEqual({ width: 2480, height: 1754 });
  });
});

describe('map layout', () => {
  for (const size of ['a4', 'a3'] as const)
    for (const landscape of [false, true])
      it(`places every element inside the ${size} ${landscape ? 'landscape' : 'portrait'} page without overlaps`, () => {
        const L = mapLayout({ size, landscape }, { synthetic: true });
        const boxes: [string, Box][] = [
          ['banner', L.banner as Box],
          ['title', L.title],
          ['subtitle', L.subtitle],
          ['map', L.map],
          ['legend', L.legend],
          ['scaleBar', L.scaleBar],
          ['northArrow', L.northArrow],
          ['inset', L.inset],
          ['method', L.method],
          ['sources', L.sources],
          ['footer', L.footer],
        ];
        for (const [name, b] of boxes) {
          expect(b.w, name).toBeGreaterThan(0);
          expect(b.h, name).toBeGreaterThan(0);
          expect(b.x + b.w, name).toBeLessThanOrEqual(L.page.width);
          expect(b.y + b.h, name).toBeLessThanOrEqual(L.page.height);
        }
        for (let i = 0; i < boxes.length; i++)
          for (let j = i + 1; j < boxes.length; j++)
            expect(overlap(boxes[i][1], boxes[j][1]), `${boxes[i][0]} / ${boxes[j][0]}`).toBe(false);
        // The map takes the largest share of the page.
        expect(L.map.w * L.map.h).toBeGreaterThan(0.35 * L.page.width * L.page.height);
      });

  it('leaves room for the banner only when an input is synthetic', () => {
    const page = { size: 'a4' as const, landscape: false };
    expect(mapLayout(page, { synthetic: false }).banner).toBeNull();
    expect(mapLayout(page, { synthetic: true }).title.y).toBeGreaterThan(
      mapLayout(page, { synthetic: false }).title.y,
    );
  });
});

describe('cartographic numbers', () => {
  it('fits an extent to the box aspect about its centre', () => {
    expect(fitExtent([0, 0, 100, 50], 200, 200)).toEqual([0, -25, 100, 75]);
    expect(fitExtent([0, 0, 100, 100], 300, 150)).toEqual([-50, 0, 150, 100]);
  });

  it('picks a round scale-bar length that fits', () => {
    // 22 km across 500 pt, at most 120 pt: 120 pt = 5.28 km → 5 km, 113.6 pt long.
    const b = scaleBar(22_000, 500, 120);
    expect(b.metres).toBe(5000);
    expect(b.length).toBeCloseTo(113.64, 2);
    expect(b.unit).toBe('km');
    expect(scaleBar(900, 500, 120).metres).toBe(200);
  });

  it('writes degrees and Urdu digits', () => {
    expect(formatDegrees(67.75, 'lon')).toBe('67°45′E');
    expect(formatDegrees(26.5, 'lat')).toBe('26°30′N');
    expect(urduDigits('2022-08-30')).toBe('۲۰۲۲-۰۸-۳۰');
    expect(formatNumber(12139.29, 'en', 1)).toBe('12,139.3');
    expect(formatNumber(12139.29, 'ur', 1)).toBe('۱۲٬۱۳۹٫۳');
  });
});

describe('polygon simplification', () => {
  // A pixel staircase along a diagonal: 0.5 px tolerance removes the steps, not the shape.
  const stairs: number[][] = [[0, 0]];
  for (let i = 1; i <= 10; i++) stairs.push([i, i - 1], [i, i]);
  const ring = [...stairs, [0, 10], [0, 0]];

  it('keeps rings closed and drops the steps below the tolerance', () => {
    // The outer step corners lie 0.707 from the diagonal: 0.75 removes them, leaving the triangle
    // (0,0) (10,10) (0,10) of area 50 (the staircase itself covers 55).
    expect(Math.abs(signedArea(ring))).toBe(55);
    const [out] = simplifyPolygon([ring], 0.75) as number[][][];
    expect(out[0]).toEqual(out[out.length - 1]);
    expect(out).toHaveLength(4);
    expect(Math.abs(signedArea(out))).toBeCloseTo(50, 9);
    // 0.5 keeps every step (only points on straight runs may go): the area stays 55.
    expect(Math.abs(signedArea(simplifyPolygon([ring], 0.5)?.[0] as number[][]))).toBeCloseTo(55, 9);
  });

  it('orients exteriors counter-clockwise and holes clockwise (RFC 7946)', () => {
    const outer = [
      [0, 0],
      [0, 4],
      [4, 4],
      [4, 0],
      [0, 0],
    ]; // clockwise
    const hole = [
      [1, 1],
      [2, 1],
      [2, 2],
      [1, 2],
      [1, 1],
    ]; // counter-clockwise
    const [o, h] = rightHandRule([outer, hole]);
    expect(signedArea(o)).toBeGreaterThan(0);
    expect(signedArea(h)).toBeLessThan(0);
  });

  it('drops a ring that collapses', () => {
    expect(
      simplifyPolygon(
        [
          [
            [0, 0],
            [1, 0],
            [1, 0.01],
            [0, 0],
          ],
        ],
        0.5,
      ),
    ).toBeNull();
  });
});

describe('district table', () => {
  const zones = [
    { name: 'Dadu', zoneKm2: 8000, km2: 45, ha: 4500, sharePct: 0.5625, croplandKm2: 24, cloudKm2: 19 },
    { name: 'جامشورو', zoneKm2: 11000, km2: 76, ha: 7600, sharePct: 76 / 110, croplandKm2: 38, cloudKm2: 18 },
    { name: '=HYPERLINK("x")', zoneKm2: 1000, km2: 0, ha: 0, sharePct: 0 },
  ];

  it('sorts by flooded area and totals the columns', () => {
    const t = districtTable(zones, 'Total');
    expect(t.rows.map((r) => r.floodedKm2)).toEqual([76, 45, 0]);
    expect(t.total.floodedKm2).toBe(121);
    expect(t.total.floodedHa).toBe(12100);
    expect(t.total.croplandKm2).toBe(62);
    expect(t.total.cloudKm2).toBe(37);
    expect(t.total.sharePct).toBeCloseTo((100 * 121) / 20000, 9);
  });

  it('writes CSV with a BOM that parses back, with formula-safe names', () => {
    const csv = districtCsv(districtTable(zones, 'Total'));
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).trim().split('\r\n');
    expect(lines[0].split(',')[0]).toBe('district');
    expect(lines[1].split(',').slice(0, 3)).toEqual(['جامشورو', '76', '7600']);
    // Quoted (it holds quotes), apostrophe-prefixed (it starts with =).
    expect(lines[3].startsWith(`"'=HYPERLINK(""x"")"`)).toBe(true);
    expect(lines[4].split(',').slice(0, 2)).toEqual(['Total', '121']);
    expect(lines).toHaveLength(5);
  });
});
