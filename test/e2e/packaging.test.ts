import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { isAbsolute, join, posix } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { CLI, ROOT } from "../support/cli.js";
import { collect, lastArgs, parseDockerfile, runs, type Stage } from "../support/dockerfile.js";
import { assertProtocolLines } from "../support/protocol-schema.js";

/**
 * The image is checked by reading (no Docker here), then its exact entrypoint command line is run
 * against this checkout's build output: the image's node becomes process.execPath and /app/ this
 * checkout, so what Airbyte would execute is what the test executes.
 */
const run = promisify(execFile);
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  version: string;
  repository: { url: string };
};
const dockerfile = parseDockerfile(readFileSync(join(ROOT, "Dockerfile"), "utf8"));
const metadata = parse(readFileSync(join(ROOT, "metadata.yaml"), "utf8")) as {
  metadataSpecVersion: unknown;
  data: Record<string, unknown>;
};
const data = metadata.data;
const runtime = dockerfile.stages.at(-1)!;
const env = collect(runtime, "ENV");
const labels = collect(runtime, "LABEL");
const entrypoint = JSON.parse(lastArgs(runtime, "ENTRYPOINT") ?? "null") as unknown;
const IMAGE_APP = "/app";

interface Copy {
  readonly from: string | undefined;
  readonly sources: readonly string[];
  /** Absolute destination, resolved against the WORKDIR in force. */
  readonly dest: string;
}

function copies(stage: Stage): Copy[] {
  let workdir = "/";
  const out: Copy[] = [];
  for (const { keyword, args } of stage.instructions) {
    if (keyword === "WORKDIR") workdir = posix.resolve(workdir, args);
    if (keyword !== "COPY") continue;
    const words = args.split(/\s+/);
    const from = words.find((w) => w.startsWith("--from="))?.slice("--from=".length);
    const paths = words.filter((w) => !w.startsWith("--"));
    out.push({ from, sources: paths.slice(0, -1), dest: posix.resolve(workdir, paths.at(-1)!) });
  }
  return out;
}

function stageNamed(name: string | undefined): Stage | undefined {
  return dockerfile.stages.find((s) => s.name === name);
}

/** Where a file the runtime stage copies in comes from, e.g. "/app/dist" → the stage that built it. */
function providerOf(dest: string): Copy | undefined {
  return copies(runtime).find((c) => c.dest === dest);
}

