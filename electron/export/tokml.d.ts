declare module 'tokml' {
  interface TokmlOptions {
    documentName?: string;
    documentDescription?: string;
    name?: string;
    description?: string;
    simplestyle?: boolean;
    timestamp?: string;
  }
  export default function tokml(geojson: unknown, options?: TokmlOptions): string;
}
