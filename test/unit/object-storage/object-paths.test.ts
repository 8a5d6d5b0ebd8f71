import { describe, expect, it } from "vitest";
import {
  checkKeyRoom,
  encodeKeySegment,
  ledgerFolder,
  MAX_KEY_BYTES,
  MAX_SEGMENT_BYTES,
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

describe("stream and namespace names in keys stay inside {bucket_path}/ and under S3's key limit", () => {
  it("leaves ordinary names as they are", () => {
    expect(encodeKeySegment("invites")).toBe("invites");
    expect(encodeKeySegment("Clientes São Paulo_2024.v2")).toBe("Clientes São Paulo_2024.v2");
    expect(encodeKeySegment("...")).toBe("...");
  });

  it("encodes separators, `.` and `..`, control and bidi characters, so that no name climbs out of its folder", () => {
    expect(encodeKeySegment("..")).toBe("%2E%2E");
    expect(encodeKeySegment(".")).toBe("%2E");
    expect(encodeKeySegment("../../other-bucket")).toBe("..%2F..%2Fother-bucket");
    expect(encodeKeySegment("a\\b")).toBe("a%5Cb");
    expect(encodeKeySegment("line\nbreak\u0000\u007f\u0085")).toBe("line%0Abreak%00%7F%C2%85");
    expect(encodeKeySegment("abc\u202edef")).toBe("abc%E2%80%AEdef");
    expect(encodeKeySegment("100%~")).toBe("100%25%7E");
    expect(encodeKeySegment("lone\ud800")).toBe("lone%uD800");
    const folder = rejectsFolder("dlq", "4002", "..", "../../../other-bucket/x");
    expect(folder).toBe("dlq/4002/%2E%2E/..%2F..%2F..%2Fother-bucket%2Fx/");
    expect(folder.split("/").slice(0, -1)).not.toContain("..");
  });

  it("keeps encoded names apart: two different names never share a folder", () => {
    const names = ["a/b", "a%2Fb", "a~b", "..", "%2E%2E", "a\ud800", "a\ufffd"];
    expect(new Set(names.map((n) => encodeKeySegment(n))).size).toBe(names.length);
  });

  it("cuts a long name at a character boundary and ends it with a stable hash of the whole name", () => {
    const long = "é".repeat(600);
    const encoded = encodeKeySegment(long);
    expect(Buffer.byteLength(encoded)).toBeLessThanOrEqual(MAX_SEGMENT_BYTES);
    expect(encoded).toMatch(/^(é)+~[0-9a-f]{12}$/);
    expect(encodeKeySegment(long)).toBe(encoded);
    expect(encodeKeySegment(`${long}x`)).not.toBe(encoded);
    // An escape is never cut in half.
    expect(encodeKeySegment("/".repeat(400))).toMatch(/^(%2F)+~[0-9a-f]{12}$/);
  });

  it("builds keys within 1,024 bytes for 1,100-character names, and refuses a bucket_path that leaves no room", () => {
    const name = "n".repeat(1_100);
    const folder = rejectsFolder("airbyte/rejects", "4002", name, name);
    const key = `${folder}${partFileName(new Date("2026-12-01T10:02:03.004Z"), 123_456)}`;
    expect(Buffer.byteLength(key)).toBeLessThanOrEqual(MAX_KEY_BYTES);
    expect(key.startsWith("airbyte/rejects/4002/")).toBe(true);
    // A long bucket_path leaves the names less room, never the key more.
    const under = rejectsFolder("p".repeat(600), "4002", name, name);
    expect(Buffer.byteLength(`${under}${partFileName(new Date(), 123_456)}`)).toBeLessThanOrEqual(
      MAX_KEY_BYTES,
    );
    expect(() => checkKeyRoom("p".repeat(692), "4002")).not.toThrow();
    expect(() => checkKeyRoom("p".repeat(900), "4002")).toThrow(/bucket_path is too long.*at most 692 bytes/);
  });

  it("keeps `..` in bucket_path from climbing out of it", () => {
    expect(rejectsFolder("a/../b", "7", undefined, "s")).toBe("a/%2E%2E/b/7/s/");
    expect(ledgerFolder("../x")).toBe("%2E%2E/x/_whatsapp_flows_send_ledger/");
  });
});
