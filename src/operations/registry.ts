import type { Config, EndpointConfig, ResolvedStream } from "../config/index.js";
import { advancedOperation } from "./advanced.js";
import { createFlowOperation } from "./create-flow.js";
import { deleteFlowOperation } from "./delete-flow.js";
import { deprecateFlowOperation } from "./deprecate-flow.js";
import type { Operation } from "./operation.js";
import { createOperationEnv, type GraphRequester, type OperationEnv } from "./operation-env.js";
import { publishFlowOperation } from "./publish-flow.js";
import { sendFlowMessageOperation } from "./send-flow-message.js";
import { updateFlowJsonOperation } from "./update-flow-json.js";
import { updateFlowMetadataOperation } from "./update-flow-metadata.js";

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

/** One endpoint's operation (erased to `Operation<unknown>`: its plan only ever goes back to it). */
export function compileOperation(env: OperationEnv, endpoint: EndpointConfig, configPath: string): Operation {
  switch (endpoint.template) {
    case "create_flow":
      return erase(createFlowOperation(env));
    case "update_flow_json":
      return erase(updateFlowJsonOperation(env, endpoint));
    case "update_flow_metadata":
      return erase(updateFlowMetadataOperation(env, endpoint));
    case "publish_flow":
      return erase(publishFlowOperation(env, endpoint));
    case "deprecate_flow":
      return erase(deprecateFlowOperation(env, endpoint));
    case "delete_flow":
      return erase(deleteFlowOperation(env, endpoint));
    case "send_published_flow":
    case "send_draft_flow":
      return erase(sendFlowMessageOperation(env, endpoint));
    case "advanced":
      return erase(advancedOperation(env, endpoint, configPath));
  }
}

function erase<P>(operation: Operation<P>): Operation {
  return operation as unknown as Operation;
}
