export * from "./json-body.js";
export * from "./multipart-body.js";
export * from "./parse-body.js";
export * from "./parsed-body.js";
export * from "./read-body.js";
export * from "./urlencoded-body.js";
