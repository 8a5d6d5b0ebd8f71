import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { withOperationDocs } from "../../../src/operations/catalog/operation-docs.js";
import { ROOT } from "../../support/cli.js";

describe("the generated field tables of docs/whatsapp-flows.md", () => {
  it("are what the definitions derive (run `npm run docs:update` after changing a definition)", () => {
    const committed = readFileSync(join(ROOT, "docs", "whatsapp-flows.md"), "utf8");
    expect(committed).toBe(withOperationDocs(committed));
  });

  it("cover every field of every object", () => {
    const committed = readFileSync(join(ROOT, "docs", "whatsapp-flows.md"), "utf8");
    for (const name of ["create_flow", "update_flow_json", "publish_flow", "send_draft_flow"]) {
      expect(committed).toContain(`##### \`${name}\``);
    }
    expect(committed).toMatch(/\| `flow_cta` +\| no +\| a non-empty string \(at most 30 characters\)/);
  });
});
