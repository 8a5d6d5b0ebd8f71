import { ConfigError, type ConfigLevelCause, TransientError } from "../../errors/index.js";
import {
  accessProblemOf,
  type Classification,
  classificationOf,
  GraphApiError,
  NetworkError,
  RequestTimeoutError,
  ResponseTooLargeError,
  UnexpectedAnswerError,
} from "../../graph/index.js";
import { type GraphPlan, recordLabel, requestLabel } from "../contract/graph-plan.js";
import type { AmbiguousOutcome, RejectedOutcome } from "../contract/operation.js";
import { AmbiguousCallError } from "../errors/ambiguous-call-error.js";
import { GraphRejectedError } from "../errors/graph-rejected-error.js";
import { type CallSubjects, configCauseOf } from "./config-cause.js";
import { attemptsOf } from "./graph-call.js";

/** Which permission the token needs for the call: management for Flows, messaging for sends. */
export type Audience = "management" | "messaging";

const PERMISSION: Record<Audience, string> = {
  management: "whatsapp_business_management",
  messaging: "whatsapp_business_messaging",
};

function graphCodeText(error: GraphApiError): string {
  if (error.graphCode === undefined) return `HTTP ${error.status}`;
  return `Graph error ${error.graphCode}${error.subcode === undefined ? "" : `/${error.subcode}`}`;
}

/**
 * The fatal error for a "config" classification: the token, its permissions or the account must
 * be fixed before any record can go through, so the sync stops with a config_error.
 */
export function configErrorFor(
  error: unknown,
  audience: Audience,
  classification: Classification,
): ConfigError {
  // Already a config error in its own words (an address refused while connecting).
  if (error instanceof ConfigError) return error;
  if (!(error instanceof GraphApiError)) {
    return new ConfigError(`the Graph API call failed: ${classification.reason}`, {
      code: "ERR_GRAPH_CONFIG",
      cause: error,
    });
  }
  const what = graphCodeText(error);
  const problem = accessProblemOf(error);
  if (problem === "token") {
    return new ConfigError(`the access token is invalid or has expired (${what})`, {
      code: "ERR_GRAPH_AUTH",
      hint: "Generate a new System User access token and update access_token",
      cause: error,
    });
  }
  if (problem === "permission") {
    return new ConfigError(`the token lacks the ${PERMISSION[audience]} permission (${what})`, {
      code: "ERR_GRAPH_PERMISSION",
      hint: `Grant ${PERMISSION[audience]} to the System User (and assign it the WhatsApp Business Account), then generate a new token`,
      cause: error,
    });
  }
  return new ConfigError(
    `the Graph API refused ${error.method} ${error.url}: ${classification.reason} (${what})`,
    {
      code: "ERR_GRAPH_ACCOUNT",
      hint: "Fix the account, app or config in Meta Business Manager (or base_url / api_version), then run the sync again",
      cause: error,
    },
  );
}

/**
 * What to change in the config for a call that kept failing. The Graph layer says what happened
 * in its own terms; the config field to turn is named here, where the config is known.
 */
function transientHint(error: unknown): string {
  if (error instanceof RequestTimeoutError) {
    return error.phase === "connect"
      ? "Check that base_url is reachable from the connector, or raise throughput.request_timeout_seconds"
      : "The server is slow or overloaded; raise throughput.request_timeout_seconds or lower throughput.max_concurrency";
  }
  if (error instanceof ResponseTooLargeError) {
    return "No Graph API answer is that large: check base_url (and the advanced endpoint's url)";
  }
  if (error instanceof UnexpectedAnswerError) {
    return "Something other than the Graph API answered (a proxy, or a wrong base_url): check base_url, then run the sync again";
  }
  return "Meta is throttling or unavailable; run the sync again later, or lower messages_per_second / max_concurrency";
}

/** Rate limits and outages that outlasted the client's retry budget stop the sync as transient. */
function transientErrorFor(error: unknown, plan: GraphPlan, reason: string): TransientError {
  const attempts = attemptsOf(error);
  const what =
    error instanceof GraphApiError
      ? ` (${graphCodeText(error)})`
      : error instanceof NetworkError
        ? ` (${error.message})`
        : "";
  return new TransientError(
    `${requestLabel(plan)} still failed after ${attempts} attempt${attempts === 1 ? "" : "s"}: ${reason}${what}`,
    { code: "ERR_GRAPH_UNAVAILABLE", hint: transientHint(error), cause: error },
  );
}

