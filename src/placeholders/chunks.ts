import { encodeJsonValue } from "./encoders.js";
import { MissingPlaceholderFieldError } from "./missing-placeholder-field-error.js";
import { opensPlaceholder, type Placeholder, readPlaceholder } from "./placeholder.js";
import type { PlaceholderContext } from "./placeholder-context.js";

/** Turns a present value into text for one context; throws a PlaceholderRecordError if it cannot. */
export type Encoder = (value: unknown, path: string, field: string) => string;

export interface Slot {
  readonly placeholder: Placeholder;
  readonly encode: Encoder;
}

/**
 * What one placeholder reads, for describing a template's inputs (discover lists an advanced
 * endpoint's record fields from them): its dot path, e.g. `message.flow.id`, and whether it
 * stands for a whole JSON value (a body placeholder outside quotes) or renders as text.
 */
export interface PlaceholderUse {
  readonly path: string;
  readonly jsonValue: boolean;
}

export function usesOf(slots: readonly Slot[]): PlaceholderUse[] {
  return slots.map((slot) => ({ path: slot.placeholder.path, jsonValue: slot.encode === encodeJsonValue }));
}

/**
 * A template compiled to alternating literal text and slots: `literals.length === slots.length + 1`.
 * Rendering is string concatenation plus one getter and one encoder call per slot.
 */
export class Chunks {
  constructor(
    readonly field: string,
    readonly literals: readonly string[],
    readonly slots: readonly Slot[],
  ) {}

  get isConstant(): boolean {
    return this.slots.length === 0;
  }

  render(context: PlaceholderContext): string {
    let out = this.literals[0]!;
    for (let i = 0; i < this.slots.length; i++) {
      const slot = this.slots[i]!;
      const value = slot.placeholder.get(context);
      if (value === undefined) throw new MissingPlaceholderFieldError(this.field, slot.placeholder.path);
      out += slot.encode(value, slot.placeholder.path, this.field) + this.literals[i + 1]!;
    }
    return out;
  }
}

/** Literal text and placeholders of `source[from, to)`; `{{` stands for a literal `{`. */
export interface ScannedText {
  readonly literals: string[];
  readonly placeholders: Placeholder[];
}

export function scanText(source: string, field: string, from = 0, to = source.length): ScannedText {
  const literals: string[] = [];
  const placeholders: Placeholder[] = [];
  let literal = "";
  let runStart = from;
  let i = from;
  while (i < to) {
    if (source.charCodeAt(i) === 123 && source.charCodeAt(i + 1) === 123) {
      literal += `${source.slice(runStart, i)}{`;
      i += 2;
      runStart = i;
    } else if (opensPlaceholder(source, i)) {
      const placeholder = readPlaceholder(source, i, field);
      literals.push(literal + source.slice(runStart, i));
      placeholders.push(placeholder);
      literal = "";
      i = placeholder.end;
      runStart = i;
    } else {
      i++;
    }
  }
  literals.push(literal + source.slice(runStart, to));
  return { literals, placeholders };
}
