// Types for shpjs (the package ships none): the parts of its API the boundaries reader uses.
declare module 'shpjs' {
  interface ShapefileFeatureCollection {
    type: 'FeatureCollection';
    fileName?: string;
    features: {
      type: 'Feature';
      properties: Record<string, unknown> | null;
      geometry: { type: string; coordinates: unknown } | null;
    }[];
  }
  type ShapefileInput =
    | ArrayBuffer
    | ArrayBufferView
    | { shp: ArrayBufferView; dbf?: ArrayBufferView; prj?: string; cpg?: string };
  export default function getShapefile(
    input: ShapefileInput,
  ): Promise<ShapefileFeatureCollection | ShapefileFeatureCollection[]>;
}
