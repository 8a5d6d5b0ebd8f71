import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A scratch folder for config/catalog files, removed by `cleanup`. */
export function tempDir(): { path: string; file(name: string, content: unknown): string; cleanup(): void } {
  const path = mkdtempSync(join(tmpdir(), "dwf-test-"));
  return {
    path,
    file(name, content) {
      const target = join(path, name);
      writeFileSync(target, typeof content === "string" ? content : JSON.stringify(content));
      return target;
    },
    cleanup() {
      rmSync(path, { recursive: true, force: true });
    },
  };
}
