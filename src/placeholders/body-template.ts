import { scanBodyTemplate } from "./body-scanner.js";
import { BodyShapeError } from "./body-shape-error.js";
import { type Chunks, type PlaceholderUse, usesOf } from "./chunks.js";
import { encodeJsonValue } from "./encoders.js";
import { MissingPlaceholderFieldError } from "./missing-placeholder-field-error.js";
import type { Placeholder } from "./placeholder.js";
import type { PlaceholderConfigKey, PlaceholderContext } from "./placeholder-context.js";

/** The formats whose body is a set of named fields built from a rendered JSON object. */
export type FieldsContentFormat = "multipart/form-data" | "x-www-form-urlencoded";

/** One form field or multipart part: objects, arrays, numbers, booleans and null as JSON text. */
export type BodyField = readonly [name: string, value: string];

export class CompiledBodyTemplate {
  readonly field: string;
  /** The `{config.*}` keys the template uses, to check the config once at load. */
  readonly configKeys: ReadonlySet<PlaceholderConfigKey>;
  /** Every placeholder of the template, in order. */
  readonly uses: readonly PlaceholderUse[];
  readonly #chunks: Chunks;
  /** Set when the whole template is one value placeholder (e.g. `{message.json}`). */
  readonly #whole: Placeholder | undefined;

  constructor(field: string, chunks: Chunks) {
    this.field = field;
    this.#chunks = chunks;
    this.configKeys = new Set(chunks.slots.flatMap((slot) => slot.placeholder.configKey ?? []));
    this.uses = usesOf(chunks.slots);
    const only = chunks.slots[0];
    const bare = chunks.slots.length === 1 && chunks.literals.every((literal) => literal.trim() === "");
    this.#whole = bare && only?.encode === encodeJsonValue ? only.placeholder : undefined;
  }

  /** The body as JSON text, ready to send with content type application/json. */
  renderJson(context: PlaceholderContext): string {
    if (this.#whole !== undefined)
      return encodeJsonValue(this.#value(this.#whole, context), this.#whole.path, this.field);
    return this.#chunks.render(context);
  }

  /** The body as a JS value (the record's own objects when the template is one placeholder: do not mutate). */
  renderValue(context: PlaceholderContext): unknown {
    if (this.#whole !== undefined) return this.#value(this.#whole, context);
    return JSON.parse(this.#chunks.render(context));
  }

  /**
   * The fields of a multipart or urlencoded body: the rendered value must be a JSON object; each
   * top-level key becomes a field, strings as they are and any other value as its JSON text.
   */
  renderFields(context: PlaceholderContext, contentFormat: FieldsContentFormat): BodyField[] {
    const value = this.renderValue(context);
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      const actual = value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`;
      throw new BodyShapeError(this.field, contentFormat, actual);
    }
    const fields: BodyField[] = [];
    for (const [name, item] of Object.entries(value)) {
      if (item === undefined) continue;
      fields.push([name, typeof item === "string" ? item : encodeJsonValue(item, name, this.field)]);
    }
    return fields;
  }

  #value(placeholder: Placeholder, context: PlaceholderContext): unknown {
    const value = placeholder.get(context);
    if (value === undefined) throw new MissingPlaceholderFieldError(this.field, placeholder.path);
    return value;
  }
}

/**
 * Compiles `body_template` (a JSON text with placeholders; default `{message.json}`).
 * Throws PlaceholderSyntaxError naming `field` when it cannot be compiled.
 */
export function compileBodyTemplate(source: string, field: string): CompiledBodyTemplate {
  return new CompiledBodyTemplate(field, scanBodyTemplate(source, field));
}
