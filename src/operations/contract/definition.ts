import {
  describeConfigIssues,
  type EndpointConfig,
  type EndpointOption,
  templateConst,
} from "../../config/index.js";
import { ConfigError } from "../../errors/index.js";
import * as z from "../../zod.js";
import { withMeta } from "../../zod.js";
import type { Effects } from "./effects.js";
import type { Operation, OperationSteps } from "./operation.js";
import type { OperationEnv } from "./operation-env.js";

/**
 * A record's fields as one zod object: the JSON Schema discover offers and the read-time check
 * both derive from it (the vocabulary that builds them is ../records/record-schema.ts).
 */
export type RecordSchema = z.ZodMiniObject;

/** The destination sync modes of the Airbyte protocol that an operation can declare. */
export type DestinationSyncMode = "append" | "update" | "soft_delete";

/**
 * Everything about one operation, in its own module: the spec's endpoint option, discover's
 * operation, the read-time record check, check's probes and the docs tables all derive from it.
 * The ordered list of definitions is ../catalog/definitions.ts.
 */
export interface OperationDefinition {
  /** The operation's name: `endpoint.template` in streams[], `object_name` with data activation. */
  readonly name: string;
  readonly title: string;
  /** One paragraph: the call it makes and what it reads from a record. */
  readonly description: string;
  /** The spec's endpoint option for this operation (its `template` const and options). */
  readonly endpoint: EndpointOption;
  /**
   * The record's fields; undefined for `advanced`, whose fields are the placeholders of its
   * configured URL, headers and body (discover offers it only as a configured stream's object).
   * Built on first read: `discover` reads none (its static catalog is built at build time) and
   * `check` and `write` only their streams' (building all of them is start-up time every command
   * would pay; bench/README.md, "Figures behind other defaults").
   */
  readonly record: RecordSchema | undefined;
  /** Fields a stream's endpoint option can fix for every record (then optional in records). */
  readonly configurable: readonly string[];
  /**
   * For each configurable option, the record fields a stream that sets it no longer reads: the
   * field of the same name and any alternative to it (a fixed flow_id leaves flow_name unread).
   * The discover object of such a stream leaves them out (../catalog/stream-objects.ts).
   */
  readonly supersedes: Readonly<Record<string, readonly string[]>>;
  readonly matchingKeys: readonly (readonly string[])[];
  /** Chosen from what the call does: append creates or sends; update / soft_delete act on a Flow. */
  readonly syncModes: readonly [DestinationSyncMode, ...DestinationSyncMode[]];
  /**
   * What its calls do (./effects.ts): the ledger, the send pacing and check's sender checks derive
   * from it. A function when the endpoint's options decide (advanced: by its method); it reads the
   * endpoint as `endpoint` has parsed it (defaults applied), so only `compile` calls it.
   */
  readonly effects: Effects | ((endpoint: EndpointConfig) => Effects);
  /** The operation for an endpoint this definition's `endpoint` schema has parsed. */
  compile(env: OperationEnv, endpoint: EndpointConfig, configPath: string): Operation;
}

interface DefinitionInput<T extends string, S extends z.core.$ZodShape, P>
  extends Omit<
    OperationDefinition,
    "compile" | "endpoint" | "configurable" | "supersedes" | "name" | "record" | "effects"
  > {
  readonly name: T;
  /** Builds the record schema, once, on the first read of the definition's `record`. */
  readonly record: (() => RecordSchema) | undefined;
  /** The endpoint options a stream of classic streams[] may set (besides `template`). */
  readonly options: S;
  readonly configurable?: readonly string[];
  /** Record fields besides its own that a fixed option leaves unread (see OperationDefinition). */
  readonly supersedes?: Readonly<Record<string, readonly string[]>>;
  readonly effects: Effects | ((endpoint: z.output<EndpointOf<T, S>>) => Effects);
  compile(env: OperationEnv, endpoint: z.output<EndpointOf<T, S>>, configPath: string): OperationSteps<P>;
}

type EndpointOf<T extends string, S extends z.core.$ZodShape> = ReturnType<typeof endpointOption<T, S>>;

/**
 * Builds the endpoint option from the name, title, description and options, types `compile` by
 * it, and erases the plan type (a plan only ever goes back to the operation that made it).
 */
export function defineOperation<T extends string, S extends z.core.$ZodShape, P>(
  input: DefinitionInput<T, S, P>,
): OperationDefinition {
  const { options, compile, record, supersedes, effects, ...rest } = input;
  const configurable = input.configurable ?? [];
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
    configurable,
    supersedes: Object.fromEntries(
      configurable.map((option) => [option, [option, ...(supersedes?.[option] ?? [])]]),
    ),
    effects: effects as OperationDefinition["effects"],
    compile: (env, endpoint, configPath) => {
      const parsed = endpoint as z.output<EndpointOf<T, S>>;
      const steps = compile(env, parsed, configPath);
      return {
        ...steps,
        effects: typeof effects === "function" ? effects(parsed) : effects,
      } as unknown as Operation;
    },
  };
}

/**
 * The configurable options an endpoint sets (to a non-empty string): fixed for every record of
 * its stream, so its records need not carry them.
 */
export function fixedOptions(
  definition: OperationDefinition,
  endpoint: Readonly<Record<string, unknown>>,
): string[] {
  return definition.configurable.filter((name) => {
    const value = endpoint[name];
    return typeof value === "string" && value !== "";
  });
}

/**
 * An endpoint read by its operation's own option schema, defaults applied; a ConfigError naming
 * `configPath` when it does not parse.
 */
export function parseEndpointWith<S extends z.ZodMiniType>(
  schema: S,
  endpoint: EndpointConfig,
  configPath: string,
): z.output<S> {
  const parsed = schema.safeParse(endpoint);
  if (!parsed.success) {
    throw new ConfigError(`${configPath}: ${describeConfigIssues(parsed.error.issues, endpoint)}`, {
      code: "ERR_CONFIG_INVALID",
    });
  }
  return parsed.data;
}

function endpointOption<T extends string, S extends z.core.$ZodShape>(
  name: T,
  title: string,
  description: string,
  shape: S,
) {
  return withMeta(z.looseObject({ template: templateConst(name, title), ...shape }), { title, description });
}
