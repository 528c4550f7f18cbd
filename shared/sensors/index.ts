/**
 * Sensor profiles: band names → STAC eo common names, and DN → physical value rules.
 * Sources: ESA Sentinel-2 L1C/L2A product specs (processing baseline 04.00, 25 Jan 2022, added
 * BOA/RADIO_ADD_OFFSET = −1000); USGS Landsat Collection 2 Level-2 Science Product Guide
 * (SR = DN·0.0000275 − 0.2; ST = DN·0.00341802 + 149); CRESDA published GF-6 WFV 2020 absolute
 * calibration gains (docs/calibration.md); CBERS-04A MUX/WFI band lists (INPE/CRESDA).
 */
import type { BandRole, Scene } from '../scene';

export interface SensorBand {
  /** Band id as the provider names it (B04, B5, ...). */
  name: string;
  role: BandRole | null;
  /** µm. */
  center?: number;
  /** Metres. */
  gsd?: number;
}

export interface SensorProfile {
  id: string;
  platform: string;
  sensor: string;
  bands: SensorBand[];
  /** Whether the sensor has a SWIR band (water indices fall back to NDWI when not). */
  hasSwir: boolean;
}

const b = (name: string, role: BandRole | null, center?: number, gsd?: number): SensorBand => ({
  name,
  role,
  ...(center !== undefined ? { center } : {}),
  ...(gsd !== undefined ? { gsd } : {}),
});

const S2_BANDS: SensorBand[] = [
  b('B01', 'coastal', 0.443, 60),
  b('B02', 'blue', 0.49, 10),
  b('B03', 'green', 0.56, 10),
  b('B04', 'red', 0.665, 10),
  b('B05', 'rededge071', 0.704, 20),
  b('B06', 'rededge075', 0.74, 20),
  b('B07', 'rededge078', 0.783, 20),
  b('B08', 'nir', 0.842, 10),
  b('B8A', 'nir08', 0.865, 20),
  b('B09', 'nir09', 0.945, 60),
  b('B10', 'cirrus', 1.375, 60),
  b('B11', 'swir16', 1.61, 20),
  b('B12', 'swir22', 2.19, 20),
];

const OLI_BANDS: SensorBand[] = [
  b('B1', 'coastal', 0.443, 30),
  b('B2', 'blue', 0.482, 30),
  b('B3', 'green', 0.562, 30),
  b('B4', 'red', 0.655, 30),
  b('B5', 'nir', 0.865, 30),
  b('B6', 'swir16', 1.609, 30),
  b('B7', 'swir22', 2.201, 30),
  b('B8', 'pan', 0.59, 15),
  b('B9', 'cirrus', 1.373, 30),
  b('B10', 'lwir11', 10.9, 100),
  b('B11', 'lwir12', 12.0, 100),
];

const TM_BANDS: SensorBand[] = [
  b('B1', 'blue', 0.485, 30),
  b('B2', 'green', 0.56, 30),
  b('B3', 'red', 0.66, 30),
  b('B4', 'nir', 0.83, 30),
  b('B5', 'swir16', 1.65, 30),
  b('B6', 'lwir', 11.45, 120),
  b('B7', 'swir22', 2.215, 30),
];

const ETM_BANDS: SensorBand[] = [
  ...TM_BANDS.map((x) => (x.name === 'B6' ? { ...x, gsd: 60 } : x)),
  b('B8', 'pan', 0.71, 15),
];

const FOUR = (names: string[], gsd: number): SensorBand[] => [
  b(names[0], 'blue', 0.485, gsd),
  b(names[1], 'green', 0.555, gsd),
  b(names[2], 'red', 0.66, gsd),
  b(names[3], 'nir', 0.83, gsd),
];

export const SENSOR_PROFILES: Record<string, SensorProfile> = {
  'sentinel-2': { id: 'sentinel-2', platform: 'sentinel-2', sensor: 'MSI', bands: S2_BANDS, hasSwir: true },
  'landsat-8/9': {
    id: 'landsat-8/9',
    platform: 'landsat-8',
    sensor: 'OLI/TIRS',
    bands: OLI_BANDS,
    hasSwir: true,
  },
  'landsat-5': { id: 'landsat-5', platform: 'landsat-5', sensor: 'TM', bands: TM_BANDS, hasSwir: true },
  'landsat-7': { id: 'landsat-7', platform: 'landsat-7', sensor: 'ETM+', bands: ETM_BANDS, hasSwir: true },
  'gf1-wfv': {
    id: 'gf1-wfv',
    platform: 'GF-1',
    sensor: 'WFV',
    bands: FOUR(['B1', 'B2', 'B3', 'B4'], 16),
    hasSwir: false,
  },
  'gf6-wfv': {
    id: 'gf6-wfv',
    platform: 'GF-6',
    sensor: 'WFV',
    // File band order per docs/bands.md (B7 coastal and B8 yellow come last).
    bands: [
      b('B1', 'blue', 0.485, 16),
      b('B2', 'green', 0.555, 16),
      b('B3', 'red', 0.66, 16),
      b('B4', 'nir', 0.83, 16),
      b('B5', 'rededge071', 0.71, 16),
      b('B6', 'rededge075', 0.75, 16),
      b('B7', 'coastal', 0.425, 16),
      b('B8', 'yellow', 0.61, 16),
    ],
    hasSwir: false,
  },
  'cbers4a-mux': {
    id: 'cbers4a-mux',
    platform: 'CBERS-04A',
    sensor: 'MUX',
    bands: FOUR(['B5', 'B6', 'B7', 'B8'], 16.5),
    hasSwir: false,
  },
  'cbers4a-wfi': {
    id: 'cbers4a-wfi',
    platform: 'CBERS-04A',
    sensor: 'WFI',
    bands: FOUR(['B13', 'B14', 'B15', 'B16'], 55),
    hasSwir: false,
  },
  'zy3-mux': {
    id: 'zy3-mux',
    platform: 'ZY-3',
    sensor: 'MUX',
    bands: FOUR(['B1', 'B2', 'B3', 'B4'], 5.8),
    hasSwir: false,
  },
};

