import type { Reporter } from "../reporter.js";
import type { ScreenFacts } from "../screen-facts.js";
import type { FlowJsonValidationOptions } from "../validation-error.js";

/** Everything a rule reads: the parsed document, the facts gathered per screen, the reporter. */
export interface FlowContext {
  readonly doc: Record<string, unknown>;
  readonly version: string | undefined;
  /** versionRank(version): compare with versionRank("7.0"); unknown versions rank as the latest. */
  readonly rank: number;
  readonly screens: readonly ScreenFacts[];
  /** First screen with each id. */
  readonly byId: ReadonlyMap<string, ScreenFacts>;
  readonly reporter: Reporter;
  readonly options: FlowJsonValidationOptions;
}
