import { FlowJsonErrorCode as C, SCHEMA_ERROR_TYPE } from "../error-codes.js";
import { isObject } from "../screen-facts.js";
import { versionRank } from "../versions.js";
import type { FlowContext } from "./context.js";

/** Before 7.0 Meta's screen id pattern is letters, commas and underscores; from 7.0 letters and underscores, not only underscores. */
const ID_BEFORE_7 = /^[A-Za-z,_]+$/;
const ID_FROM_7 = /^(?!_+$)[A-Za-z_]+$/;
const RESERVED_IDS: ReadonlySet<string> = new Set(["SUCCESS"]);
const ID_PATTERN_CHANGED = versionRank("7.0");

/** Screen ids, layout presence, terminal screens and `success`. */
export function checkScreens(ctx: FlowContext): void {
  const { reporter } = ctx;
  const pattern = ctx.rank >= ID_PATTERN_CHANGED ? ID_FROM_7 : ID_BEFORE_7;
  const seen = new Set<string>();
  for (const screen of ctx.screens) {
    const { node, path, id } = screen;
    if (node.id === undefined) {
      reporter.report(
        C.MISSING_REQUIRED_PROPERTY,
        "Required property 'id' is missing.",
        path,
        SCHEMA_ERROR_TYPE,
      );
    } else if (id === undefined) {
      reporter.report(
        C.INVALID_PROPERTY_TYPE,
        "Expected property 'id' to be of type 'string'.",
        [...path, "id"],
        SCHEMA_ERROR_TYPE,
      );
    } else if (RESERVED_IDS.has(id)) {
      reporter.report(
        C.SCREEN_ID_IS_RESERVED_KEYWORD,
        `Screen id cannot be '${id}' since it is a reserved keyword.`,
        [...path, "id"],
      );
    } else if (!pattern.test(id)) {
      reporter.report(
        C.PATTERN_MISMATCH,
        `Screen id '${id}' should only consist of alphabets and underscores.`,
        [...path, "id"],
        SCHEMA_ERROR_TYPE,
      );
    }
    if (id !== undefined) {
      if (seen.has(id))
        reporter.report(C.DUPLICATE_SCREEN_IDS, `Duplicate screen id found: '${id}'.`, [...path, "id"]);
      seen.add(id);
    }
    const layout = node.layout;
    if (!isObject(layout)) {
      reporter.report(
        layout === undefined ? C.MISSING_REQUIRED_PROPERTY : C.INVALID_PROPERTY_TYPE,
        layout === undefined
          ? "Required property 'layout' is missing."
          : "Expected property 'layout' to be an object.",
        layout === undefined ? path : [...path, "layout"],
        SCHEMA_ERROR_TYPE,
      );
    } else if (!Array.isArray(layout.children)) {
      reporter.report(
        C.MISSING_REQUIRED_PROPERTY,
        "Required property 'children' is missing in the layout.",
        [...path, "layout"],
        SCHEMA_ERROR_TYPE,
      );
    }
    if (node.success !== undefined && !screen.terminal) {
      reporter.report(
        C.NOT_KEYWORD_SCHEMA_VALIDATION_FAILED,
        "Property 'success' can only be specified on a terminal screen.",
        [...path, "success"],
        SCHEMA_ERROR_TYPE,
      );
    }
  }
  const terminals = ctx.screens.filter((s) => s.terminal);
  if (ctx.screens.length > 0 && terminals.length === 0) {
    reporter.report(
      C.MISSING_TERMINAL_SCREEN,
      'Terminal screen is required but not provided: set "terminal": true on the last screen.',
      ["screens"],
    );
  }
  if (terminals.length > 0 && terminals.every((s) => s.node.success === false)) {
    reporter.report(
      C.INVALID_PROPERTY_VALUE,
      "At least one terminal screen must have property 'success' set as true.",
      terminals.map((s) => [...s.path, "success"]),
      SCHEMA_ERROR_TYPE,
    );
  }
}
