// What the other layers, tests and scripts use of the Graph API client; each file's other exports stay inside.
export { accessProblemOf } from "./access-problem.js";
export type { Classification } from "./classification.js";
export { refusedByCode } from "./classification-table.js";
export { classificationOf, classify, classifyGraphError } from "./classify.js";
export { GraphClient } from "./client.js";
// guardedConnector and guardedLookup: the connect-time address guard the S3 client is to share (shared-decisions.md).
export { type AddressPolicy, guardedConnector, guardedLookup, type Resolver } from "./connect-guard.js";
export {
  AddressRefusedError,
  GraphApiError,
  NetworkError,
  parseGraphErrorEnvelope,
  RequestAbortedError,
  RequestTimeoutError,
  ResponseTooLargeError,
  UnexpectedAnswerError,
} from "./errors/index.js";
export { answerHolds, type ExpectedAnswer } from "./expected-answer.js";
export { toNetworkError } from "./network-failure.js";
export { Pacer, RateLane } from "./pacing/index.js";
export { backoffMs, DEFAULT_RETRY, decideRetry, type RetryContext, serverWaitMs } from "./retry-policy.js";
export { Transport } from "./transport.js";
export type {
  GraphBody,
  GraphClientOptions,
  GraphRequest,
  GraphResponse,
  HttpMethod,
  MultipartPart,
  PacingLane,
} from "./types.js";
export {
  parseAppUsage,
  parseBusinessUseCaseUsage,
  parseRetryAfter,
  usageSpacingMs,
} from "./usage-headers.js";
