import { describe, expect, it } from "vitest";

const { summariseAllocations } = (await import(
  new URL("../../../bench/lib/allocation-profile.mjs", import.meta.url).href
)) as {
  summariseAllocations(
    profile: object,
    records: number,
  ): {
    bytesPerRecord: number;
    functions: Array<{ name: string; bytesPerRecord: number; share: number }>;
    areas: Array<{ name: string; bytesPerRecord: number; share: number }>;
  };
};

const frame = (functionName: string, url: string, lineNumber = 0) => ({ functionName, url, lineNumber });

describe("the bench's allocation profile summary", () => {
  it("adds each function's own bytes over the whole tree and divides by the records", () => {
    const profile = {
      head: {
        callFrame: frame("(root)", ""),
        selfSize: 0,
        children: [
          {
            callFrame: frame("plan", "file:///x/node_modules/zod/index.js", 9),
            selfSize: 3_000,
            children: [{ callFrame: frame("Promise", ""), selfSize: 1_000, children: [] }],
          },
          {
            callFrame: frame("plan", "file:///x/node_modules/zod/index.js", 9),
            selfSize: 1_000,
            children: [],
          },
        ],
      },
    };
    const summary = summariseAllocations(profile, 10);
    expect(summary.bytesPerRecord).toBe(500);
    expect(summary.functions[0]).toMatchObject({ bytesPerRecord: 400, share: 0.8 });
    expect(summary.functions[0]!.name).toMatch(/^plan .*zod\/index\.js:10$/);
    expect(summary.areas.map((a) => a.name)).toEqual(["zod", "Promise", "(root)"]);
  });
});
