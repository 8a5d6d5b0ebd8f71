import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { collect, parseDockerfile } from "../../support/dockerfile.js";

const { IMAGE_NODE_ENV } = (await import(
  new URL("../../../bench/lib/image-runtime.mjs", import.meta.url).href
)) as {
  IMAGE_NODE_ENV: Record<string, string>;
};

describe("the bench starts the connector with the image's environment", () => {
  it("takes every ENV of the Dockerfile's runtime stage, glibc's malloc settings with V8's", () => {
    const dockerfile = parseDockerfile(readFileSync(new URL("../../../Dockerfile", import.meta.url), "utf8"));
    const runtime = dockerfile.stages.at(-1)!;
    expect(IMAGE_NODE_ENV).toEqual(Object.fromEntries(collect(runtime, "ENV")));
    expect(IMAGE_NODE_ENV).toMatchObject({ MALLOC_ARENA_MAX: "1" });
    expect(IMAGE_NODE_ENV.NODE_OPTIONS).toMatch(/--max-semi-space-size=\d+/);
  });
});
