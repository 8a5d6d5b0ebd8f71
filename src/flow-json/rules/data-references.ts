import { FlowJsonErrorCode as C } from "../error-codes.js";
import type { BindingFact, ScreenFacts } from "../screen-facts.js";
import type { FlowContext } from "./context.js";

/**
 * `${data.x}` must be declared in the screen's data model, `${form.x}` must name a component of
 * the screen, and `${screen.ID.data|form.x}` must point at an existing screen that has it.
 * A Form's `init-values` / `error-messages` bound to undeclared data only warn: Meta accepts
 * such Flows (treble-ai/whatsapp-flows-example binds `${data.init_values}` without declaring it)
 * and its docs do not say whether the endpoint's answer may supply them.
 */
export function checkDataReferences(ctx: FlowContext): void {
  for (const screen of ctx.screens) {
    const label = screen.id ?? `#${screen.index}`;
    for (const binding of screen.bindings) {
      const code = binding.where === "payload" ? C.INVALID_ON_CLICK_ACTION_PAYLOAD : C.INVALID_SCREEN_DATA;
      let target: ScreenFacts | undefined = screen;
      if (binding.screen !== undefined) {
        target = ctx.byId.get(binding.screen);
        if (target === undefined) {
          ctx.reporter.report(
            code,
            `The screen id '${binding.screen}' referenced in the dynamic binding expression '${binding.expression}' does not exist.`,
            binding.path,
          );
          continue;
        }
      }
      const problem = missing(binding, target);
      if (problem === undefined) continue;
      if (binding.where === "form-defaults" && binding.kind === "data") {
        ctx.reporter.warn(
          code,
          `${problem} (used in a Form's defaults on screen '${label}'). Meta accepts this, but the fields start empty unless the data reaches the screen: declare it in the screen's data model.`,
          binding.path,
        );
      } else ctx.reporter.report(code, `${problem} (used on screen '${label}').`, binding.path);
    }
  }
}

function missing(binding: BindingFact, target: ScreenFacts): string | undefined {
  const targetLabel = target.id ?? `#${target.index}`;
  if (binding.kind === "form") {
    return target.formFields.has(binding.field)
      ? undefined
      : `Missing Form component ${binding.expression} for screen '${targetLabel}'`;
  }
  return target.dataKeys?.has(binding.field) === true
    ? undefined
    : `Missing dynamic data '${binding.expression}' in the data model for screen ${targetLabel}`;
}
