/**
 * The projections service the map asks for codes it does not bundle: through the same dispatcher
 * the hosts use, it returns the EPSG registry's proj4 definition, which must place points where
 * GDAL/PROJ (gdaltransform) does; what is not an EPSG code, or a code the registry lacks, is refused
 * with a coded error.
 */
import { execFileSync } from 'node:child_process';
import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { createProjectionsService } from '../../electron/services/projections';
import type { NigahServices, ProjectionDefinition } from '../../shared/contract';
import { createDispatcher } from '../../shared/dispatch';
import { PROJ_DEFS } from '../../shared/proj';

const hasGdal = (() => {
  try {
    execFileSync('gdaltransform', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!hasGdal)
  console.warn('GDAL comparison skipped: gdaltransform is missing (install the Debian package gdal-bin).');

const dispatch = createDispatcher({ projections: createProjectionsService() } as unknown as NigahServices);

async function get(code: string) {
  return dispatch('projections', 'get', [code]);
}

/** gdaltransform of lon/lat points (on the CRS's own datum, so no datum shift is involved). */
function gdalForward(geog: string, epsg: string, points: [number, number][]): [number, number][] {
  const out = execFileSync('gdaltransform', ['-s_srs', geog, '-t_srs', epsg], {
    input: points.map((p) => `${p[0]} ${p[1]}`).join('\n'),
  }).toString();
  return out
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number) as [number, number]);
}

const CASES = [
  {
    code: 'EPSG:26914',
    name: 'NAD83 / UTM zone 14N',
    geog: '+proj=longlat +datum=NAD83',
    at: [
      [-99, 32],
      [-101.5, 29.25],
      [-97.2, 35.8],
    ],
  },
  {
    code: 'EPSG:3035',
    name: 'LAEA Europe',
    geog: '+proj=longlat +ellps=GRS80',
    at: [
      [10, 52],
      [-5.5, 40.4],
      [24.9, 60.2],
    ],
  },
] as const;

describe('projections.get', () => {
  for (const c of CASES) {
    it(`returns ${c.code} from the registry (not bundled) as its name and proj4`, async () => {
      expect(PROJ_DEFS[Number(c.code.slice(5))]).toBeUndefined();
      const r = await get(c.code);
      expect(r.ok).toBe(true);
      const d = (r as { value: ProjectionDefinition }).value;
      expect(d.code).toBe(c.code);
      expect(d.name).toContain(c.name);
      expect(d.proj4).toMatch(/^\+proj=/);
      expect(d.proj4).not.toContain('+type=crs');
    });

    it.skipIf(!hasGdal)(
      `${c.code}: proj4js with the returned definition places points where GDAL does`,
      async () => {
        const r = await get(c.code.slice(5)); // the bare number is accepted too
        const d = (r as { value: ProjectionDefinition }).value;
        const pts = c.at.map((p) => [p[0], p[1]] as [number, number]);
        const ref = gdalForward(c.geog, c.code, pts);
        const conv = proj4(c.geog, d.proj4);
        pts.forEach((p, i) => {
          const [x, y] = conv.forward(p);
          expect(Math.abs(x - ref[i][0])).toBeLessThan(0.01);
          expect(Math.abs(y - ref[i][1])).toBeLessThan(0.01);
        });
      },
    );
  }

  it('refuses what is not an EPSG code with BAD_ARGUMENT', async () => {
    for (const bad of ['EPSG:abc', '../../etc/passwd', 'EPSG:12', 'EPSG:26914; rm', '']) {
      const r = await get(bad);
      expect(r.ok, bad).toBe(false);
      expect((r as { error: { code: string } }).error.code, bad).toBe('BAD_ARGUMENT');
    }
    const long = await get(`EPSG:${'9'.repeat(40)}`);
    expect((long as { error: { code: string } }).error.code).toBe('BAD_ARGUMENT');
  });

  it('refuses a code the registry lacks with UNKNOWN_CRS naming it and saying what to do', async () => {
    const r = await get('EPSG:999999');
    expect(r.ok).toBe(false);
    const e = (r as { error: { code: string; message: string; hint?: string } }).error;
    expect(e.code).toBe('UNKNOWN_CRS');
    expect(e.message).toContain('EPSG:999999');
    expect(e.hint).toMatch(/gdalwarp/);
  });
});
