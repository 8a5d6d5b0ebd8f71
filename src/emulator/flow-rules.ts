import { isKnownFlowJsonVersion } from "../flow-json/index.js";

/**
 * What an edit of a PUBLISHED Flow's JSON or metadata does. "draft" is Meta's lifecycle today:
 * the Flow takes the edit and returns to DRAFT under the same id, to be published again. "refuse"
 * is the older rule (139001, only drafts change), kept for clients written against it.
 */
export type PublishedFlowEdits = "draft" | "refuse";
export const PUBLISHED_FLOW_EDITS: readonly PublishedFlowEdits[] = ["draft", "refuse"];

export interface FlowRuleSettings {
  readonly publishedFlowEdits?: PublishedFlowEdits;
  /** Flow JSON versions Meta knows beyond the validator's list, as when Meta ships a new one. */
  readonly extraFlowJsonVersions?: readonly string[];
}

/** The Flow rules of Meta the emulator can play more than one way; reset restores the start ones. */
export class FlowRules {
  publishedFlowEdits: PublishedFlowEdits = "draft";
  private extraVersions = new Set<string>();

  constructor(private readonly initial: FlowRuleSettings = {}) {
    this.reset();
  }

  reset(): void {
    this.publishedFlowEdits = this.initial.publishedFlowEdits ?? "draft";
    this.extraVersions = new Set(this.initial.extraFlowJsonVersions ?? []);
  }

  set(settings: FlowRuleSettings): void {
    if (settings.publishedFlowEdits !== undefined) this.publishedFlowEdits = settings.publishedFlowEdits;
    if (settings.extraFlowJsonVersions !== undefined)
      this.extraVersions = new Set(settings.extraFlowJsonVersions);
  }

  knowsFlowJsonVersion(version: string): boolean {
    return isKnownFlowJsonVersion(version) || this.extraVersions.has(version);
  }

  view(): { published_flow_edits: PublishedFlowEdits; extra_flow_json_versions: string[] } {
    return {
      published_flow_edits: this.publishedFlowEdits,
      extra_flow_json_versions: [...this.extraVersions],
    };
  }
}
