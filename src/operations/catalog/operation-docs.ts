import { describeExpected, recordJsonSchema } from "../records/record-schema.js";
import { activationDefinitions } from "./definitions.js";

const DOCS_BEGIN = "<!-- BEGIN GENERATED: operations (npm run docs:update) -->";
const DOCS_END = "<!-- END GENERATED: operations -->";

type Node = { [key: string]: unknown };

/**
 * The per-operation field tables of docs/whatsapp-flows.md, generated from the definitions (the
 * objects data activation offers, and what each operation reads from a record). `npm run
 * docs:update` writes them between DOCS_BEGIN and DOCS_END; a test keeps the file equal.
 */
function renderOperationDocs(): string {
  const out: string[] = [];
  for (const definition of activationDefinitions()) {
    const schema = recordJsonSchema(definition.record!);
    const properties = schema.properties as Record<string, Node>;
    const required = new Set((schema.required as string[] | undefined) ?? []);
    // Single-field matching keys none of which is required: the record gives one of them.
    const alternatives = definition.matchingKeys
      .filter((key) => key.length === 1 && !required.has(key[0]!))
      .map((key) => key[0]!);
    const oneOf = alternatives.length > 1 ? `one of ${alternatives.map((f) => `\`${f}\``).join(", ")}` : "";
    const keys = definition.matchingKeys.map((key) => `\`${key.join(".")}\``).join(", ");
    out.push(
      `##### \`${definition.name}\``,
      "",
      `${definition.title}: ${definition.description}`,
      "",
      `Sync mode: ${definition.syncModes.map((mode) => `\`${mode}\``).join(", ")}. ` +
        (keys === "" ? "No matching key." : `Matching key (the stream's primary key): ${keys}.`),
      "",
    );
    const rows = Object.entries(properties).map(([name, node]) => {
      const fixed =
        definition.configurable.includes(name) && (required.has(name) || alternatives.includes(name))
          ? " (unless the stream's endpoint sets it)"
          : "";
      const needed = required.has(name) ? "yes" : oneOf !== "" && alternatives.includes(name) ? oneOf : "";
      return [
        `\`${name}\``,
        needed === "" ? "no" : `${needed}${fixed}`,
        cell(describeExpected(node as never)),
        cell(String(node.description)),
      ];
    });
    out.push(...table(["Field", "Required", "Expected", "Description"], rows));
    out.push("");
  }
  return out.join("\n");
}

/** A Markdown table, its columns padded as the formatter (biome) writes them. */
function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((text, i) => text.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(header), line(widths.map((width) => `:${"-".repeat(width - 1)}`)), ...rows.map(line)];
}

function cell(text: string): string {
  return text.replaceAll("|", "\\|");
}

/** `document` with its generated region replaced; throws when the markers are missing. */
export function withOperationDocs(document: string): string {
  const begin = document.indexOf(DOCS_BEGIN);
  const end = document.indexOf(DOCS_END);
  if (begin < 0 || end < begin) throw new Error(`the document has no "${DOCS_BEGIN}" … "${DOCS_END}" region`);
  return `${document.slice(0, begin + DOCS_BEGIN.length)}\n\n${renderOperationDocs()}\n${document.slice(end)}`;
}
