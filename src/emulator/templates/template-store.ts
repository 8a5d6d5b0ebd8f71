import type { EmulatorState } from "../state.js";
import type { SeedTemplate, TemplateCategory, TemplateRow, TemplateStatus } from "../types.js";
import { readTemplateComponents, type TemplateFacts } from "./template-shape.js";

export interface TemplateRecord extends TemplateFacts {
  readonly id: string;
  readonly name: string;
  readonly language: string;
  readonly category: TemplateCategory;
  status: TemplateStatus;
  /** Meta's `rejected_reason`: NONE unless the review rejected the template. */
  rejectedReason: string;
}

let counter = 0;
/** Template ids look like Meta's: 15-16 digit numbers, unique within one process. */
function nextTemplateId(): string {
  counter += 1;
  return String(900_000_000_000_000 + counter * 104_729 + Math.floor(Math.random() * 104_729));
}

const key = (name: string, language: string): string => `${name}\u0000${language}`;

/** The message templates of the WABA, unique by (name, language) as Meta keeps them. */
export class TemplateStore {
  private readonly byId = new Map<string, TemplateRecord>();
  private readonly byKey = new Map<string, string>();

  constructor(
    private readonly state: EmulatorState,
    private readonly seed: readonly SeedTemplate[],
  ) {
    this.reset();
  }

  reset(): void {
    this.byId.clear();
    this.byKey.clear();
    for (const s of this.seed) {
      const facts = readTemplateComponents(s.components, this.state, s.parameterFormat);
      this.add(s.name, s.language, s.category ?? "MARKETING", facts, s.status ?? "APPROVED");
    }
  }

  add(
    name: string,
    language: string,
    category: TemplateCategory,
    facts: TemplateFacts,
    status: TemplateStatus,
  ): TemplateRecord {
    const record: TemplateRecord = {
      ...facts,
      id: nextTemplateId(),
      name,
      language,
      category,
      status,
      rejectedReason: "NONE",
    };
    this.byId.set(record.id, record);
    this.byKey.set(key(name, language), record.id);
    return record;
  }

  find(name: string, language: string): TemplateRecord | undefined {
    const id = this.byKey.get(key(name, language));
    return id === undefined ? undefined : this.byId.get(id);
  }

  get(id: string): TemplateRecord | undefined {
    return this.byId.get(id);
  }

  all(): TemplateRecord[] {
    return [...this.byId.values()];
  }

  rows(): TemplateRow[] {
    return this.all().map((t) => ({
      id: t.id,
      name: t.name,
      language: t.language,
      category: t.category,
      status: t.status,
      rejected_reason: t.rejectedReason,
      body_parameters: t.bodyParams,
      header_parameters: t.headerParams,
      flow_buttons: t.buttons.filter((b) => b === "FLOW").length,
    }));
  }
}
