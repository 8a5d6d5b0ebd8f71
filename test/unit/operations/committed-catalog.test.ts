import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { destinationCatalog } from "../../../src/operations/index.js";
import { ROOT } from "../../support/cli.js";

describe("discover's build-time static catalog", () => {
  it("is committed as spec/catalog.json, equal to what the definitions derive (run `npm run spec:update` after a record schema change)", () => {
    const committed = JSON.parse(readFileSync(join(ROOT, "spec", "catalog.json"), "utf8"));
    expect(committed).toEqual(JSON.parse(JSON.stringify(destinationCatalog())));
  });
});
