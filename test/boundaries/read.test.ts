/**
 * The boundaries reader: every format, reprojection from the file's CRS (checked against GDAL's
 * ogr2ogr and the UTM central meridian), refusal of projected coordinates without a CRS, and ring
 * repair. Inputs are generated here.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { selfIntersection } from '../../electron/boundaries/geometry';
import { readBoundaryBytes, readBoundaryPath } from '../../electron/boundaries/read';
import { zipFiles } from '../support/zip';

const hasOgr = (() => {
  try {
    execFileSync('ogr2ogr', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!hasOgr)
  console.warn(
    'ogr2ogr not found: install the Debian package gdal-bin for the Shapefile and reprojection checks.',
  );

const dir = mkdtempSync(path.join(os.tmpdir(), 'nigah-bnd-'));
const enc = (o: unknown) => new TextEncoder().encode(JSON.stringify(o));

/** Two districts as UTM 42N squares (metres), 10 km across, east of Hyderabad. */
const utm = {
  type: 'FeatureCollection',
  crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::32642' } },
  features: [
    {
      type: 'Feature',
      properties: { NAME_2: 'West', NAME_UR: 'مغرب' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [500000, 2800000],
            [510000, 2800000],
            [510000, 2810000],
            [500000, 2810000],
            [500000, 2800000],
          ],
        ],
      },
    },
    {
      type: 'Feature',
      properties: { NAME_2: 'East', NAME_UR: 'مشرق' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [510000, 2800000],
            [520000, 2800000],
            [520000, 2810000],
            [510000, 2810000],
            [510000, 2800000],
          ],
        ],
      },
    },
  ],
};

describe('reprojection and CRS checks', () => {
  it('reprojects a GeoJSON with a crs member of EPSG:32642: x = 500000 m lies on 69°E, the zone’s central meridian', async () => {
    const r = await readBoundaryBytes(enc(utm), 'utm.geojson');
    expect(r.crs).toBe('EPSG:32642 (WGS 84 / UTM zone 42N)');
    const ring = r.features[0].geometry.coordinates[0][0];
    expect(ring.some((p) => Math.abs(p[0] - 69) < 1e-9)).toBe(true);
    for (const p of ring) expect(p[1]).toBeGreaterThan(25.2);
  });

  it.skipIf(!hasOgr)('agrees with ogr2ogr’s reprojection to 1e-7°', async () => {
    const src = path.join(dir, 'utm.geojson');
    writeFileSync(src, JSON.stringify(utm));
    const out = path.join(dir, 'utm-ogr.geojson');
    execFileSync('ogr2ogr', [
      '-f',
      'GeoJSON',
      '-t_srs',
      'EPSG:4326',
      '-lco',
      'COORDINATE_PRECISION=10',
      out,
      src,
    ]);
    const ref = JSON.parse(readFileSync(out, 'utf8'));
    const r = await readBoundaryPath(src);
    const refPts = ref.features[1].geometry.coordinates[0].map((p: number[]) => [p[0], p[1]]);
    const ours = r.features[1].geometry.coordinates[0][0];
    for (const p of refPts) expect(ours.some((q) => Math.hypot(q[0] - p[0], q[1] - p[1]) < 1e-7)).toBe(true);
  });

  it('refuses metres without a declared CRS, saying it looks projected', async () => {
    const { crs: _crs, ...bare } = utm;
    await expect(readBoundaryBytes(enc(bare), 'bare.geojson')).rejects.toMatchObject({
      code: 'UNKNOWN_CRS',
      message: expect.stringMatching(/looks projected.*|no coordinate system declared/),
    });
  });

  it('names a CRS it cannot read', async () => {
    const odd = { ...utm, crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:ESRI::102025' } } };
    await expect(readBoundaryBytes(enc(odd), 'odd.geojson')).rejects.toMatchObject({
      code: 'UNKNOWN_CRS',
      message: expect.stringContaining('ESRI::102025'),
    });
  });
});

describe('rings', () => {
  it('closes open rings, orients them (outer counter-clockwise), drops degenerate ones and names them', async () => {
    const fc = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { name: 'Open' },
          geometry: {
            type: 'MultiPolygon',
            coordinates: [
              [
                [
                  [67, 25],
                  [67, 26],
                  [68, 26],
                  [68, 25],
                ],
              ],
              [
                [
                  [67, 25],
                  [67.1, 25],
                  [67, 25],
                ],
              ],
            ],
          },
        },
      ],
    };
    const r = await readBoundaryBytes(enc(fc), 'rings.geojson');
    const polys = r.features[0].geometry.coordinates;
    expect(polys).toHaveLength(1);
    const ring = polys[0][0];
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    // Shoelace: positive = counter-clockwise.
    let s = 0;
    for (let i = 0; i + 1 < ring.length; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
    expect(s).toBeGreaterThan(0);
    expect(r.problems.join(' ')).toMatch(/Open.*part 2, ring 1: fewer than 3 distinct points, dropped/);
  });

  it('names a self-crossing ring (a bow tie) with where it crosses', async () => {
    expect(
      selfIntersection([
        [0, 0],
        [2, 2],
        [2, 0],
        [0, 2],
      ]),
    ).not.toBeNull();
    expect(
      selfIntersection([
        [0, 0],
        [2, 0],
        [2, 2],
        [0, 2],
      ]),
    ).toBeNull();
    const fc = {
      type: 'Feature',
      properties: { name: 'Tie' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [67, 25],
            [69, 27],
            [69, 25],
            [67, 26],
            [67, 25],
          ],
        ],
      },
    };
    const r = await readBoundaryBytes(enc(fc), 'tie.geojson');
    expect(r.problems.join(' ')).toMatch(/Tie.*crosses itself near/);
  });
});

