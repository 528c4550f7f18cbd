/** Types for the parts of @openeo/js-processgraphs used here (the package ships none). */
declare module '@openeo/js-processgraphs' {
  export class ProcessRegistry {
    constructor(processes?: unknown[]);
  }
  export class JsonSchemaValidator {
    setCollections(collections: string[]): void;
  }
  export class ProcessGraph {
    constructor(process: unknown, registry?: ProcessRegistry | null, validator?: JsonSchemaValidator | null);
    getJsonSchemaValidator(): JsonSchemaValidator;
    validate(throwOnErrors?: boolean): Promise<unknown>;
  }
}
