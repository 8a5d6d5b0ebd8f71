import { z } from "zod";
import { ConfigError } from "../errors/index.js";
import { formatJsonPath } from "./issue-path.js";
import { readJsonFile } from "./json-file.js";

export const configuredCatalogSchema = z.looseObject({
  streams: z.array(
    z.looseObject({
      stream: z.looseObject({ name: z.string().min(1), namespace: z.string().nullish() }),
      sync_mode: z.string().optional(),
      destination_sync_mode: z.string().default("append"),
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
  return parsed.data;
}

export function loadCatalog(path: string): ConfiguredCatalog {
  return parseCatalog(readJsonFile(path, "catalog"), path);
}
