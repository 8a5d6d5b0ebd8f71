import type { FlowJsonValidationError } from "../../flow-json/index.js";
import { classificationOf } from "../../graph/index.js";
import type { CallTally } from "../contract/call-tally.js";
import type { GraphPlan } from "../contract/graph-plan.js";
import type { OperationEnv } from "../contract/operation-env.js";
import { FlowJsonRejectedError } from "../errors/flow-json-rejected-error.js";
import { managementRead, type ReadTarget } from "../graph-calls/graph-call.js";
import { configErrorFor } from "../graph-calls/graph-failure.js";
import { remoteValidationRejection } from "../graph-calls/remote-validation.js";
import { isPlainObject } from "../records/record-fields.js";
import type { CurrentAsset, CurrentFlow } from "./deploy-flow-decision.js";

export interface StateRead {
  readonly flow: CurrentFlow;
}

/** Why the state could not be read: the caller rejects the record with it (nothing was written). */
export interface StateFailure {
  readonly error: unknown;
  readonly what: string;
}

const FLOW_FIELDS = "id,name,status,categories,endpoint_uri,validation_errors";

/**
 * An existing Flow as deploy_flow compares it: GET /{flow_id} (status, categories, endpoint_uri,
 * validation_errors), GET /{flow_id}/assets, and the FLOW_JSON asset's download_url. Reads only.
 */
export async function readCurrentFlow(
  env: OperationEnv,
  flowId: string,
  signal: AbortSignal | undefined,
  tally: CallTally,
): Promise<StateRead | StateFailure> {
  const node = await get(env, { path: flowId, query: { fields: FLOW_FIELDS } }, signal, tally);
  if (!node.ok) return { error: node.error, what: `GET ${flowId}` };
  const body = isPlainObject(node.body) ? node.body : {};
  const assets = await get(env, { path: `${flowId}/assets` }, signal, tally);
  let asset: CurrentAsset;
  if (!assets.ok) asset = { kind: "unreadable", why: "its assets could not be listed" };
  else {
    asset = await readFlowJsonAsset(env, assets.body, signal, tally);
  }
  return {
    flow: {
      id: flowId,
      status: typeof body.status === "string" ? body.status : "UNKNOWN",
      categories: stringList(body.categories),
      endpointUri: typeof body.endpoint_uri === "string" ? body.endpoint_uri : undefined,
      validationErrors: Array.isArray(body.validation_errors) ? body.validation_errors.length : 0,
      asset,
    },
  };
}

/** A Flow's status and Meta's validation errors against its current JSON, read after a failed step. */
export interface PublishState {
  readonly status: string;
  readonly validationErrors: readonly FlowJsonValidationError[];
}

/** GET /{flow_id}?fields=id,status,validation_errors; undefined when it cannot be read. */
export async function readPublishState(
  env: OperationEnv,
  plan: GraphPlan,
  flowId: string,
  signal: AbortSignal | undefined,
  tally: CallTally,
): Promise<PublishState | undefined> {
  const result = await managementRead(
    env,
    { path: flowId, query: { fields: "id,status,validation_errors" } },
    signal,
    tally,
  );
  if (!result.ok) return undefined;
  const body = result.response.body;
  if (!isPlainObject(body) || typeof body.status !== "string") return undefined;
  const listed = remoteValidationRejection(plan, result.response, "flow_json")?.error;
  return {
    status: body.status,
    validationErrors: listed instanceof FlowJsonRejectedError ? listed.validationErrors : [],
  };
}

async function readFlowJsonAsset(
  env: OperationEnv,
  list: unknown,
  signal: AbortSignal | undefined,
  tally: CallTally,
): Promise<CurrentAsset> {
  const data = isPlainObject(list) && Array.isArray(list.data) ? list.data : [];
  const entry = data.find((item) => isPlainObject(item) && item.asset_type === "FLOW_JSON");
  if (!isPlainObject(entry)) return { kind: "none" };
  const url = typeof entry.download_url === "string" ? entry.download_url : "";
  if (!isTrustedDownload(env, url)) {
    return { kind: "unreadable", why: "its download_url is not on a Meta host" };
  }
  const download = await get(env, { url }, signal, tally);
  if (!download.ok) return { kind: "unreadable", why: "its download failed" };
  const parsed = parseJson(download.body);
  return parsed === undefined
    ? { kind: "unreadable", why: "it is not JSON" }
    : { kind: "json", value: parsed };
}

/**
 * Meta's domains a Flow JSON download_url may point at (Meta's reference shows
 * scontent.xx.fbcdn.net): the domain itself and any host under it. metadata.yaml's allowedHosts
 * lists each of them, a test holds the two together.
 */
export const META_DOWNLOAD_DOMAINS = [
  "facebook.com",
  "fbsbx.com",
  "fbcdn.net",
  "whatsapp.net",
  "whatsapp.com",
] as const;

/**
 * The token travels with every call of the client, so the asset is fetched only from the Graph
 * host itself (the emulator serves it there) or from Meta's own download hosts over https.
 */
const META_HOSTS = new RegExp(
  `(^|\\.)(${META_DOWNLOAD_DOMAINS.map((domain) => domain.replaceAll(".", "\\.")).join("|")})$`,
);

export function isTrustedDownload(env: OperationEnv, url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.origin === new URL(env.baseUrl).origin) return true;
  return parsed.protocol === "https:" && META_HOSTS.test(parsed.hostname);
}

/** A JSON answer arrives parsed; Meta's CDN answers text (or octet-stream) that holds JSON. */
function parseJson(body: unknown): unknown {
  if (isPlainObject(body)) return body;
  if (typeof body !== "string") return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

function stringList(value: unknown): readonly string[] | undefined {
  return Array.isArray(value) && value.every((item) => typeof item === "string") ? value : undefined;
}

type Read = { readonly ok: true; readonly body: unknown } | { readonly ok: false; readonly error: unknown };

/** One read; a token or permission problem stops the sync like any other call's would. */
async function get(
  env: OperationEnv,
  target: ReadTarget,
  signal: AbortSignal | undefined,
  tally: CallTally,
): Promise<Read> {
  const result = await managementRead(env, target, signal, tally);
  if (result.ok) return { ok: true, body: result.response.body };
  const classification = classificationOf(result.error);
  if (classification.kind === "config") throw configErrorFor(result.error, "management", classification);
  return { ok: false, error: result.error };
}
