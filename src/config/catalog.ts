import { ConfigError } from "../errors/index.js";
import * as z from "../zod.js";
import { formatJsonPath } from "./issue-path.js";
import { readJsonFile } from "./json-file.js";

const configuredCatalogSchema = z.looseObject({
  streams: z.array(
    z.looseObject({
      stream: z.looseObject({
        name: z.string().check(z.minLength(1)),
        namespace: z.nullish(z.string()),
      }),
      sync_mode: z.optional(z.string()),
      destination_sync_mode: z._default(z.string(), "append"),
      // Data activation: the object (operation) the platform mapped this stream onto.
      destination_object_name: z.nullish(z.string().check(z.minLength(1))),
      primary_key: z.nullish(z.array(z.array(z.string()))),
      // Accepted (Airbyte 1.x sends them); no refresh semantics hang on them here, see the docs.
      sync_id: z.nullish(z.number()),
      generation_id: z.nullish(z.number()),
      minimum_generation_id: z.nullish(z.number()),
    }),
  ),
});

export type ConfiguredCatalog = z.output<typeof configuredCatalogSchema>;

export function parseCatalog(raw: unknown, source = "catalog"): ConfiguredCatalog {
  const parsed = configuredCatalogSchema.safeParse(raw);
  if (!parsed.success) {
    const where = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${formatJsonPath(issue.path)}: ${issue.message}`)
      .join("; ");
    throw new ConfigError(`Invalid configured catalog (${source}): ${where}`, {
      code: "ERR_CATALOG_INVALID",
      hint: "Pass a ConfiguredAirbyteCatalog with streams[].stream.name and destination_sync_mode",
    });
  }
  rejectDuplicateStreams(parsed.data, source);
  return parsed.data;
}

/** Two entries for one stream would route its records twice, with two checkpoints: refused. */
function rejectDuplicateStreams(catalog: ConfiguredCatalog, source: string): void {
  const seen = new Set<string>();
  catalog.streams.forEach(({ stream }, index) => {
    // config sits below protocol (where streamKey lives): an injective key is all a Set needs
    const key = JSON.stringify([stream.namespace ?? null, stream.name]);
    if (!seen.has(key)) {
      seen.add(key);
      return;
    }
    const label = stream.namespace ? `${stream.namespace}.${stream.name}` : stream.name;
    throw new ConfigError(
      `Invalid configured catalog (${source}): stream "${label}" is listed more than once (streams[${index}])`,
      {
        code: "ERR_CATALOG_INVALID",
        hint: "List each stream once in the configured catalog",
      },
    );
  });
}

export function loadCatalog(path: string): ConfiguredCatalog {
  return parseCatalog(readJsonFile(path, "catalog"), path);
}
