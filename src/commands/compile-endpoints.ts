import { type Config, checkGuardrailRules } from "../config/index.js";
import {
  compileOperation,
  createOperationEnv,
  type GraphRequester,
  type Operation,
  type ResolvedStream,
} from "../operations/index.js";

/** Every configured endpoint's operation, keyed by its config path (`streams[2].endpoint`). */
export type CompiledEndpoints = ReadonlyMap<string, Operation>;

/**
 * Everything `write` refuses before its first record that needs no catalog and no network:
 * every endpoint of `streams` compiled (templates, placeholders, hosts, reserved headers; the
 * response webhook's header list is parsed by the config schema). `check` and `write` both call this, so check can
 * never answer SUCCEEDED for a config write would refuse; it throws the ConfigError write would.
 * All mappings are compiled, not only the ones the catalog uses: check has no catalog. The
 * guardrail rules that span two config objects are checked here too.
 */
export function compileEndpoints(config: Config, client: GraphRequester): CompiledEndpoints {
  checkGuardrailRules(config);
  const env = createOperationEnv(config, client);
  const compiled = new Map<string, Operation>();
  config.streams.forEach((mapping, i) => {
    const configPath = `streams[${i}].endpoint`;
    compiled.set(configPath, compileOperation(env, mapping.endpoint, configPath));
  });
  return compiled;
}

/**
 * The operation of each catalog stream (streams sharing a `*` mapping share its operation). A
 * stream the catalog maps onto an object (data activation, no `streams` entry) gets its own.
 */
export function operationsOfStreams(
  compiled: CompiledEndpoints,
  streams: ReadonlyMap<string, ResolvedStream>,
  config: Config,
  client: GraphRequester,
): Map<string, Operation> {
  const env = createOperationEnv(config, client);
  const operations = new Map<string, Operation>();
  for (const [key, stream] of streams) {
    const operation =
      compiled.get(stream.configPath) ?? compileOperation(env, stream.endpoint, stream.configPath);
    operations.set(key, operation);
  }
  return operations;
}
