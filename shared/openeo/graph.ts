/**
 * A tiny builder for openEO process graphs (API 1.x JSON): nodes with generated ids, references
 * between them, and child graphs for callbacks (reducers, overlap resolvers).
 */

export type Ref = { from_node: string } | { from_parameter: string };
export type Arg = Ref | number | string | boolean | null | Arg[] | { [k: string]: Arg } | ProcessGraphJson;

export interface GraphNode {
  process_id: string;
  arguments: Record<string, Arg>;
  description?: string;
  result?: boolean;
}

export interface ProcessGraphJson {
  process_graph: Record<string, GraphNode>;
}

/** A user-defined process as sent to POST /jobs (`process`) or printed by `openeo graph`. */
export interface OpenEOProcess extends ProcessGraphJson {
  id?: string;
  summary?: string;
  description?: string;
}

export class GraphBuilder {
  readonly nodes: Record<string, GraphNode> = {};
  private readonly counts = new Map<string, number>();

  /** Add a node; its id is the process id plus a counter (ndvi graphs stay readable). */
  add(processId: string, args: Record<string, Arg>, name?: string): { from_node: string } {
    const base = name ?? processId;
    const n = (this.counts.get(base) ?? 0) + 1;
    this.counts.set(base, n);
    const id = n === 1 && name ? name : `${base}${n}`;
    this.nodes[id] = { process_id: processId, arguments: args };
    return { from_node: id };
  }

  /** Mark the result node and return the graph. */
  finish(result: { from_node: string }): ProcessGraphJson {
    this.nodes[result.from_node].result = true;
    return { process_graph: this.nodes };
  }
}

export const param = (name: string): Ref => ({ from_parameter: name });

/** A callback whose body is built by `body` on a fresh builder and whose last node is the result. */
export function callback(body: (g: GraphBuilder) => { from_node: string }): ProcessGraphJson {
  const g = new GraphBuilder();
  return g.finish(body(g));
}

export function isRef(a: unknown): a is Ref {
  return typeof a === 'object' && a !== null && ('from_node' in a || 'from_parameter' in a);
}