/** GF-6 WFV absolute calibration gains, 2020 (W·m⁻²·sr⁻¹·µm⁻¹ per DN), bias 0; B1–B8 in file order. */
export const GF6_WFV_GAINS_2020 = [0.0675, 0.0552, 0.0513, 0.0314, 0.0519, 0.0454, 0.0718, 0.0596];

/** Picks a profile from a satellite id and sensor id as products spell them (GF1, GF-6, CBERS-04A, ZY3-02…). */
export function findProfile(satellite: string, sensor: string): SensorProfile | null {
  const sat = satellite.toUpperCase().replace(/[\s_]/g, '');
  const sen = sensor.toUpperCase();
  if (/^GF-?1/.test(sat) && sen.startsWith('WFV')) return SENSOR_PROFILES['gf1-wfv'];
  if (/^GF-?6/.test(sat) && sen.startsWith('WFV')) return SENSOR_PROFILES['gf6-wfv'];
  if (/^(CBERS-?0?4A|CB-?0?4A)/.test(sat) && sen.startsWith('MUX')) return SENSOR_PROFILES['cbers4a-mux'];
  if (/^(CBERS-?0?4A|CB-?0?4A)/.test(sat) && sen.startsWith('WFI')) return SENSOR_PROFILES['cbers4a-wfi'];
  if (/^ZY-?3/.test(sat) && (sen.startsWith('MUX') || sen.startsWith('NAD')))
    return SENSOR_PROFILES['zy3-mux'];
  if (/^SENTINEL-?2|^S2[AB]?$/.test(sat)) return SENSOR_PROFILES['sentinel-2'];
  if (/^LANDSAT-?[89]$|^L[CO]0?[89]$/.test(sat)) return SENSOR_PROFILES['landsat-8/9'];
  if (/^LANDSAT-?7$|^LE0?7$/.test(sat)) return SENSOR_PROFILES['landsat-7'];
  if (/^LANDSAT-?[45]$|^LT0?[45]$/.test(sat)) return SENSOR_PROFILES['landsat-5'];
  return null;
}

export function profileBand(profile: SensorProfile, name: string): SensorBand | undefined {
  const n = name.toUpperCase().replace(/^BAND_?/, 'B');
  const norm = (x: string): string => x.replace(/^B0(\d)$/, 'B$1');
  return profile.bands.find((x) => x.name === n || norm(x.name) === norm(n));
}

/** Sentinel-2 processing baseline 04.00 went live on this date (ESA, 25 Jan 2022). */
export const S2_BASELINE_04_DATE = Date.parse('2022-01-25T00:00:00Z');

/**
 * Sentinel-2 L1C/L2A DN → reflectance: DN/10000 before baseline 04.00, (DN − 1000)/10000 from it.
 * The baseline wins when known; otherwise the sensing date decides.
 */
export function sentinel2Scaling(
  datetime: string | null,
  baseline?: string | null,
): { scale: number; offset: number } {
  let after = datetime !== null && Date.parse(datetime) >= S2_BASELINE_04_DATE;
  if (baseline) {
    // "04.00", "4.0", or the product-name form "N0400".
    const raw = baseline.trim().replace(/^N/i, '');
    const v = Number.parseFloat(/^\d{4}$/.test(raw) ? `${raw.slice(0, 2)}.${raw.slice(2)}` : raw);
    if (Number.isFinite(v)) after = v >= 4;
  }
  return { scale: 0.0001, offset: after ? -0.1 : 0 };
}

/** Landsat Collection 2 Level-2 surface reflectance and surface temperature scaling. */
export const LANDSAT_C2_L2_SR = { scale: 0.0000275, offset: -0.2 };
export const LANDSAT_C2_L2_ST = { scale: 0.00341802, offset: 149.0 };

/** A user's per-scene band-role override (band name → role; null = not used), applied on a copy. */
export function applyRoleOverrides(
  scene: Scene,
  overrides: Record<string, BandRole | null> | undefined,
): Scene {
  if (!overrides || Object.keys(overrides).length === 0) return scene;
  let changed = false;
  const bands = scene.bands.map((band) => {
    if (!(band.name in overrides)) return band;
    const role = overrides[band.name];
    if (role === band.role) return band;
    changed = true;
    return { ...band, role };
  });
  if (!changed) return scene;
  return {
    ...scene,
    bands,
    notices: [...scene.notices, 'Band roles were changed by the user for this scene.'],
  };
}
