// What the other layers, tests and scripts use of the placeholder language; each file's other exports stay inside.

export { BodyShapeError } from "./body-shape-error.js";
export { CompiledBodyTemplate, compileBodyTemplate } from "./body-template.js";
export type { PlaceholderUse } from "./chunks.js";
export { CompiledHeaderTemplates, compileHeaderTemplates } from "./header-templates.js";
export { allowsAddress, assertUrlAllowed, HostGuard, trustedHostSet } from "./host-guard.js";
export { HostNotAllowedError } from "./host-not-allowed-error.js";
export { isForbiddenAddress } from "./ip-address.js";
export { MissingPlaceholderFieldError } from "./missing-placeholder-field-error.js";
export type {
  PlaceholderConfigKey,
  PlaceholderConfigValues,
  PlaceholderContext,
} from "./placeholder-context.js";
export { PlaceholderRecordError } from "./placeholder-record-error.js";
export { PlaceholderSyntaxError } from "./placeholder-syntax-error.js";
export { UnsafePlaceholderValueError } from "./unsafe-placeholder-value-error.js";
export { CompiledUrlTemplate, compileUrlTemplate } from "./url-template.js";