describe("Dockerfile", () => {
  it("is multi-stage on one Node LTS base pinned to an exact release (the one the tests run on)", () => {
    expect(dockerfile.stages.length).toBeGreaterThanOrEqual(2);
    const images = new Set(dockerfile.stages.map((stage) => stage.image));
    expect([...images]).toHaveLength(1);
    for (const image of images) expect(image).toMatch(/^node:(22|24)\.\d+\.\d+(-[a-z0-9]+)*$/);
  });

  it("builds with npm ci and npm run build in a build stage", () => {
    const dist = providerOf(`${IMAGE_APP}/dist`);
    expect(dist?.from, "the runtime stage copies /app/dist from a build stage").toBeDefined();
    const build = stageNamed(dist!.from);
    expect(build).toBeDefined();
    expect(runs(build!).some((r) => /\bnpm ci\b/.test(r))).toBe(true);
    expect(runs(build!).some((r) => /\bnpm run build\b/.test(r))).toBe(true);
    // Only the bundle (main.js and its chunks) is carried over, not tsc's per-file modules.
    expect(dist!.sources).toEqual([`${IMAGE_APP}/bundle`]);
    expect(runs(build!).some((r) => /cp -R dist\/main\.js .*dist\/chunks bundle\//.test(r))).toBe(true);
  });

  it("ships no node_modules: the bundle carries zod and undici", () => {
    for (const command of runs(runtime)) expect(/\bnpm (ci|install|i)\b/.test(command), command).toBe(false);
    expect(
      providerOf(`${IMAGE_APP}/node_modules`),
      "node_modules copied into the runtime stage",
    ).toBeUndefined();
    // dist/ is ESM: the package.json beside it ("type": "module") must ship too.
    expect(providerOf(`${IMAGE_APP}/package.json`)).toBeDefined();
    expect(env.get("NODE_ENV")).toBe("production");
  });

  it("ships spec/spec.json beside dist/: `spec` answers from it", () => {
    expect(providerOf(`${IMAGE_APP}/spec`)?.sources).toEqual(["spec"]);
  });

  it("runs as the unprivileged airbyte user in a writable /airbyte", () => {
    expect(lastArgs(runtime, "USER")).toMatch(/^airbyte(:airbyte)?$/);
    expect(lastArgs(runtime, "WORKDIR")).toBe("/airbyte");
    expect(runs(runtime).some((r) => /chown\s+(\S+\s+)?airbyte(:airbyte)?\s+\/airbyte\b/.test(r))).toBe(true);
  });

  it("declares AIRBYTE_ENTRYPOINT equal to the exec-form ENTRYPOINT, with absolute paths", () => {
    expect(Array.isArray(entrypoint)).toBe(true);
    const argv = entrypoint as string[];
    expect(argv.length).toBeGreaterThanOrEqual(2);
    for (const part of argv) expect(posix.isAbsolute(part), part).toBe(true);
    expect(env.get("AIRBYTE_ENTRYPOINT")).toBe(argv.join(" "));
    expect(argv[0]).toBe("/usr/local/bin/node");
    expect(argv[1]).toBe(`${IMAGE_APP}/dist/main.js`);
  });

  it("sets V8's memory settings for write in NODE_OPTIONS, which V8 takes when it starts", async () => {
    const options = env.get("NODE_OPTIONS")?.split(" ") ?? [];
    expect(options).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^--max-semi-space-size=\d+$/),
        expect.stringMatching(/^--max-old-space-size=\d+$/),
      ]),
    );
    // Node refuses an option it does not allow there (a renamed flag would not go unnoticed)
    const { stdout } = await run(process.execPath, ["-e", "process.stdout.write('ok')"], {
      env: { ...process.env, NODE_OPTIONS: options.join(" ") },
    });
    expect(stdout).toBe("ok");
  });

  it("gives glibc's malloc one arena, so what V8's background compiles used does not stay resident", () => {
    expect(env.get("MALLOC_ARENA_MAX")).toBe("1");
  });

  it("labels the image with the name and version metadata.yaml and package.json declare", () => {
    expect(labels.get("io.airbyte.name")).toBe(data.dockerRepository);
    expect(labels.get("io.airbyte.name")).toBe(`airbyte/${String(data.githubIssueLabel)}`);
    expect(labels.get("io.airbyte.version")).toBe(data.dockerImageTag);
    expect(labels.get("io.airbyte.version")).toBe(pkg.version);
  });
});

/** The entrypoint as this checkout runs it: image paths mapped onto the build output. */
function localArgv(): { command: string; args: string[] } {
  const [node, ...rest] = entrypoint as string[];
  expect(node).toBe("/usr/local/bin/node");
  const args = rest.map((part) =>
    part.startsWith(`${IMAGE_APP}/`) ? join(ROOT, part.slice(IMAGE_APP.length + 1)) : part,
  );
  expect(args[0]).toBe(CLI);
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  return { command: process.execPath, args };
}

async function runEntrypoint(...extra: string[]): Promise<string[]> {
  const { command, args } = localArgv();
  const { stdout } = await run(command, [...args, ...extra], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "production" },
    timeout: 60_000,
  });
  const lines = stdout.split("\n").filter((line, i, all) => !(i === all.length - 1 && line === ""));
  assertProtocolLines(lines);
  return lines;
}

const specPath = join(ROOT, "spec", "spec.json");

async function committedSpec(): Promise<unknown> {
  if (existsSync(specPath)) return JSON.parse(readFileSync(specPath, "utf8")) as unknown;
  const module = (await import(join(ROOT, "dist", "operations", "index.js"))) as {
    connectorSpecification(): unknown;
  };
  return module.connectorSpecification();
}

describe("the image entrypoint", () => {
  it("answers `spec` with exactly one SPEC message equal to spec/spec.json", async () => {
    const lines = await runEntrypoint("spec");
    expect(lines).toHaveLength(1);
    const message = JSON.parse(lines[0]!) as { type: string; spec: { documentationUrl: string } };
    expect(message.type).toBe("SPEC");
    expect(message.spec).toEqual(await committedSpec());
    expect(data.documentationUrl).toBe(message.spec.documentationUrl);
  });

  it("answers `check` with the invalid sample config as FAILED (the acceptance test's expectation)", async () => {
    const lines = await runEntrypoint(
      "check",
      "--config",
      join(ROOT, "integration_tests", "invalid_config.json"),
    );
    expect(lines).toHaveLength(1);
    const message = JSON.parse(lines[0]!) as { type: string; connectionStatus: { status: string } };
    expect(message.type).toBe("CONNECTION_STATUS");
    expect(message.connectionStatus.status).toBe("FAILED");
  });
});

