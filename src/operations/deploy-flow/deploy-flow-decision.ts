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

/**
 * "republish": the Flow was PUBLISHED and the record changes it; Meta returns an edited published
 * Flow to DRAFT under the same id, so the deploy publishes it again in the same record.
 */
export type PublishStep = "publish" | "republish" | "already_published" | "not_requested";

/** The endpoint option `published_flow_changes`: what deploy_flow may do to a PUBLISHED Flow. */
export const PUBLISHED_FLOW_CHANGES = ["update_in_place", "reject"] as const;
export type PublishedFlowChanges = (typeof PUBLISHED_FLOW_CHANGES)[number];

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
  /** The Flow is deprecated, throttled or blocked (Meta takes no edit then) and its JSON differs. */
  | "json_differs_not_draft"
  /** The Flow is not a draft and its current JSON could not be read to compare. */
  | "json_unreadable_not_draft"
  /** The Flow is PUBLISHED, the record changes it, and the endpoint says `published_flow_changes: reject`. */
  | "published_changes_rejected"
  /** The Flow is PUBLISHED and the record changes it without `publish: true`: it would be left DRAFT. */
  | "published_needs_publish"
  /** Publishing again would fail: the Flow JSON has a data_api_version and the Flow no endpoint_uri. */
  | "published_endpoint_missing"
  /** publish: true for a Flow that was deprecated: it cannot be published again. */
  | "publish_deprecated"
  /** The JSON is what the record wants, but Meta holds validation errors against it. */
  | "remote_validation_errors";

/** Statuses of a Flow that was published (Meta throttles or blocks published Flows only). */
export const PUBLISHED_STATES: ReadonlySet<string> = new Set(["PUBLISHED", "THROTTLED", "BLOCKED"]);

/**
 * What to do with an existing Flow to bring it to the record's state, writing only what differs.
 * A DRAFT takes any change. A PUBLISHED Flow takes one in place (Meta returns it to DRAFT under
 * the same id) only when it will be published again in the same record, since a DRAFT cannot be
 * sent: so the record must say `publish: true`, the endpoint must allow it, and what Meta checks
 * at publish that can be known beforehand (the JSON, validated locally as publishable when
 * `publish: true`; an endpoint_uri for a Flow with a data endpoint) is checked before any write.
 * Deprecated, throttled and blocked Flows take no new JSON: the record is refused (the caller
 * says: deploy under a new name, or clone it).
 */
export function decideDeploy(
  desired: DesiredFlow,
  current: CurrentFlow,
  publishedChanges: PublishedFlowChanges = "update_in_place",
): DeployDecision {
  const draft = current.status === "DRAFT";
  const upload = current.asset.kind !== "json" || !sameFlowJson(current.asset.value, desired.flowJson);
  const metadata = metadataChanges(desired, current);
  if (current.status === "PUBLISHED" && (upload || metadata !== undefined)) {
    const refusal = publishedChangeRefusal(desired, current, publishedChanges);
    if (refusal !== undefined) return { kind: "refuse", reason: refusal };
    return { kind: "apply", upload, metadata, publish: "republish" };
  }
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
  return { kind: "apply", upload, metadata, publish };
}

function publishedChangeRefusal(
  desired: DesiredFlow,
  current: CurrentFlow,
  publishedChanges: PublishedFlowChanges,
): RefusalReason | undefined {
  // Not knowing whether the JSON differs, an edit would take the live Flow down for nothing.
  if (current.asset.kind === "unreadable") return "json_unreadable_not_draft";
  if (publishedChanges === "reject") return "published_changes_rejected";
  if (!desired.publish) return "published_needs_publish";
  if (usesDataEndpoint(desired.flowJson) && (desired.endpointUri ?? current.endpointUri) === undefined) {
    return "published_endpoint_missing";
  }
  return undefined;
}

/** A Flow JSON with a data_api_version talks to an endpoint: Meta publishes it only with an endpoint_uri. */
function usesDataEndpoint(flowJson: unknown): boolean {
  return (
    typeof flowJson === "object" &&
    flowJson !== null &&
    typeof (flowJson as { data_api_version?: unknown }).data_api_version === "string"
  );
}

/** Flow JSON compared as data: the same object whatever its key order or formatting. */
export function sameFlowJson(current: unknown, desired: unknown): boolean {
  return isDeepStrictEqual(current, desired);
}

/** Which parts of the Flow differ from the record's: "Flow JSON", "categories", "endpoint_uri". */
export function differingParts(desired: DesiredFlow, current: CurrentFlow): string[] {
  const parts: string[] = [];
  if (current.asset.kind !== "json" || !sameFlowJson(current.asset.value, desired.flowJson)) {
    parts.push("Flow JSON");
  }
  parts.push(...Object.keys(metadataChanges(desired, current) ?? {}));
  return parts;
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
