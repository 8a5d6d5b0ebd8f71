import { FlowJsonErrorCode as C } from "./error-codes.js";
import { LineIndex } from "./locate.js";
import { JsonSyntaxError, parseWithPositions } from "./parse-with-positions.js";
import { Reporter, type SourceMap } from "./reporter.js";
import { checkActions } from "./rules/actions.js";
import { checkComponents } from "./rules/components.js";
import type { FlowContext } from "./rules/context.js";
import { checkDataReferences } from "./rules/data-references.js";
import { checkRoutingModel } from "./rules/routing-model.js";
import { checkScreens } from "./rules/screens.js";
import { checkTopLevel, checkVersion } from "./rules/top-level.js";
import { collectScreenFacts, isObject, type ScreenFacts } from "./screen-facts.js";
import type { FlowJsonValidationOptions, FlowJsonValidationResult } from "./validation-error.js";
import { versionRank } from "./versions.js";

/**
 * Meta's static Flow JSON rules, applied locally before an upload. Text input is parsed once with
 * positions, so every finding carries its JSON path and, for text, its line/column range. Rules
 * only reject what Meta documents as invalid: a flow Meta accepts must pass.
 */
export function validateFlowJson(
  input: string | object,
  options: FlowJsonValidationOptions = {},
): FlowJsonValidationResult {
  let doc: unknown = input;
  let source: SourceMap | undefined;
  if (typeof input === "string") {
    const lines = new LineIndex(input);
    try {
      const parsed = parseWithPositions(input);
      doc = parsed.value;
      source = { root: parsed.root, lines };
    } catch (error) {
      if (!(error instanceof JsonSyntaxError)) throw error;
      const at = lines.position(error.offset);
      const position = {
        line_start: at.line,
        line_end: at.line,
        column_start: at.column,
        column_end: at.column,
      };
      return {
        valid: false,
        errors: [
          {
            error: C.INVALID_FLOW_JSON,
            error_type: "FLOW_JSON_ERROR",
            message: `Flow JSON is not valid JSON: ${error.message} at line ${at.line}, column ${at.column}.`,
            ...position,
            pointers: [{ path: "$", ...position }],
          },
        ],
        warnings: [],
      };
    }
  }
  const reporter = new Reporter(source);
  if (!isObject(doc)) {
    reporter.report(C.INVALID_FLOW_JSON, "Flow JSON must be a JSON object with 'version' and 'screens'.", []);
    return { valid: false, errors: reporter.errors, warnings: reporter.warnings };
  }
  const version = checkVersion(doc, reporter, options);
  checkTopLevel(doc, version, reporter);
  const screens: ScreenFacts[] = [];
  const byId = new Map<string, ScreenFacts>();
  if (Array.isArray(doc.screens)) {
    doc.screens.forEach((node, i) => {
      if (!isObject(node)) return;
      const facts = collectScreenFacts(node, i);
      screens.push(facts);
      if (facts.id !== undefined && !byId.has(facts.id)) byId.set(facts.id, facts);
    });
  }
  const ctx: FlowContext = { doc, version, rank: versionRank(version), screens, byId, reporter, options };
  checkScreens(ctx);
  checkComponents(ctx);
  checkActions(ctx);
  checkRoutingModel(ctx);
  checkDataReferences(ctx);
  const { errors, warnings } = reporter;
  // The raw version is kept even when unknown, so callers can show what the Flow declared.
  const declared = version ?? (typeof doc.version === "string" ? doc.version : undefined);
  return declared === undefined
    ? { valid: errors.length === 0, errors, warnings }
    : { valid: errors.length === 0, errors, warnings, version: declared };
}
