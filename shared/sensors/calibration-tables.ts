/**
 * Published calibration coefficients of CRESDA sensors, each with its source and year
 * (docs/calibration.md). Gains are W·m⁻²·sr⁻¹·µm⁻¹ per DN (L = gain·DN + bias), in file band order.
 * ESUN (W·m⁻²·µm⁻¹) is a property of a sensor's spectral response, not of a year.
 */
import { GF6_WFV_GAINS_2020 } from './index';

export interface CalibrationTable {
  /** Satellite/sensor as people write it. */
  label: string;
  year: number;
  gains: number[];
  biases?: number[];
}

/** Absolute calibration gains by sensor key, one entry per published year. */
const GAINS: Record<string, CalibrationTable[]> = {
  // CRESDA, absolute radiometric calibration coefficients of domestic land-observation satellites,
  // 2017 (updated); biases 0. docs/calibration.md.
  'GF1-WFV1': [{ label: 'GF-1 WFV1', year: 2017, gains: [0.2165, 0.1685, 0.1354, 0.1507] }],
  'GF1-WFV2': [{ label: 'GF-1 WFV2', year: 2017, gains: [0.2097, 0.163, 0.1339, 0.1521] }],
  'GF1-WFV3': [{ label: 'GF-1 WFV3', year: 2017, gains: [0.187, 0.1619, 0.1295, 0.1383] }],
  'GF1-WFV4': [{ label: 'GF-1 WFV4', year: 2017, gains: [0.177, 0.1521, 0.1322, 0.1349] }],
  // CRESDA, GF-6 WFV absolute radiometric calibration coefficients, 2020 (bias 0); docs/calibration.md.
  'GF6-WFV': [{ label: 'GF-6 WFV', year: 2020, gains: GF6_WFV_GAINS_2020 }],
};

/**
 * Band-averaged exoatmospheric solar irradiance of the four GF-1 WFV cameras (B1–B4), per camera,
 * as given in Terradue Stars' Gaofen metadata extractor (docs/calibration.md).
 */
const ESUN: Record<string, number[]> = {
  'GF1-WFV1': [1978.77, 1816.156, 1548.074, 1064.252],
  'GF1-WFV2': [1978.77, 1816.156, 1546.325, 1075.322],
  'GF1-WFV3': [1979.535, 1808.804, 1524.958, 1069.152],
  'GF1-WFV4': [1997.109, 1810.212, 1524.561, 1054.761],
};

/** 'GF1-WFV1', 'GF6-WFV', 'CB04A-MUX' … from the satellite and sensor ids products use. */
export function sensorKey(satellite: string, sensor: string): string {
  const sat = satellite.toUpperCase().replace(/[\s_-]/g, '');
  const sen = sensor.toUpperCase().replace(/[\s_-]/g, '');
  const s = /^GF0?1/.test(sat)
    ? 'GF1'
    : /^GF0?6/.test(sat)
      ? 'GF6'
      : /^(CBERS0?4A|CB0?4A)/.test(sat)
        ? 'CB04A'
        : sat;
  const n = s === 'GF6' && sen.startsWith('WFV') ? 'WFV' : sen;
  return `${s}-${n}`;
}

/** The table of the scene's year, else the latest published one before it, else the earliest. */
export function findCalibration(
  satellite: string,
  sensor: string,
  year: number | null,
): CalibrationTable | null {
  const tables = GAINS[sensorKey(satellite, sensor)];
  if (!tables?.length) return null;
  const sorted = [...tables].sort((a, b) => a.year - b.year);
  if (year === null) return sorted[sorted.length - 1];
  return [...sorted].reverse().find((t) => t.year <= year) ?? sorted[0];
}

export function findEsun(satellite: string, sensor: string): number[] | null {
  return ESUN[sensorKey(satellite, sensor)] ?? null;
}
