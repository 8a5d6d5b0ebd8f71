import { ConnectorError } from "../errors/index.js";
import type { GraphErrorSpec } from "./graph-errors.js";

/**
 * Thrown inside a route to answer a Graph error envelope: parameter checks sit deep in helpers,
 * and unwinding to the dispatcher is simpler than threading a result through each of them.
 */
export class GraphErrorReply extends ConnectorError {
  readonly spec: GraphErrorSpec;

  constructor(spec: GraphErrorSpec) {
    super("ERR_EMULATOR_GRAPH_REPLY", "system_error", spec.message);
    this.spec = spec;
  }
}
