import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv, type ErrorObject } from "ajv";
import addFormatsModule from "ajv-formats";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { META_DOWNLOAD_DOMAINS } from "../../src/operations/deploy-flow/deploy-flow-state.js";
import { ROOT } from "../support/cli.js";

/**
 * metadata.yaml and the user guide as Airbyte's metadata service checks them before it publishes a
 * connector: the metadata schema (our own JSON Schema in test/fixtures, written from Airbyte's), the
 * pre-upload validators that need no network (tags, docs page, sync-mode table, version rules), and
 * allowedHosts resolved the way the platform resolves it against a config.
 */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Metadata = { metadataSpecVersion: string; data: Record<string, Json> };

const metadataText = readFileSync(join(ROOT, "metadata.yaml"), "utf8");
const metadata = (): Metadata => parse(metadataText) as Metadata;
const schema = JSON.parse(
  readFileSync(join(ROOT, "test", "fixtures", "airbyte-metadata", "connector-metadata.schema.json"), "utf8"),
) as object;
const ajv = new Ajv({ allErrors: true });
(addFormatsModule as unknown as (ajv: Ajv) => Ajv)(ajv);
const validateMetadata = ajv.compile(schema);

function errorsOf(document: unknown): ErrorObject[] {
  return validateMetadata(document) ? [] : (validateMetadata.errors ?? []);
}

describe("metadata.yaml against Airbyte's metadata schema", () => {
  it("validates", () => {
    expect(errorsOf(metadata())).toEqual([]);
  });

  /** A wrong value at a path of the document (`undefined` deletes the field), and where ajv must say so. */
  const DELETE = undefined;
  const wrong: Array<[string, readonly (string | number)[], Json | undefined, string, string]> = [
    ["an unknown connectorType", ["data", "connectorType"], "dest", "/data/connectorType", "enum"],
    ["an unknown supportLevel", ["data", "supportLevel"], "gold", "/data/supportLevel", "enum"],
    ["an unknown releaseStage", ["data", "releaseStage"], "ga", "/data/releaseStage", "enum"],
    ["an unknown subtype", ["data", "connectorSubtype"], "saas", "/data/connectorSubtype", "enum"],
    ["a definitionId that is no UUID", ["data", "definitionId"], "b904b4c4", "/data/definitionId", "format"],
    ["a missing definitionId", ["data", "definitionId"], DELETE, "/data", "required"],
    ["a missing metadataSpecVersion", ["metadataSpecVersion"], DELETE, "", "required"],
    [
      "a field the schema does not know",
      ["data", "supportsDataActivations"],
      true,
      "/data",
      "additionalProperties",
    ],
    [
      "a flag that is not a boolean",
      ["data", "supportsDataActivation"],
      "yes",
      "/data/supportsDataActivation",
      "type",
    ],
    ["a releaseDate that is no date", ["data", "releaseDate"], "24/11/2026", "/data/releaseDate", "format"],
    [
      "a relative documentationUrl",
      ["data", "documentationUrl"],
      "docs/x.md",
      "/data/documentationUrl",
      "format",
    ],
    [
      "a dockerImageTag that is not semver",
      ["data", "dockerImageTag"],
      "latest",
      "/data/dockerImageTag",
      "pattern",
    ],
    [
      "hosts that are not a list",
      ["data", "allowedHosts", "hosts"],
      "graph.facebook.com",
      "/data/allowedHosts/hosts",
      "type",
    ],
    [
      "an override without enabled",
      ["data", "registryOverrides", "cloud"],
      {},
      "/data/registryOverrides/cloud",
      "required",
    ],
    [
      "an external link of an unknown type",
      ["data", "externalDocumentationUrls", 0, "type"],
      "docs",
      "/data/externalDocumentationUrls/0/type",
      "enum",
    ],
  ];
  it.each(wrong)("refuses %s", (_what, path, value, instancePath, keyword) => {
    const document = metadata() as unknown as Record<string | number, Json>;
    let node: Record<string | number, Json> = document;
    for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>;
    const last = path.at(-1)!;
    if (value === DELETE) delete node[last];
    else node[last] = value;
    const errors = errorsOf(document);
    expect(errors.map((e) => `${e.instancePath} ${e.keyword}`)).toContain(`${instancePath} ${keyword}`);
  });
});

/** The docs page metadata.yaml's documentationUrl names, in this checkout. */
function docsPage(): string {
  const url = String(metadata().data.documentationUrl);
  const path = url.slice(url.indexOf("/blob/main/") + "/blob/main/".length);
  return join(ROOT, path);
}