describe("metadata.yaml", () => {
  it("has every field Airbyte's metadata schema requires, with the connector's values", () => {
    expect(metadata.metadataSpecVersion).toBe("1.0");
    for (const field of [
      "name",
      "definitionId",
      "connectorType",
      "dockerRepository",
      "dockerImageTag",
      "license",
      "documentationUrl",
      "githubIssueLabel",
      "connectorSubtype",
      "releaseStage",
    ]) {
      expect(data[field], field).toBeTypeOf("string");
    }
    expect(data.definitionId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(data.connectorType).toBe("destination");
    expect(data.connectorSubtype).toBe("api");
    expect(data.dockerRepository).toBe("airbyte/destination-whatsapp-flows");
    expect(data.license).toBe("MIT");
    expect(data.tags).toContain("language:typescript");
    expect(existsSync(join(ROOT, String(data.icon)))).toBe(true);
  });

  it("allows the host of the spec's default base_url", async () => {
    const spec = (await committedSpec()) as {
      connectionSpecification: { properties: { base_url: { default: string } } };
    };
    const host = new URL(spec.connectionSpecification.properties.base_url.default).hostname;
    expect((data.allowedHosts as { hosts: string[] }).hosts).toContain(host);
  });

  it("is a data activation destination, claiming no Cloud listing a custom connector cannot have", () => {
    expect(data.supportsDataActivation).toBe(true);
    const overrides = data.registryOverrides as Record<string, { enabled: boolean }>;
    expect(overrides.cloud?.enabled).toBe(false);
    expect(overrides.oss?.enabled).toBe(true);
  });

  it("documents itself at this repository's own docs page, the one the spec names", () => {
    const repository = pkg.repository.url.replace(/\.git$/, "");
    const url = String(data.documentationUrl);
    expect(url.startsWith(`${repository}/blob/main/`), url).toBe(true);
    expect(existsSync(join(ROOT, url.slice(`${repository}/blob/main/`.length))), url).toBe(true);
  });

  it("links Meta's own Flows documentation, typed as Airbyte's taxonomy allows", () => {
    const links = data.externalDocumentationUrls as Array<{ title: string; url: string; type?: string }>;
    const types = new Set([
      "api_release_history",
      "api_reference",
      "api_deprecations",
      "authentication_guide",
      "permissions_scopes",
      "rate_limits",
      "status_page",
      "data_model_reference",
      "migration_guide",
      "developer_community",
      "other",
    ]);
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) {
      expect(link.title, link.url).toMatch(/\S/);
      expect(new URL(link.url).protocol).toBe("https:");
      if (link.type !== undefined) expect(types.has(link.type), link.type).toBe(true);
    }
    expect(links.some((l) => l.url.startsWith("https://developers.facebook.com/docs/whatsapp/flows"))).toBe(
      true,
    );
  });

  it("points the acceptance tests at this image and these files", () => {
    const cat = parse(
      readFileSync(join(ROOT, "integration_tests", "acceptance-test-config.yml"), "utf8"),
    ) as {
      connector_image: string;
      acceptance_tests: {
        spec: { tests: Array<{ spec_path: string }> };
        connection: { tests: Array<{ config_path: string; status: string }> };
      };
    };
    expect(cat.connector_image).toBe(`${String(data.dockerRepository)}:dev`);
    expect(cat.acceptance_tests.spec.tests.map((t) => t.spec_path)).toEqual(["spec/spec.json"]);
    const statuses = cat.acceptance_tests.connection.tests.map((t) => t.status).sort();
    expect(statuses).toEqual(["failed", "succeed"]);
    for (const test of cat.acceptance_tests.connection.tests) {
      expect(isAbsolute(test.config_path)).toBe(false);
      expect(existsSync(join(ROOT, test.config_path)), test.config_path).toBe(true);
    }
  });
});
