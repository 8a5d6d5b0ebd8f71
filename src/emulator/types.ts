import type { FlowJsonValidationError } from "../flow-json/index.js";
import type { FlowRuleSettings, PublishedFlowEdits } from "./flow-rules.js";

export type FlowStatus = "DRAFT" | "PUBLISHED" | "DEPRECATED" | "BLOCKED" | "THROTTLED";

/** Route names: faults and the request log refer to requests by them. */
export type RouteName =
  | "waba"
  | "phone_numbers"
  | "list_flows"
  | "create"
  | "get_flow"
  | "update_metadata"
  | "delete"
  | "update_flow_json"
  | "list_assets"
  | "publish"
  | "deprecate"
  | "send"
  | "phone_number"
  | "list_templates"
  | "create_template"
  | "marketing_send"
  | "unknown";

export interface FlowRecord {
  id: string;
  wabaId: string;
  name: string;
  categories: string[];
  status: FlowStatus;
  flowJson: string | undefined;
  validationErrors: readonly FlowJsonValidationError[];
  jsonVersion: string | undefined;
  dataApiVersion: string | undefined;
  endpointUri: string | undefined;
  applicationId: string | undefined;
  createdAt: number;
  updatedAt: number;
  /** Set by the control API: the health Meta reports for the Flow instead of the one its status implies. */
  health?: FlowHealthSetting;
}

/** A Flow's `health_status` as the control API sets it (Meta's AVAILABLE, LIMITED or BLOCKED). */
export interface FlowHealthSetting {
  readonly canSendMessage: "AVAILABLE" | "LIMITED" | "BLOCKED";
  readonly errorCode?: number;
  readonly errorDescription?: string;
  readonly possibleSolution?: string;
}

/** A flow to have in the store at start and after every reset. */
export interface SeedFlow {
  readonly id?: string;
  readonly name: string;
  readonly categories?: readonly string[];
  readonly status?: FlowStatus;
  readonly flowJson?: string | object;
  readonly endpointUri?: string;
}

export interface FaultRule {
  /** A route name or "*" (default) for every Graph route. */
  readonly route?: RouteName | "*";
  /** HTTP status of the injected error; with `code` the request is answered with that error. */
  readonly status?: number;
  readonly code?: number;
  readonly subcode?: number;
  readonly message?: string;
  readonly type?: string;
  readonly is_transient?: boolean;
  readonly details?: string;
  /** Wait this long before answering (or before resetting). */
  readonly latencyMs?: number;
  /**
   * Answer with this text instead of the route's answer (HTTP `status`, default 200): what a
   * proxy, a captive portal or a wrong base_url answers in the Graph API's place. The route does
   * not run, so nothing is sent or changed.
   */
  readonly body?: string;
  /** The Content-Type of `body` (default "application/json; charset=UTF-8"). */
  readonly contentType?: string;
  /** Destroy the socket before reading the body, or after the request was fully processed. */
  readonly reset?: "before-body" | "after-body";
  /** Share of matching requests hit, 0..1 (default 1). */
  readonly rate?: number;
  /** Hit only the next N matching requests (default: unlimited). */
  readonly times?: number;
  /** Let this many matching requests through first (a template paused mid-campaign). */
  readonly after?: number;
}

export interface RequestLogEntry {
  readonly seq: number;
  readonly time: number;
  readonly method: string;
  readonly path: string;
  readonly route: RouteName | "control";
  status: number;
  flowId?: string;
  name?: string;
  phoneNumberId?: string;
  recipient?: string;
  wamid?: string;
  errorCode?: number;
  /** A template send or create: `name:language`. */
  template?: string;
  fault?: "error" | "reset" | "latency" | "answer";
  /** The request and the answer themselves, when the request log records exchanges (opt-in). */
  exchange?: RequestLogExchange;
}

/** One file part of a multipart request, without its bytes. */
export interface RequestLogFilePart {
  readonly filename: string;
  readonly contentType: string | undefined;
  readonly bytes: number;
}

/**
 * What was asked and answered, for tests that check both against Meta's OpenAPI file. The
 * credential is never kept: only where it came from.
 */
export interface RequestLogExchange {
  /** Query parameters, except `access_token`. */
  readonly query: Readonly<Record<string, string>>;
  readonly credential: "bearer" | "query" | "none";
  readonly contentType: string | undefined;
  readonly userAgent: string | undefined;
  /** The parsed body (JSON, urlencoded or multipart fields); undefined when empty or unreadable. */
  readonly body: unknown;
  readonly bodyKind: "json" | "urlencoded" | "multipart" | "none" | "unreadable";
  readonly files: Readonly<Record<string, RequestLogFilePart>>;
  /** The answer as sent: JSON, or the text of a fault rule's raw `body`. */
  readonly response: unknown;
}

export interface RateLimitOptions {
  /** 130429 when a phone number sends more than this many messages in a 1-second window. */
  messagesPerSecond?: number;
  /** 131056 when one sender→recipient pair gets more than this many messages in a window. */
  pairRatePerWindow?: number;
  /** Length of the pair window (default 6000 ms, about Meta's one message per 6 s a pair). */
  pairWindowMs?: number;
  /**
   * 130429 when a phone number sends faster than its throughput level allows (STANDARD 80,
   * HIGH 1,000 messages per second). Off by default; `messagesPerSecond`, when set, wins.
   */
  throughputByLevel?: boolean;
}

