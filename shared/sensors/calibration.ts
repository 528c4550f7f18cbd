/**
 * Calibration of CRESDA products (GF-1/GF-6 WFV, CBERS-04A): DN → top-of-atmosphere radiance
 * L = gain·DN + bias (W·m⁻²·sr⁻¹·µm⁻¹), then → TOA reflectance ρ = π·L·d² / (ESUN·cos θs), with d the
 * Earth–Sun distance of the acquisition date (AU) and θs the solar zenith angle from the product
 * XML. Both steps are linear in DN, so the result is one scale/offset per band, applied like any
 * other band scaling (indices then work on reflectance). Gains come from the package XML when given,
 * else from the published tables in calibration-tables.ts (cited in docs/calibration.md); a sensor
 * or year without published coefficients keeps DN and says so.
 */
import { findCalibration, findEsun } from './calibration-tables';

export interface CalibrationInput {
  satellite: string;
  sensor: string;
  /** ISO acquisition time. */
  datetime: string | null;
  gains: number[] | null;
  biases: number[] | null;
  /** Degrees, from the product XML. */
  solarZenith: number | null;
}

export type CalibratedUnit = 'reflectance' | 'radiance' | 'dn';

export interface Calibration {
  unit: CalibratedUnit;
  bands: { scale: number; offset: number }[];
  notices: string[];
}

/** Day of year (1–366) of an ISO time. */
export function dayOfYear(iso: string): number {
  const t = new Date(iso);
  const start = Date.UTC(t.getUTCFullYear(), 0, 1);
  return Math.floor((t.getTime() - start) / 86400000) + 1;
}

/** Earth–Sun distance in astronomical units: d = 1 − 0.01672·cos(0.9856°·(DOY − 4)). */
export function earthSunDistance(iso: string): number {
  return 1 - 0.01672 * Math.cos((0.9856 * (dayOfYear(iso) - 4) * Math.PI) / 180);
}

/** DN → TOA reflectance as one linear scaling: ρ = (gain·DN + bias)·π·d² / (ESUN·cos θs). */
export function reflectanceScaling(
  gain: number,
  bias: number,
  esun: number,
  d: number,
  zenithDeg: number,
): { scale: number; offset: number } {
  const k = (Math.PI * d * d) / (esun * Math.cos((zenithDeg * Math.PI) / 180));
  return { scale: gain * k, offset: bias * k };
}

function yearOf(iso: string | null): number | null {
  return iso ? new Date(iso).getUTCFullYear() : null;
}

/** Gains/biases for the scene: the XML's, else the published table of that sensor and year. */
function radiometric(
  c: CalibrationInput,
  n: number,
  notices: string[],
): { gain: number; bias: number }[] | null {
  if (c.gains?.length) {
    notices.push('DN converted to radiance with the gains and biases in the product XML.');
    return Array.from({ length: n }, (_, i) => ({ gain: c.gains?.[i] ?? 1, bias: c.biases?.[i] ?? 0 }));
  }
  const year = yearOf(c.datetime);
  const t = findCalibration(c.satellite, c.sensor, year);
  if (!t) return null;
  notices.push(
    `DN converted to radiance with CRESDA's published ${t.label} ${t.year} gains${year !== null && year !== t.year ? ` (this scene is from ${year}; no table for that year is published, so ${t.year}'s is used)` : ''}.`,
  );
  return Array.from({ length: n }, (_, i) => ({ gain: t.gains[i] ?? 1, bias: t.biases?.[i] ?? 0 }));
}

/** The per-band scaling of a CRESDA scene and the notices that say what its values are. */
export function cresdaCalibration(c: CalibrationInput, n: number): Calibration {
  const notices: string[] = [];
  const rad = radiometric(c, n, notices);
  if (!rad) {
    notices.push(
      `Values are raw DN: no calibration gains are published for ${c.satellite} ${c.sensor}${c.datetime ? ` in ${yearOf(c.datetime)}` : ''} and the XML gives none, so index values are approximate.`,
    );
    return { unit: 'dn', bands: Array.from({ length: n }, () => ({ scale: 1, offset: 0 })), notices };
  }
  const esun = findEsun(c.satellite, c.sensor);
  const why = !esun
    ? `no solar irradiance (ESUN) is known for ${c.satellite} ${c.sensor}`
    : c.solarZenith === null || !(c.solarZenith >= 0 && c.solarZenith < 90)
      ? 'the XML gives no usable solar zenith angle'
      : !c.datetime
        ? 'the acquisition date is unknown'
        : null;
  if (why || !esun || c.solarZenith === null || !c.datetime) {
    notices.push(`Values are TOA radiance, not reflectance: ${why}.`);
    return { unit: 'radiance', bands: rad.map((r) => ({ scale: r.gain, offset: r.bias })), notices };
  }
  const d = earthSunDistance(c.datetime);
  const z = c.solarZenith;
  notices.push(
    `Values are TOA reflectance (ESUN of ${c.satellite} ${c.sensor}, Earth–Sun distance ${d.toFixed(4)} AU, solar zenith ${z}°).`,
  );
  return {
    unit: 'reflectance',
    bands: rad.map((r, i) => reflectanceScaling(r.gain, r.bias, esun[i] ?? esun[esun.length - 1], d, z)),
    notices,
  };
}