/** Airbyte's rule for destination docs: the heading, a "| Sync mode |" table, the five standard modes. */
const STANDARD_SYNC_MODES = [
  "Full Refresh - Overwrite",
  "Full Refresh - Append",
  "Full Refresh - Overwrite + Deduped",
  "Incremental Sync - Append",
  "Incremental Sync - Append + Deduped",
];
function syncModeTableProblems(markdown: string): string[] {
  const problems: string[] = [];
  if (!/^#{2,3}\s+Supported sync modes/im.test(markdown))
    problems.push("no '## Supported sync modes' heading");
  if (!/\|\s*Sync mode\s*\|/i.test(markdown)) problems.push("no '| Sync mode | Supported' table");
  for (const mode of STANDARD_SYNC_MODES) {
    if (!markdown.toLowerCase().includes(mode.toLowerCase())) problems.push(`no "${mode}"`);
  }
  return problems;
}

describe("Airbyte's pre-upload validators that need no network", () => {
  const data = metadata().data;

  it("tags are key:value pairs and one names the language", () => {
    const tags = data.tags as string[];
    for (const tag of tags) expect(tag).toContain(":");
    expect(tags.some((tag) => tag.startsWith("language:"))).toBe(true);
  });

  it("the docs page exists", () => {
    expect(existsSync(docsPage())).toBe(true);
  });

  it("a major version has a breaking-change entry; a release candidate has a rollout setting", () => {
    const [major, minor, patch] = String(data.dockerImageTag).split(/[.-]/);
    const releases = (data.releases ?? {}) as Record<string, Record<string, Json>>;
    if (major !== "0" && minor === "0" && patch === "0") {
      expect(Object.keys(releases.breakingChanges ?? {})).toContain(String(data.dockerImageTag));
    }
    const rc = /-rc\.\d+$/.test(String(data.dockerImageTag));
    const rollout = releases.rolloutConfiguration?.enableProgressiveRollout;
    expect(rc ? rollout !== undefined : rollout !== true).toBe(true);
  });

  it("the destination docs have the sync-mode table, each standard mode marked Yes or No", () => {
    const markdown = readFileSync(docsPage(), "utf8");
    expect(syncModeTableProblems(markdown)).toEqual([]);
    for (const mode of STANDARD_SYNC_MODES) {
      const row = new RegExp(
        `^\\|\\s*\\[?${mode.replaceAll("+", "\\+")}\\]?[^|]*\\|\\s*(Yes|No)\\s*\\|`,
        "im",
      );
      expect(markdown, mode).toMatch(row);
    }
  });

  it("the sync-mode rule fails a page without the table or with a mode missing", () => {
    expect(syncModeTableProblems("# X\n\n## Supported sync modes\n\nAppend only.\n")).toContain(
      "no '| Sync mode | Supported' table",
    );
    const partial =
      "## Supported sync modes\n\n| Sync mode | Supported? |\n| :-- | :-- |\n| Full Refresh - Append | Yes |\n";
    expect(syncModeTableProblems(partial)).toEqual(
      expect.arrayContaining(['no "Incremental Sync - Append"', 'no "Full Refresh - Overwrite + Deduped"']),
    );
  });
});

describe("one minimum Airbyte version across the docs", () => {
  const pages = ["README.md", ...readdirSync(join(ROOT, "docs")).map((name) => `docs/${name}`)].filter(
    (page) => page.endsWith(".md"),
  );
  const versionsIn = (text: string): string[] =>
    [...text.matchAll(/\bAirbyte(?: version)? (\d+\.\d+)\b|\bSelf-Managed(?: version)? (\d+\.\d+)\b/g)].map(
      (match) => match[1] ?? match[2]!,
    );

  it("README and the docs name the same one", () => {
    const found = new Map<string, string[]>();
    for (const page of pages) {
      for (const version of versionsIn(readFileSync(join(ROOT, page), "utf8"))) {
        found.set(version, [...(found.get(version) ?? []), page]);
      }
    }
    expect(Object.fromEntries(found)).toEqual({
      "2.0": expect.arrayContaining(["README.md", "docs/whatsapp-flows.md"]),
    });
  });

  it("the check sees a second version", () => {
    expect(new Set(versionsIn("Airbyte 2.0 or later … On Airbyte 1.8 or later")).size).toBe(2);
  });
});

/**
 * allowedHosts as the platform reads it: `${a.b}` takes the config value at a.b (objects only), a
 * value that is a URL gives its host, and an entry left with an unresolved `${` is dropped.
 */
function resolveAllowedHosts(hosts: readonly string[], config: Record<string, Json>): string[] {
  const values = new Map<string, string>();
  const walk = (node: Record<string, Json>, prefix: string): void => {
    for (const [key, value] of Object.entries(node)) {
      const path = prefix === "" ? key : `${prefix}.${key}`;
      if (typeof value === "string" || typeof value === "number") values.set(path, hostOf(String(value)));
      else if (value !== null && typeof value === "object" && !Array.isArray(value)) walk(value, path);
    }
  };
  walk(config, "");
  return hosts
    .map((host) => host.replace(/\$\{([^}]+)\}/g, (whole, path: string) => values.get(path) ?? whole))
    .filter((host) => !host.includes("${"));
}
function hostOf(value: string): string {
  try {
    return new URL(value.includes("://") ? value : `x://${value}`).hostname;
  } catch {
    return value;
  }
}

