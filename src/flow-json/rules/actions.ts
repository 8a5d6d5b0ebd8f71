import { FlowJsonErrorCode as C, SCHEMA_ERROR_TYPE } from "../error-codes.js";
import type { JsonPath } from "../json-path.js";
import type { FlowContext } from "./context.js";

/** complete only on terminal screens, navigate to another existing screen, endpoint prerequisites. */
export function checkActions(ctx: FlowContext): void {
  const { reporter, doc } = ctx;
  const dataExchanges: JsonPath[] = [];
  for (const screen of ctx.screens) {
    const label = screen.id ?? `#${screen.index}`;
    for (const action of screen.actions) {
      if (action.name === "complete" && !screen.terminal) {
        reporter.report(
          C.INVALID_COMPLETE_ACTION,
          `On-click-action 'complete' can only be configured on a terminal screen; screen '${label}' is not terminal.`,
          action.path,
        );
      } else if (action.name === "data_exchange") {
        dataExchanges.push(action.path);
      } else if (action.name === "navigate") {
        const nextPath = [...action.path, "next", "name"];
        if (action.next === undefined) {
          reporter.report(
            C.MISSING_REQUIRED_PROPERTY,
            "Required property 'next' (with the target screen's 'name') is missing in the navigate action.",
            action.path,
            SCHEMA_ERROR_TYPE,
          );
        } else if (action.next === screen.id) {
          reporter.report(
            C.INVALID_NAVIGATE_ACTION_NEXT_SCREEN_NAME,
            `Same screen navigation is not allowed. Loop detected at [${action.next}].`,
            nextPath,
          );
        } else if (!ctx.byId.has(action.next)) {
          reporter.report(
            C.INVALID_NAVIGATE_ACTION_NEXT_SCREEN_NAME,
            `Unknown screen ids found: [${action.next}].`,
            nextPath,
          );
        }
      }
    }
  }
  if (dataExchanges.length > 0 && doc.data_api_version === undefined) {
    reporter.report(
      C.MISSING_REQUIRED_PROPERTY,
      "The property 'data_api_version' is required for data_exchange action (the Flow must use an endpoint).",
      dataExchanges,
      SCHEMA_ERROR_TYPE,
    );
  }
  if (doc.data_api_version !== undefined && doc.routing_model === undefined) {
    reporter.report(
      C.MISSING_REQUIRED_PROPERTY,
      "The property 'routing_model' is required for property 'data_api_version'.",
      ["data_api_version"],
      SCHEMA_ERROR_TYPE,
    );
  }
}
