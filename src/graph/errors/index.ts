export { AddressRefusedError } from "./address-refused-error.js";
export { GraphApiError } from "./graph-api-error.js";
export { parseGraphErrorEnvelope } from "./graph-envelope.js";
export { NetworkError } from "./network-error.js";
export { RequestAbortedError } from "./request-aborted-error.js";
export { RequestTimeoutError } from "./request-timeout-error.js";
export { ResponseTooLargeError } from "./response-too-large-error.js";
export { UnexpectedAnswerError } from "./unexpected-answer-error.js";
