/**
 * Which links the desktop window may hand to the system browser. Only https pages of the data
 * providers and licences the app cites (attribution, licence texts, download portals); anything else
 * (another scheme, another host, a URL with credentials) is refused, so a link in data or a
 * compromised page cannot launch arbitrary URLs or local programs through shell.openExternal.
 */
export const EXTERNAL_HOSTS: readonly string[] = [
  'www.openstreetmap.org',
  'openstreetmap.org',
  'www.geoboundaries.org',
  'geoboundaries.org',
  'dataspace.copernicus.eu',
  'sentinels.copernicus.eu',
  'earthexplorer.usgs.gov',
  'www.usgs.gov',
  'landsat.gsfc.nasa.gov',
  'www.naturalearthdata.com',
  'creativecommons.org',
  'opendatacommons.org',
  'stacspec.org',
  'gdal.org',
  'www.pbs.gov.pk',
  'suparco.gov.pk',
  'www.ndma.gov.pk',
];

export function isAllowedExternal(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'https:' || u.username || u.password || u.port) return false;
  return EXTERNAL_HOSTS.includes(u.hostname.toLowerCase());
}