function responseOf(error: unknown): { status: number; body: unknown } | undefined {
  return error instanceof GraphApiError || error instanceof UnexpectedAnswerError
    ? { status: error.status, body: error.body }
    : undefined;
}

/** How an operation reads a failed call beyond its classification. */
export interface FailureReading {
  /** Rewords a rejection's reason (e.g. to name the message template the record sends). */
  readonly reword?: (reason: string, error: unknown) => string;
  /** What the call names: a refusal of that as such is a configuration-level cause (./config-cause.ts). */
  readonly subjects?: CallSubjects;
}

/**
 * Reads a failed call into an outcome: "reject" rejects the record, "ambiguous" (a non-idempotent
 * call that may have been processed) is reported and never repeated; "config" and anything the
 * client already retried to its budget throw, because no further record can do better.
 */
export function failureOutcome(
  plan: GraphPlan,
  error: unknown,
  audience: Audience,
  reading: FailureReading = {},
): RejectedOutcome | AmbiguousOutcome {
  const reword = reading.reword ?? ((reason: string) => reason);
  const classification = classificationOf(error);
  const response = responseOf(error);
  switch (classification.kind) {
    case "config":
      throw configErrorFor(error, audience, classification);
    case "reject":
      return {
        kind: "rejected",
        request: plan.summary,
        ...(response === undefined ? {} : { response }),
        error: rejectionError(
          plan,
          error,
          reword(classification.reason, error),
          reading.subjects === undefined ? undefined : configCauseOf(error, reading.subjects),
        ),
      };
    case "ambiguous":
      return {
        kind: "ambiguous",
        request: plan.summary,
        ...(response === undefined ? {} : { response }),
        error: new AmbiguousCallError(
          recordLabel(plan.context),
          requestLabel(plan),
          ambiguityReason(error),
          error,
        ),
      };
    default:
      throw transientErrorFor(error, plan, classification.reason);
  }
}

function rejectionError(
  plan: GraphPlan,
  error: unknown,
  reason: string,
  configCause: ConfigLevelCause | undefined,
): GraphRejectedError {
  const api = error instanceof GraphApiError ? error : undefined;
  const mask = recipientMask(plan);
  return new GraphRejectedError(recordLabel(plan.context), requestLabel(plan), {
    status: api?.status,
    graphCode: api?.graphCode,
    subcode: api?.subcode,
    graphMessage: mask(api?.graphMessage),
    details: mask(api?.details),
    userTitle: mask(api?.userTitle),
    userMessage: mask(api?.userMessage),
    fbtraceId: api?.fbtraceId,
    reason,
    configCause,
  });
}

/**
 * Meta's text is worth reporting (it names the parameter to fix), but an error about a send may
 * quote the recipient's number: that one piece of personal data is masked, in both its written
 * and its digits-only forms.
 */
function recipientMask(plan: GraphPlan): (text: string | undefined) => string | undefined {
  const lane = plan.request.pacing;
  if (lane.kind !== "send" || lane.recipient.length < 4) return (text) => text;
  const forms = [...new Set([lane.recipient, lane.recipient.replace(/\D/g, "")])].filter(
    (f) => f.length >= 4,
  );
  return (text) =>
    text === undefined ? text : forms.reduce((out, form) => out.split(form).join("<recipient>"), text);
}

function ambiguityReason(error: unknown): string {
  if (error instanceof GraphApiError) return `${graphCodeText(error)} after the request was sent`;
  if (error instanceof UnexpectedAnswerError) return `it was answered ${error.what}`;
  if (error instanceof RequestTimeoutError) return `no complete answer within ${error.timeoutMs} ms`;
  if (error instanceof ResponseTooLargeError) return `the answer was over ${error.limitBytes} bytes`;
  if (error instanceof NetworkError) return "the connection failed after the request may have been sent";
  return "the call was interrupted before its answer arrived";
}
