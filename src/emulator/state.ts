import { validateFlowJson } from "../flow-json/index.js";
import { FlowRules } from "./flow-rules.js";
import type { FlowRecord, FlowRow, SeedFlow } from "./types.js";

/** Flow ids look like Meta's: 16-digit numbers, unique within one emulator run. */
let flowCounter = 0;
function nextFlowId(): string {
  flowCounter += 1;
  return String(1_000_000_000_000_000 + flowCounter * 7919 + Math.floor(Math.random() * 7919));
}

export interface FlowJsonFacts {
  flowJson: string;
  validationErrors: FlowRecord["validationErrors"];
  jsonVersion: string | undefined;
  dataApiVersion: string | undefined;
}

/**
 * What Meta records when a Flow JSON is stored: the text, its errors and versions. Meta refuses a
 * version it does not know; the validator only warns about one newer than it knows, so that
 * refusal is added here from the versions this Meta knows.
 */
export function flowJsonFacts(
  input: string | object,
  knowsVersion: (version: string) => boolean,
): FlowJsonFacts {
  const flowJson = typeof input === "string" ? input : JSON.stringify(input);
  const result = validateFlowJson(flowJson);
  const unknown = result.version !== undefined && result.errors.length === 0 && !knowsVersion(result.version);
  const validationErrors = unknown
    ? [
        {
          error: "INVALID_FLOW_JSON_VERSION",
          error_type: "FLOW_JSON_ERROR",
          message: `Flow JSON version "${result.version}" is not a valid version.`,
          pointers: [{ path: "version" }],
        },
      ]
    : result.errors;
  let dataApiVersion: string | undefined;
  try {
    const doc: unknown = JSON.parse(flowJson);
    const v = (doc as { data_api_version?: unknown } | null)?.data_api_version;
    if (typeof v === "string") dataApiVersion = v;
  } catch {
    // Not JSON: validateFlowJson already reported it.
  }
  return { flowJson, validationErrors, jsonVersion: result.version, dataApiVersion };
}

/** The flows of one WABA, with the name index that keeps names unique. */
export class EmulatorState {
  readonly flows = new Map<string, FlowRecord>();
  private readonly byName = new Map<string, string>();

  constructor(
    readonly wabaId: string,
    readonly wabaName: string,
    readonly phoneNumberIds: readonly string[],
    private readonly seed: readonly SeedFlow[],
    readonly rules: FlowRules = new FlowRules(),
  ) {
    this.reset();
  }

  reset(): void {
    this.flows.clear();
    this.byName.clear();
    this.rules.reset();
    for (const s of this.seed) {
      const flow = this.create(s.name, [...(s.categories ?? ["OTHER"])], s.id);
      if (s.flowJson !== undefined) Object.assign(flow, this.flowJsonFacts(s.flowJson));
      if (s.endpointUri !== undefined) flow.endpointUri = s.endpointUri;
      if (s.status !== undefined) flow.status = s.status;
    }
  }

  /** flowJsonFacts with the Flow JSON versions this Meta knows. */
  flowJsonFacts(input: string | object): FlowJsonFacts {
    return flowJsonFacts(input, (version) => this.rules.knowsFlowJsonVersion(version));
  }

  isPhone(id: string): boolean {
    return this.phoneNumberIds.includes(id);
  }

  flowByName(name: string): FlowRecord | undefined {
    const id = this.byName.get(name);
    return id === undefined ? undefined : this.flows.get(id);
  }

  create(name: string, categories: string[], id: string = nextFlowId()): FlowRecord {
    const now = Date.now();
    const flow: FlowRecord = {
      id,
      wabaId: this.wabaId,
      name,
      categories,
      status: "DRAFT",
      flowJson: undefined,
      validationErrors: [],
      jsonVersion: undefined,
      dataApiVersion: undefined,
      endpointUri: undefined,
      applicationId: undefined,
      createdAt: now,
      updatedAt: now,
    };
    this.flows.set(id, flow);
    this.byName.set(name, id);
    return flow;
  }

  rename(flow: FlowRecord, name: string): void {
    this.byName.delete(flow.name);
    flow.name = name;
    this.byName.set(name, flow.id);
  }

  delete(flow: FlowRecord): void {
    this.flows.delete(flow.id);
    this.byName.delete(flow.name);
  }

  rows(): FlowRow[] {
    return [...this.flows.values()].map((f) => ({
      id: f.id,
      name: f.name,
      status: f.status,
      categories: [...f.categories],
      validation_errors: f.validationErrors.length,
      json_version: f.jsonVersion ?? null,
      endpoint_uri: f.endpointUri ?? null,
      updated_at: new Date(f.updatedAt).toISOString(),
    }));
  }
}