/** Whether a dotted config path exists in the spec (through nested properties and oneOf options). */
function specHasPath(node: Record<string, unknown>, path: readonly string[]): boolean {
  if (path.length === 0) return true;
  const candidates = [node, ...((node.oneOf as Record<string, unknown>[] | undefined) ?? [])];
  return candidates.some((candidate) => {
    const child = (candidate.properties as Record<string, Record<string, unknown>> | undefined)?.[path[0]!];
    return child !== undefined && specHasPath(child, path.slice(1));
  });
}

describe("allowedHosts", () => {
  const hosts = metadata().data.allowedHosts as { hosts: string[] };
  const spec = JSON.parse(readFileSync(join(ROOT, "spec", "spec.json"), "utf8")) as {
    connectionSpecification: Record<string, unknown>;
  };

  it("names the Graph API and every Meta domain a Flow JSON may be downloaded from, with its hosts", () => {
    expect(hosts.hosts).toContain("graph.facebook.com");
    for (const domain of META_DOWNLOAD_DOMAINS) {
      expect(hosts.hosts).toContain(domain);
      expect(hosts.hosts).toContain(`*.${domain}`);
    }
  });

  it("interpolates only config fields the spec has", () => {
    const paths = hosts.hosts.flatMap((host) => [...host.matchAll(/\$\{([^}]+)\}/g)].map((m) => m[1]!));
    expect(paths).toEqual(
      expect.arrayContaining(["base_url", "response_webhook.url", "object_storage_config.s3_endpoint"]),
    );
    for (const path of paths)
      expect(specHasPath(spec.connectionSpecification, path.split(".")), path).toBe(true);
  });

  it("lists nothing else: every fixed host is the Graph API, a Meta download domain, AWS S3 or STS", () => {
    const meta = new Set(META_DOWNLOAD_DOMAINS.flatMap((domain) => [domain, `*.${domain}`]));
    for (const host of hosts.hosts.filter((h) => !h.includes("${"))) {
      expect(
        host === "graph.facebook.com" ||
          meta.has(host) ||
          /^(s3|sts)\.[a-z0-9-]+\.amazonaws\.com$/.test(host),
        host,
      ).toBe(true);
    }
  });

  it("resolves, for a config with a webhook and an S3-compatible endpoint, to the hosts it calls", () => {
    const resolved = resolveAllowedHosts(hosts.hosts, {
      base_url: "https://graph.facebook.com",
      response_webhook: { mode: "webhook", url: "https://hooks.example.com/wa/responses" },
      object_storage_config: {
        storage_type: "S3",
        s3_bucket_name: "rejects",
        s3_bucket_region: "eu-west-1",
        s3_endpoint: "https://minio.example.com:9000",
      },
    });
    expect(resolved).toEqual(
      expect.arrayContaining([
        "hooks.example.com",
        "minio.example.com",
        "rejects.s3.eu-west-1.amazonaws.com",
        "s3.eu-west-1.amazonaws.com",
        "sts.eu-west-1.amazonaws.com",
      ]),
    );
  });

  it("drops the entries of what a config leaves unset (no webhook, no object storage)", () => {
    const resolved = resolveAllowedHosts(hosts.hosts, {
      base_url: "https://graph.facebook.com",
      response_webhook: { mode: "disabled" },
      object_storage_config: { storage_type: "None" },
    });
    expect(
      resolved.filter(
        (host) => !host.includes("facebook") && !host.includes("whatsapp") && !host.includes("fb"),
      ),
    ).toEqual(["s3.us-east-1.amazonaws.com", "sts.us-east-1.amazonaws.com"]);
  });
});
