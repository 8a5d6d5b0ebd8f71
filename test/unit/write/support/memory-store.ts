import type { ListedObject, ObjectStore } from "../../../../src/object-storage/object-store.js";

/**
 * A bucket in memory, listing in key order as S3 does; `calls` logs its writes. With
 * `splitReadsAt`, a read delivers the object in two chunks cut at that byte (mid-line), as a
 * streamed GET may.
 */
export class MemoryStore implements ObjectStore {
  readonly bucket = "b";
  readonly objects = new Map<string, string>();
  readonly calls: string[] = [];

  constructor(private readonly splitReadsAt?: number) {}

  async put(key: string, body: string): Promise<void> {
    this.calls.push(`PUT ${key}`);
    this.objects.set(key, body);
  }
  async get(key: string): Promise<string | undefined> {
    return this.objects.get(key);
  }
  async read(key: string): Promise<AsyncIterable<Uint8Array> | undefined> {
    const text = this.objects.get(key);
    if (text === undefined) return undefined;
    const bytes = new TextEncoder().encode(text);
    const cut = this.splitReadsAt;
    return (async function* () {
      if (cut === undefined) yield bytes;
      else {
        yield bytes.subarray(0, cut);
        yield bytes.subarray(cut);
      }
    })();
  }
  async delete(key: string): Promise<void> {
    this.calls.push(`DELETE ${key}`);
    this.objects.delete(key);
  }
  async *list(prefix: string): AsyncIterable<ListedObject> {
    for (const key of [...this.objects.keys()].sort())
      if (key.startsWith(prefix)) yield { key, size: this.objects.get(key)!.length };
  }
  async close(): Promise<void> {}
}
