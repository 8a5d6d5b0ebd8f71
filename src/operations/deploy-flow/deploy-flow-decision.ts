import { isDeepStrictEqual } from "node:util";

/** What a deploy_flow record asks for: one Flow in its desired state. */
export interface DesiredFlow {
  readonly name: string;
  /** As the record gave them (validated); compared as a set. */
  readonly categories: readonly string[];
  /** Compared only when the record gives one: an absent endpoint_uri leaves the Flow's alone. */
  readonly endpointUri: string | undefined;
  /** The Flow JSON, parsed: compared as data (key order and whitespace do not matter). */
  readonly flowJson: unknown;
  readonly publish: boolean;
}

/** The current Flow asset: its parsed JSON, "none" when it has none, "unreadable" when it could not be read. */
export type CurrentAsset =
  | { readonly kind: "json"; readonly value: unknown }
  | { readonly kind: "none" }
  | { readonly kind: "unreadable"; readonly why: string };

/** The Flow of that name as it is now (GET /{flow_id}, its assets). */
export interface CurrentFlow {
  readonly id: string;
  readonly status: string;
  readonly categories: readonly string[] | undefined;
  readonly endpointUri: string | undefined;
  /** How many validation errors Meta holds against the Flow's current JSON. */
  readonly validationErrors: number;
  readonly asset: CurrentAsset;
}

export type PublishStep = "publish" | "already_published" | "not_requested";

export type DeployDecision =
  | {
      readonly kind: "apply";
      readonly upload: boolean;
      /** The metadata parts to send (POST /{flow_id}); undefined when nothing differs. */
      readonly metadata: { readonly categories?: string; readonly endpoint_uri?: string } | undefined;
      readonly publish: PublishStep;
    }
  | { readonly kind: "refuse"; readonly reason: RefusalReason };

export type RefusalReason =
  /** The Flow is not a draft (published, deprecated, throttled, blocked) and its JSON differs. */
  | "json_differs_not_draft"
  /** The Flow is not a draft and its current JSON could not be read to compare. */
  | "json_unreadable_not_draft"
  /** publish: true for a Flow that was deprecated: it cannot be published again. */
  | "publish_deprecated"
  /** The JSON is what the record wants, but Meta holds validation errors against it. */
  | "remote_validation_errors";

/** Statuses of a Flow that was published (Meta throttles or blocks published Flows only). */
export const PUBLISHED_STATES: ReadonlySet<string> = new Set(["PUBLISHED", "THROTTLED", "BLOCKED"]);

/**
 * What to do with an existing Flow to bring it to the record's state, writing only what differs.
 * Only a DRAFT can take a new JSON: a Flow past DRAFT whose JSON differs is left untouched and
 * the record refused (the caller says: deploy under a new name, or clone it). Publishing happens
 * only when asked and only from DRAFT; a published Flow asked to be published already is.
 */
export function decideDeploy(desired: DesiredFlow, current: CurrentFlow): DeployDecision {
  const draft = current.status === "DRAFT";
  const upload = current.asset.kind !== "json" || !sameFlowJson(current.asset.value, desired.flowJson);
  if (upload && !draft) {
    return {
      kind: "refuse",
      reason: current.asset.kind === "unreadable" ? "json_unreadable_not_draft" : "json_differs_not_draft",
    };
  }
  if (desired.publish && current.status === "DEPRECATED")
    return { kind: "refuse", reason: "publish_deprecated" };
  if (!upload && current.validationErrors > 0) return { kind: "refuse", reason: "remote_validation_errors" };
  const publish: PublishStep = !desired.publish
    ? "not_requested"
    : PUBLISHED_STATES.has(current.status)
      ? "already_published"
      : "publish";
  return { kind: "apply", upload, metadata: metadataChanges(desired, current), publish };
}

/** Flow JSON compared as data: the same object whatever its key order or formatting. */
export function sameFlowJson(current: unknown, desired: unknown): boolean {
  return isDeepStrictEqual(current, desired);
}

function metadataChanges(
  desired: DesiredFlow,
  current: CurrentFlow,
): { categories?: string; endpoint_uri?: string } | undefined {
  const changes: { categories?: string; endpoint_uri?: string } = {};
  if (current.categories === undefined || !sameSet(current.categories, desired.categories)) {
    changes.categories = JSON.stringify(desired.categories);
  }
  if (desired.endpointUri !== undefined && desired.endpointUri !== current.endpointUri) {
    changes.endpoint_uri = desired.endpointUri;
  }
  return Object.keys(changes).length === 0 ? undefined : changes;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((item) => right.has(item));
}
