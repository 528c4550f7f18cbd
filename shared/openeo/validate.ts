/**
 * Validation of emitted graphs with @openeo/js-processgraphs: against process specifications (a
 * backend's GET /processes, or the official definitions) for full validation, or structure only
 * (references, result node, callbacks) when no specification is at hand.
 */
import { ProcessGraph, ProcessRegistry } from '@openeo/js-processgraphs';
import { NigahError } from '../errors';
import type { OpenEOProcess, ProcessGraphJson } from './graph';

/** A process specification as published at GET /processes (only the parts used here). */
export interface ProcessSpec {
  id: string;
  parameters?: unknown[];
  returns?: unknown;
  [k: string]: unknown;
}

/** Every process id a graph uses, callbacks included, sorted. */
export function processIds(pg: ProcessGraphJson): string[] {
  const ids = new Set<string>();
  const visit = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.process_graph && typeof o.process_graph === 'object')
        for (const node of Object.values(
          o.process_graph as Record<string, { process_id: string; arguments: unknown }>,
        )) {
          ids.add(node.process_id);
          visit(node.arguments);
        }
      else Object.values(o).forEach(visit);
    }
  };
  visit(pg);
  return [...ids].sort();
}

/** Processes the graph needs that the specification list lacks. */
export function missingProcesses(pg: ProcessGraphJson, specs: ProcessSpec[]): string[] {
  const have = new Set(specs.map((s) => s.id));
  return processIds(pg).filter((id) => !have.has(id));
}

function invalid(e: unknown, backend: string): NigahError {
  const err = e as { code?: string; message?: string };
  return new NigahError(
    'BAD_ARGUMENT',
    `The process graph is not valid for ${backend}: ${err.message ?? String(e)}`,
    {
      hint: 'This is a fault in the graph Nigah built; report it with the graph (openeo graph --json).',
      details: { openeoCode: err.code ?? null },
    },
  );
}

/**
 * Full validation: every process exists in `specs` (refused naming the first missing one) and every
 * argument matches its parameter schema. `collections` (ids) checks load_collection ids too.
 */
export async function validateGraph(
  process: OpenEOProcess,
  specs: ProcessSpec[],
  opts: { backend?: string; collections?: string[] } = {},
): Promise<void> {
  const backend = opts.backend ?? 'the official openEO processes';
  const missing = missingProcesses(process, specs);
  if (missing.length)
    throw new NigahError(
      'BAD_ARGUMENT',
      `${backend} lacks the process${missing.length > 1 ? 'es' : ''} ${missing.join(', ')}, which this analysis needs.`,
      {
        hint: 'Choose another backend, or run the analysis locally in Nigah.',
        details: { missing },
      },
    );
  const pg = new ProcessGraph(structuredClone(process), new ProcessRegistry(specs));
  if (opts.collections) pg.getJsonSchemaValidator().setCollections(opts.collections);
  try {
    await pg.validate(true);
  } catch (e) {
    throw invalid(e, backend);
  }
}

/** Structure only: node references resolve, exactly one result node per graph and callback. */
export async function checkStructure(process: OpenEOProcess): Promise<string[]> {
  const pg = new ProcessGraph(structuredClone(process), null);
  try {
    await pg.validate(true);
  } catch (e) {
    throw invalid(e, 'openEO (structure)');
  }
  return processIds(process);
}
