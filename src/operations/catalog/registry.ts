import type { Config, EndpointConfig } from "../../config/index.js";
import { ConfigError } from "../../errors/index.js";
import { fixedOptions, parseEndpointWith } from "../contract/definition.js";
import type { Operation } from "../contract/operation.js";
import { createOperationEnv, type GraphRequester, type OperationEnv } from "../contract/operation-env.js";
import type { ResolvedStream } from "../contract/resolved-stream.js";
import { compileRecordCheck } from "../records/record-check.js";
import { definitionOf } from "./definitions.js";

export interface OperationDeps {
  /** The sync's GraphClient (or anything with its `request`). */
  readonly client: GraphRequester;
}

/**
 * Compiles the operation of every resolved stream, before the first record is read: templates are
 * compiled and host/header checks run here, so a bad endpoint stops the sync with a ConfigError
 * naming its config path (e.g. `streams[2].endpoint.body_template`). Streams that share one
 * mapping (a `*` entry) share one operation. Keyed by `ResolvedStream.key`.
 */
export function compileOperations(
  config: Config,
  streams: ReadonlyMap<string, ResolvedStream>,
  deps: OperationDeps,
): Map<string, Operation> {
  const env = createOperationEnv(config, deps.client);
  const byMapping = new Map<string, Operation>();
  const operations = new Map<string, Operation>();
  for (const [key, stream] of streams) {
    let operation = byMapping.get(stream.configPath);
    if (operation === undefined) {
      operation = compileOperation(env, stream.endpoint, stream.configPath);
      byMapping.set(stream.configPath, operation);
    }
    operations.set(key, operation);
  }
  return operations;
}

/**
 * One endpoint's operation, its records checked against the definition's record schema before
 * `plan` reads them. The endpoint is parsed by the definition's own option schema, so an endpoint
 * built from the catalog (data activation: just the operation's name) gets the same defaults.
 */
export function compileOperation(env: OperationEnv, endpoint: EndpointConfig, configPath: string): Operation {
  const definition = definitionOf(endpoint.template);
  if (definition === undefined) {
    throw new ConfigError(`${configPath}.template: unknown template "${endpoint.template}"`, {
      code: "ERR_CONFIG_INVALID",
    });
  }
  const parsed = parseEndpointWith(definition.endpoint, endpoint, configPath);
  const fixed = fixedOptions(definition, parsed);
  if (fixed.includes("flow_id") && fixed.includes("flow_name")) {
    throw new ConfigError(`${configPath}: flow_id and flow_name are both set`, {
      code: "ERR_CONFIG_INVALID",
      hint: "Fix the stream's Flow by one of them: clear flow_id or flow_name",
    });
  }
  const operation = definition.compile(env, parsed as EndpointConfig, configPath);
  if (definition.record === undefined) return operation;
  const check = compileRecordCheck(definition.record, fixed);
  return {
    ...operation,
    plan: (record, context) => {
      check(record, context);
      return operation.plan(record, context);
    },
  };
}

/**
 * Runs every operation's `prepare` once (operations shared by streams once), before the first
 * record: what it could not read comes back as notes for the log, and the sync goes on.
 */
export async function prepareOperations(
  operations: Iterable<Operation>,
  signal?: AbortSignal,
): Promise<string[]> {
  const notes: string[] = [];
  for (const operation of new Set(operations)) {
    const note = await operation.prepare?.(signal);
    if (note !== undefined && !notes.includes(note)) notes.push(note);
  }
  return notes;
}
