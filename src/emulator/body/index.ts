export { multipartBoundary, parseMultipartBody } from "./multipart-body.js";
export { parseBody } from "./parse-body.js";
export type { ParsedBody } from "./parsed-body.js";
export { BodyTooLarge, readBody } from "./read-body.js";
