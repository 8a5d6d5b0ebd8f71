import { z } from "zod";
import { type EndpointConfig, type EndpointOption, templateConst } from "../config/index.js";
import type { Operation } from "./operation.js";
import type { OperationEnv } from "./operation-env.js";
import type { RecordSchema } from "./record-schema.js";

/** The destination sync modes of the Airbyte protocol that an operation can declare. */
export type DestinationSyncMode = "append" | "update" | "soft_delete";

/**
 * Everything about one template, in its own module: the spec's endpoint option, discover's
 * operation, the read-time record check, check's probes and the docs tables all derive from it.
 * The ordered list of definitions is ./definitions.ts.
 */
export interface OperationDefinition {
  /** The template name: `endpoint.template` in streams[], `object_name` with data activation. */
  readonly name: string;
  readonly title: string;
  /** One paragraph: the call it makes and what it reads from a record. */
  readonly description: string;
  /** The spec's endpoint option for this template (its `template` const and options). */
  readonly endpoint: EndpointOption;
  /**
   * The record's fields; undefined for `advanced`, which discover does not offer (it needs a URL).
   * Built on first read: `discover` reads none (its static catalog is built at build time) and
   * `check` and `write` only their streams' (constructing all of them cost every start-up ~5 ms).
   */
  readonly record: RecordSchema | undefined;
  /** Fields a stream's endpoint option can fix for every record (then optional in records). */
  readonly configurable: readonly string[];
  readonly matchingKeys: readonly (readonly string[])[];
  /** Chosen from what the call does: append creates or sends; update / soft_delete act on a Flow. */
  readonly syncModes: readonly [DestinationSyncMode, ...DestinationSyncMode[]];
  /** Sends messages from a Business Phone Number (check verifies configured senders). */
  readonly sends: boolean;
  /** The operation for an endpoint this definition's `endpoint` schema has parsed. */
  compile(env: OperationEnv, endpoint: EndpointConfig, configPath: string): Operation;
}

interface DefinitionInput<T extends string, S extends z.ZodRawShape, P>
  extends Omit<OperationDefinition, "compile" | "endpoint" | "configurable" | "name" | "record"> {
  readonly name: T;
  /** Builds the record schema, once, on the first read of the definition's `record`. */
  readonly record: (() => RecordSchema) | undefined;
  /** The endpoint options a stream of classic streams[] may set (besides `template`). */
  readonly options: S;
  readonly configurable?: readonly string[];
  compile(env: OperationEnv, endpoint: z.output<EndpointOf<T, S>>, configPath: string): Operation<P>;
}

type EndpointOf<T extends string, S extends z.ZodRawShape> = ReturnType<typeof endpointOption<T, S>>;

/**
 * Builds the endpoint option from the name, title, description and options, types `compile` by
 * it, and erases the plan type (a plan only ever goes back to the operation that made it).
 */
export function defineOperation<T extends string, S extends z.ZodRawShape, P>(
  input: DefinitionInput<T, S, P>,
): OperationDefinition {
  const { options, compile, record, ...rest } = input;
  let built: RecordSchema | undefined;
  return {
    ...rest,
    get record() {
      if (record !== undefined) built ??= record();
      return built;
    },
    endpoint: endpointOption(
      input.name,
      input.title,
      input.description,
      options,
    ) as unknown as EndpointOption,
    configurable: input.configurable ?? [],
    compile: (env, endpoint, configPath) =>
      compile(env, endpoint as z.output<EndpointOf<T, S>>, configPath) as unknown as Operation,
  };
}

function endpointOption<T extends string, S extends z.ZodRawShape>(
  name: T,
  title: string,
  description: string,
  shape: S,
) {
  return z.looseObject({ template: templateConst(name, title), ...shape }).meta({ title, description });
}