describe('formats', () => {
  it('TopoJSON: one layer per object, the one with most polygons by default, or the one asked for', async () => {
    const topo = {
      type: 'Topology',
      objects: {
        country: {
          type: 'GeometryCollection',
          geometries: [{ type: 'Polygon', arcs: [[0]], properties: { name: 'All' } }],
        },
        halves: {
          type: 'GeometryCollection',
          geometries: [
            { type: 'Polygon', arcs: [[1]], properties: { name: 'A' } },
            { type: 'Polygon', arcs: [[2]], properties: { name: 'B' } },
          ],
        },
      },
      arcs: [
        [
          [67, 25],
          [69, 25],
          [69, 26],
          [67, 26],
          [67, 25],
        ],
        [
          [67, 25],
          [68, 25],
          [68, 26],
          [67, 26],
          [67, 25],
        ],
        [
          [68, 25],
          [69, 25],
          [69, 26],
          [68, 26],
          [68, 25],
        ],
      ],
    };
    const r = await readBoundaryBytes(enc(topo), 'x.topojson');
    expect(r.layers).toEqual(['country', 'halves']);
    expect(r.layer).toBe('halves');
    expect(r.features.map((f) => f.properties.name)).toEqual(['A', 'B']);
    const c = await readBoundaryBytes(enc(topo), 'x.topojson', { layer: 'country' });
    expect(c.features).toHaveLength(1);
    await expect(readBoundaryBytes(enc(topo), 'x.topojson', { layer: 'tehsils' })).rejects.toThrow(
      /no layer "tehsils"/,
    );
  });

  it('KML: placemarks with polygons and their names', async () => {
    const kml = `<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>
<Placemark><name>Dadu</name><Polygon><outerBoundaryIs><LinearRing><coordinates>67,26 68,26 68,27 67,27 67,26</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>
<Placemark><name>Town</name><Point><coordinates>67.5,26.5</coordinates></Point></Placemark>
</Document></kml>`;
    const r = await readBoundaryBytes(new TextEncoder().encode(kml), 'd.kml');
    expect(r.features).toHaveLength(1);
    expect(r.features[0].properties.name).toBe('Dadu');
    expect(r.problems[0]).toMatch(/1 feature\(s\) without polygons/);
  });

  it('says what to do with a GeoPackage or a web page', async () => {
    await expect(readBoundaryBytes(new Uint8Array([1, 2]), 'a.gpkg')).rejects.toMatchObject({
      message: expect.stringMatching(/GPKG files are not read/),
      hint: expect.stringMatching(/ogr2ogr -f GeoJSON/),
    });
    await expect(readBoundaryBytes(new TextEncoder().encode('{oops'), 'a.geojson')).rejects.toMatchObject({
      code: 'NOT_JSON',
    });
  });

  it.skipIf(!hasOgr)(
    'Shapefile in UTM with .prj and a UTF-8 .cpg, loose and zipped: same lon/lat and names as the GeoJSON',
    async () => {
      const src = path.join(dir, 'utm.geojson');
      writeFileSync(src, JSON.stringify(utm));
      const shp = path.join(dir, 'utm.shp');
      execFileSync('ogr2ogr', ['-f', 'ESRI Shapefile', '-lco', 'ENCODING=UTF-8', shp, src]);
      zipFiles(
        path.join(dir, 'utm.zip'),
        ['shp', 'shx', 'dbf', 'prj', 'cpg'].map((e) => path.join(dir, `utm.${e}`)),
      );
      const ref = await readBoundaryPath(src);
      for (const file of [shp, path.join(dir, 'utm.zip')]) {
        const r = await readBoundaryPath(file);
        expect(r.features.map((f) => f.properties.NAME_UR)).toEqual(['مغرب', 'مشرق']);
        const a = r.features[0].geometry.coordinates[0][0];
        const b = ref.features[0].geometry.coordinates[0][0];
        for (const p of b) expect(a.some((q) => Math.hypot(q[0] - p[0], q[1] - p[1]) < 1e-7)).toBe(true);
      }
    },
  );
});
