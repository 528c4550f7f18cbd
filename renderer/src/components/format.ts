/** "26.43500° N, 67.73500° E" (S and W for negative values). */
export function formatLonLat(lon: number, lat: number, digits = 5): string {
  const ns = `${Math.abs(lat).toFixed(digits)}° ${lat < 0 ? 'S' : 'N'}`;
  const ew = `${Math.abs(lon).toFixed(digits)}° ${lon < 0 ? 'W' : 'E'}`;
  return `${ns}, ${ew}`;
}