/** Meta's throughput levels of a business phone number (GET /{phone}?fields=throughput). */
export type ThroughputLevel = "STANDARD" | "HIGH";
export type QualityRating = "GREEN" | "YELLOW" | "RED" | "NA";
/** The business portfolio's messaging limit (`whatsapp_business_manager_messaging_limit`). */
export type MessagingLimitTier = "TIER_250" | "TIER_2K" | "TIER_10K" | "TIER_100K" | "TIER_UNLIMITED";

export type TemplateStatus =
  | "PENDING"
  | "APPROVED"
  | "REJECTED"
  | "PAUSED"
  | "DISABLED"
  | "IN_APPEAL"
  | "ARCHIVED";
export type TemplateCategory = "MARKETING" | "UTILITY" | "AUTHENTICATION";

/** A message template to have in the store at start and after every reset. */
export interface SeedTemplate {
  readonly name: string;
  readonly language: string;
  readonly category?: TemplateCategory;
  /** Default APPROVED: a seeded template is one the business already had reviewed. */
  readonly status?: TemplateStatus;
  /** Meta's create shape: `[{type: "BODY", text, example}, {type: "BUTTONS", buttons: [...]}]`. */
  readonly components: readonly object[];
  /** Default POSITIONAL (`{{1}}`); NAMED for `{{first_name}}` placeholders. */
  readonly parameterFormat?: "POSITIONAL" | "NAMED";
}

/** A business phone number's facts, as GET /{phone} shows them. */
export interface PhoneNumberFacts {
  readonly throughputLevel?: ThroughputLevel;
  readonly qualityRating?: QualityRating;
}

export interface EmulatorOptions extends RateLimitOptions {
  /** Default 0 (any free port). */
  readonly port?: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** The Bearer token to accept (default "emulator-token"). */
  readonly token?: string;
  /** Permissions granted to the token (default both whatsapp_business_* permissions). */
  readonly permissions?: readonly string[];
  readonly wabaId?: string;
  readonly wabaName?: string;
  readonly phoneNumberIds?: readonly string[];
  readonly flows?: readonly SeedFlow[];
  readonly faults?: readonly FaultRule[];
  /** Largest accepted request body (default 12 MiB). */
  readonly maxBodyBytes?: number;
  /** Request log entries kept (default 200000); older ones are dropped first. */
  readonly journalLimit?: number;
  /**
   * Also log each request's body and answer (default off; the control API turns it on with
   * POST /__emulator/journal `{"exchanges": true}`), up to this many bytes in all (default 32 MiB).
   */
  readonly journalExchanges?: boolean;
  readonly journalExchangeBytes?: number;
  /** Calls per hour that count as 100% in the usage headers (default 1000000). */
  readonly usageCallsPerHour?: number;
  /** Seed for the fault `rate` draws, so runs repeat (default random). */
  readonly seed?: number;
  readonly templates?: readonly SeedTemplate[];
  /** Created templates start PENDING (Meta reviews them); true approves them at once. */
  readonly autoApproveTemplates?: boolean;
  /**
   * "open" (default): every recipient is inside a customer-service window. "enforced": only
   * recipients whose window the control API opened; other interactive sends answer 131047.
   */
  readonly customerServiceWindow?: "open" | "enforced";
  /** Per phone number id; default STANDARD throughput and GREEN quality. */
  readonly phoneNumbers?: Readonly<Record<string, PhoneNumberFacts>>;
  /** Default TIER_10K. Counts business-initiated template sends to unique recipients per 24 h. */
  readonly messagingLimit?: MessagingLimitTier;
  /**
   * Whether the WABA is onboarded to the Marketing Messages API (default true): when false,
   * POST /{phone}/marketing_messages answers a permission error (403, code 200). Also set by
   * `POST /__emulator/marketing_messages {onboarded}`.
   */
  readonly marketingMessagesOnboarded?: boolean;
  /**
   * An edit of a PUBLISHED Flow: "draft" (default, Meta today) returns it to DRAFT under the same
   * id; "refuse" answers 139001 as Meta used to. Also set by `POST /__emulator/flow-rules`.
   */
  readonly publishedFlowEdits?: PublishedFlowEdits;
  /** Flow JSON versions Meta knows beyond the validator's list (as when Meta ships 7.4). */
  readonly extraFlowJsonVersions?: readonly string[];
}

export interface FlowRow {
  id: string;
  name: string;
  status: FlowStatus;
  categories: string[];
  validation_errors: number;
  json_version: string | null;
  endpoint_uri: string | null;
  updated_at: string;
}

export interface RunningEmulator {
  /** e.g. http://127.0.0.1:PORT (no trailing slash, no version). */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  readonly wabaId: string;
  readonly phoneNumberIds: readonly string[];
  close(): Promise<void>;
  /** Back to the start state: seeded flows, no faults, empty request log and counters. */
  reset(): void;
  /** Replace the active fault rules. */
  setFaults(rules: readonly FaultRule[]): void;
  setRateLimits(limits: RateLimitOptions): void;
  /** Change how the emulator plays Meta's Flow rules (until the next reset). */
  setFlowRules(settings: FlowRuleSettings): void;
  /** The request log, as GET /__emulator/journal lists it: every request in order. */
  journal(): RequestLogEntry[];
  flows(): FlowRow[];
  templates(): TemplateRow[];
}

export interface TemplateRow {
  id: string;
  name: string;
  language: string;
  category: TemplateCategory;
  status: TemplateStatus;
  rejected_reason: string;
  body_parameters: number;
  header_parameters: number;
  flow_buttons: number;
}
