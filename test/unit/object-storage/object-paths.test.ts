import { describe, expect, it } from "vitest";
import {
  ledgerFolder,
  partFileName,
  probeKey,
  rejectsFolder,
} from "../../../src/object-storage/object-paths.js";

describe("object keys as the load-dlq toolkit lays them out", () => {
  it("puts rejects under {bucket_path}/{sync_id}/{namespace}/{stream_name}/", () => {
    expect(rejectsFolder("prefix/", "1234", "crm", "invites")).toBe("prefix/1234/crm/invites/");
  });

  it("leaves out the namespace segment when there is none, and an empty bucket_path", () => {
    expect(rejectsFolder("prefix", "1234", undefined, "invites")).toBe("prefix/1234/invites/");
    expect(rejectsFolder("", "1234", null, "invites")).toBe("1234/invites/");
    expect(rejectsFolder("/a//b/", "7", "", "s")).toBe("a/b/7/s/");
  });

  it("names parts {date}_{timestamp}_{part_number}.jsonl", () => {
    expect(partFileName(new Date("2026-12-01T10:02:03.004Z"), 3)).toBe(
      "2026-12-01_2026-12-01T10:02:03.004Z_3.jsonl",
    );
  });

  it("keeps the ledger and the check probe out of every sync's folder", () => {
    expect(ledgerFolder("prefix/")).toBe("prefix/_whatsapp_flows_send_ledger/");
    expect(probeKey("", "n1")).toBe("_check_test_n1");
  });
});
