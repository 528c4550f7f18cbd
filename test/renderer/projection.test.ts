/**
 * The map's projections: a code the renderer does not bundle is asked of the host once (the client
 * is replaced here by the EPSG registry file the host would read), then OpenLayers projects with it
 * where GDAL does; an unknown code keeps the host's UNKNOWN_CRS and is asked again next time.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { transform } from 'ol/proj';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { NigahError } from '../../shared/errors';
import { projDef } from '../../shared/proj';

const get = vi.hoisted(() => vi.fn());
vi.mock('../../renderer/src/api/client', () => ({ api: { projections: { get } } }));

const { ensureProjection, loadProjection, projectionReady } = await import(
  '../../renderer/src/map/projection'
);

const registry = join(dirname(createRequire(import.meta.url).resolve('epsg-index/package.json')), 's');

/** What the host answers: the registry's record, or UNKNOWN_CRS. */
async function hostGet(code: string) {
  const n = code.slice(5);
  try {
    const rec = JSON.parse(readFileSync(join(registry, `${n}.json`), 'utf8')) as {
      name: string;
      proj4: string;
    };
    return { code, name: rec.name, proj4: rec.proj4.replace(/\s*\+type=crs\b/, '') };
  } catch {
    throw new NigahError('UNKNOWN_CRS', `The coordinate reference system ${code} is not known to Nigah.`);
  }
}

beforeEach(() => {
  get.mockReset();
  get.mockImplementation(hostGet);
});

describe('renderer projections', () => {
  it('fetches a code it lacks once, then OpenLayers projects with it as GDAL does', async () => {
    expect(projectionReady('EPSG:26914')).toBe(false);
    expect(() => projDef('EPSG:26914')).toThrow(/not known/);
    await Promise.all([loadProjection('EPSG:26914'), loadProjection('26914')]);
    expect(get).toHaveBeenCalledTimes(1);
    expect(projectionReady('EPSG:26914')).toBe(true);
    // gdaltransform -s_srs '+proj=longlat +datum=NAD83' -t_srs EPSG:26914: -99 32 → 500000 3540435.693
    const [x, y] = transform([-99, 32], 'EPSG:4326', ensureProjection('EPSG:26914'));
    expect(x).toBeCloseTo(500000, 2);
    expect(y).toBeCloseTo(3540435.693, 2);
    await loadProjection('EPSG:26914');
    expect(get).toHaveBeenCalledTimes(1);
  });

  it('needs no host for bundled codes and proj4 strings', async () => {
    await loadProjection('EPSG:32642');
    await loadProjection('+proj=tmerc +lat_0=0 +lon_0=70.5 +k=1 +x_0=500000 +y_0=0 +datum=WGS84 +units=m');
    expect(get).not.toHaveBeenCalled();
  });

  it('keeps the host refusal of an unknown code and asks again later', async () => {
    await expect(loadProjection('EPSG:999999')).rejects.toMatchObject({ code: 'UNKNOWN_CRS' });
    await expect(loadProjection('EPSG:999999')).rejects.toMatchObject({ code: 'UNKNOWN_CRS' });
    expect(get).toHaveBeenCalledTimes(2);
    expect(() => ensureProjection('EPSG:999999')).toThrow(/EPSG:999999 is not known/);
  });
});
