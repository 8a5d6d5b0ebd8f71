import { FlowJsonErrorCode as C } from "../error-codes.js";
import { versionRank } from "../versions.js";
import type { FlowContext } from "./context.js";

/** Meta's per-screen limits by component type; Form joins them from Flow JSON 7.0. */
const MAX_PER_SCREEN: Readonly<Record<string, number>> = {
  EmbeddedLink: 2,
  Footer: 1,
  Image: 3,
  OptIn: 5,
  PhotoPicker: 1,
  DocumentPicker: 1,
  NavigationList: 2,
  ImageCarousel: 2,
};
const MAX_COMPONENTS_PER_SCREEN = 50;
const ONE_FORM_PER_SCREEN_SINCE = versionRank("7.0");

/** Footers on terminal screens, per-type and total component limits, unique component names. */
export function checkComponents(ctx: FlowContext): void {
  const { reporter } = ctx;
  for (const screen of ctx.screens) {
    const label = screen.id ?? `#${screen.index}`;
    const footers = screen.counts.get("Footer")?.count ?? 0;
    if (screen.terminal && footers === 0) {
      reporter.report(
        C.MISSING_FOOTER_ON_TERMINAL_SCREEN,
        `Footer component is missing on terminal screen '${label}': add a Footer (usually with the complete action).`,
        [...screen.path, "layout"],
      );
    }
    for (const [type, { count, path }] of screen.counts) {
      const max =
        type === "Form" ? (ctx.rank >= ONE_FORM_PER_SCREEN_SINCE ? 1 : undefined) : MAX_PER_SCREEN[type];
      if (max !== undefined && count > max) {
        reporter.report(
          C.COMPONENT_TYPE_MAX_NUMBER_PER_SCREEN,
          `Maximum number of ${type} allowed per screen is ${max} but found ${count} on screen '${label}'.`,
          path,
        );
      }
    }
    if (screen.total > MAX_COMPONENTS_PER_SCREEN) {
      reporter.report(
        C.MAX_ALLOWED_COMPONENTS_PER_SCREEN,
        `Maximum number of components allowed per screen is ${MAX_COMPONENTS_PER_SCREEN} but found ${screen.total} on screen '${label}': split it into more screens.`,
        [...screen.path, "layout", "children"],
      );
    }
    for (const dup of screen.duplicateNames) {
      reporter.report(
        C.DUPLICATE_FORM_COMPONENT_NAMES,
        `Duplicate name found for Form components: '${dup.name}' on screen '${label}'.`,
        dup.path,
      );
    }
  }
}
