// What the other layers use of the config contract.
export { type ConfiguredCatalog, loadCatalog, parseCatalog } from "./catalog.js";
export { readJsonFile } from "./json-file.js";
export { type ConfigParser, describeConfigIssues, loadConfigWith, parseConfigWith } from "./load-config.js";
export * from "./schema/index.js";
export { secretsOf } from "./secrets.js";
export {
  buildSpecification,
  type ConnectorSpecification,
  DOCUMENTATION_URL,
  type Json,
  normalise,
} from "./spec.js";
