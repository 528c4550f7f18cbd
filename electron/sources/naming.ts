/**
 * What file names say: band ids, product ids and sensing dates of one-file-per-band deliveries.
 * Landsat: pre-collection LT52240631988227CUB02_B1.TIF (year + day of year), Collection 1/2
 * LC08_L2SP_150040_20220830_20220910_02_T1_SR_B4.TIF. Sentinel-2: T42RUN_20220830T054641_B04_10m.tif,
 * S2A_MSIL2A_…_B02.tif, or any <prefix>_B02.jp2/.tif.
 */

export interface BandFile {
  /** Group key: the product prefix before the band suffix. */
  prefix: string;
  /** Normalised band id: B1…B12, B8A. */
  band: string;
  /** Resolution suffix (metres) of Sentinel-2 L2A files, when given. */
  res: number | null;
  family: 'landsat' | 'sentinel-2' | 'unknown';
  /** SR_/ST_ for Landsat C2 L2 files. */
  kind: 'SR' | 'ST' | null;
}

const LANDSAT_PREFIX =
  /^(L[CEOTM]\d{2}_[A-Z0-9]{4}_\d{6}_\d{8}_\d{8}_\d{2}_[A-Z0-9]{2}|L[CEOTM]\d{14}[A-Z]{3}\d{2})$/i;
const S2_PREFIX = /^(T\d{2}[A-Z]{3}_\d{8}T\d{6}|S2[ABCD]_MSIL[12][AC]_.*|.*_T\d{2}[A-Z]{3}_.*)$/i;

export function parseBandFile(name: string): BandFile | null {
  const m = /^(.*?)_(SR_|ST_)?(B\d{1,2}A?)(?:_(\d{2})m)?\.(tiff?|jp2)$/i.exec(name);
  if (!m) return null;
  const prefix = m[1];
  const raw = m[3].toUpperCase();
  const family = LANDSAT_PREFIX.test(prefix) ? 'landsat' : S2_PREFIX.test(prefix) ? 'sentinel-2' : 'unknown';
  let band = raw;
  if (family === 'sentinel-2' || /^B0\d$|^B8A$/.test(raw)) band = raw.replace(/^B0(\d)$/, 'B$1');
  else band = raw.replace(/^B0(\d)$/, 'B$1');
  return {
    prefix,
    band,
    res: m[4] ? Number(m[4]) : null,
    family: family === 'unknown' && (/^B0\d$|^B8A$/.test(raw) || m[4]) ? 'sentinel-2' : family,
    kind: m[2] ? (m[2].toUpperCase().slice(0, 2) as 'SR' | 'ST') : null,
  };
}

/** Landsat spacecraft number from a product or scene id (LC08… → 8, LT5… → 5). */
export function landsatNumber(prefix: string): number | null {
  const m = /^L[CEOTM](\d{2})_/i.exec(prefix) ?? /^L[CEOTM](\d)\d{13}/i.exec(prefix);
  return m ? Number(m[1]) : null;
}

/** Acquisition date (ISO, midnight UTC) from a file/product name, or null. */
export function dateFromName(name: string): string | null {
  // Sentinel-2 sensing time: 20220830T054641
  let m = /(?:^|_)(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(?:_|$)/.exec(name);
  if (m) return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`;
  // Landsat collection product id: LC08_L2SP_150040_20220830_…
  m = /^L[CEOTM]\d{2}_[A-Z0-9]{4}_\d{6}_(\d{4})(\d{2})(\d{2})_/i.exec(name);
  if (m) return `${m[1]}-${m[2]}-${m[3]}T00:00:00Z`;
  // Landsat pre-collection scene id: LT5 224063 1988 227 …
  m = /^L[CEOTM]\d\d{6}(\d{4})(\d{3})[A-Z]{3}\d{2}/i.exec(name);
  if (m) {
    const t = Date.UTC(Number(m[1]), 0, 1) + (Number(m[2]) - 1) * 86_400_000;
    return new Date(t).toISOString().replace('.000Z', 'Z');
  }
  // CRESDA and generic: _20180826_ or _20180826.
  m = /(?:^|[_-])((?:19|20)\d{2})(\d{2})(\d{2})(?:[_.-]|$)/.exec(name);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12 && Number(m[3]) >= 1 && Number(m[3]) <= 31) {
    return `${m[1]}-${m[2]}-${m[3]}T00:00:00Z`;
  }
  return null;
}

/** Sentinel-2 processing baseline from a product or folder name (…_N0400_…), or null. */
export function s2BaselineFromPath(p: string): string | null {
  const m = /_N(\d{4})_/.exec(p);
  return m ? m[1] : null;
}
