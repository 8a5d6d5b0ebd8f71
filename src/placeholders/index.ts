// What the other layers, tests and scripts use of the placeholder language; each file's other exports stay inside.
export { CompiledBodyTemplate, compileBodyTemplate } from "./body-template.js";
export type { PlaceholderUse } from "./chunks.js";
export { CompiledHeaderTemplates, compileHeaderTemplates } from "./header-templates.js";
export { allowsAddress, assertUrlAllowed, HostGuard, trustedHostSet } from "./host-guard.js";
export { HostNotAllowedError } from "./host-not-allowed-error.js";
export { isForbiddenAddress } from "./ip-address.js";
export { MissingTemplateFieldError } from "./missing-template-field-error.js";
export { TemplateBodyShapeError } from "./template-body-shape-error.js";
export type { TemplateConfigKey, TemplateConfigValues, TemplateContext } from "./template-context.js";
export { TemplateRecordError } from "./template-record-error.js";
export { TemplateSyntaxError } from "./template-syntax-error.js";
export { UnsafeTemplateValueError } from "./unsafe-template-value-error.js";
export { CompiledUrlTemplate, compileUrlTemplate } from "./url-template.js";
