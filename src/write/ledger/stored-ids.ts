/** Bytes a chunk; a pair longer than this gets a chunk of its own. */
const CHUNK_BYTES = 1 << 20;
const NONE = 0;

/** The ids a success returned (a wamid, a flow id), in the form the index keeps them. */
export interface ReturnedIds {
  readonly wamid: string | undefined;
  readonly flowId: string | undefined;
}

/**
 * The ids earlier successes returned, packed as UTF-8 in chunks of bytes: each pair is a number
 * (its place) instead of two heap strings and their pointers, which cost about half as much again
 * as the text. Written once (a success is final), read back when a record turns out to be sent.
 * Chunks are never copied or grown, so storing costs no transient second copy.
 */
export class StoredIds {
  private readonly chunks: Uint8Array[] = [];
  /** Bytes used of the last chunk. */
  private used = CHUNK_BYTES;
  private readonly encoder = new TextEncoder();
  private readonly decoder = new TextDecoder();

  /** The pair's place: `chunk * CHUNK_BYTES + offset` (an exact integer however many chunks). */
  put(ids: ReturnedIds): number {
    const wamidBytes = ids.wamid === undefined ? 0 : Buffer.byteLength(ids.wamid);
    const flowIdBytes = ids.flowId === undefined ? 0 : Buffer.byteLength(ids.flowId);
    const needed = wamidBytes + flowIdBytes + 2 * MAX_LENGTH_BYTES;
    if (needed > CHUNK_BYTES) {
      this.chunks.push(new Uint8Array(needed));
      this.used = CHUNK_BYTES;
    } else if (this.used + needed > CHUNK_BYTES) {
      this.chunks.push(new Uint8Array(CHUNK_BYTES));
      this.used = 0;
    }
    const chunk = this.chunks[this.chunks.length - 1]!;
    const offset = needed > CHUNK_BYTES ? 0 : this.used;
    let at = this.writeText(chunk, offset, ids.wamid, wamidBytes);
    at = this.writeText(chunk, at, ids.flowId, flowIdBytes);
    if (needed <= CHUNK_BYTES) this.used = at;
    return (this.chunks.length - 1) * CHUNK_BYTES + offset;
  }

  get(place: number): ReturnedIds {
    const chunk = this.chunks[Math.floor(place / CHUNK_BYTES)]!;
    const wamid = this.readText(chunk, place % CHUNK_BYTES);
    const flowId = this.readText(chunk, wamid.end);
    return { wamid: wamid.text, flowId: flowId.text };
  }

  /** Its length + 1 (0: absent), then its bytes; where the next one goes. */
  private writeText(chunk: Uint8Array, from: number, text: string | undefined, bytes: number): number {
    if (text === undefined) return writeLength(chunk, from, NONE);
    const at = writeLength(chunk, from, bytes + 1);
    return at + this.encoder.encodeInto(text, chunk.subarray(at)).written;
  }

  private readText(chunk: Uint8Array, from: number): { text: string | undefined; end: number } {
    const [length, at] = readLength(chunk, from);
    if (length === NONE) return { text: undefined, end: at };
    return { text: this.decoder.decode(chunk.subarray(at, at + length - 1)), end: at + length - 1 };
  }
}

/** A length as 7 bits a byte, low first (one byte below 128: a wamid's). */
const MAX_LENGTH_BYTES = 5;

function writeLength(chunk: Uint8Array, at: number, length: number): number {
  let rest = length;
  while (rest >= 0x80) {
    chunk[at++] = (rest & 0x7f) | 0x80;
    rest = Math.floor(rest / 0x80);
  }
  chunk[at++] = rest;
  return at;
}

function readLength(chunk: Uint8Array, from: number): [number, number] {
  let at = from;
  let length = 0;
  let scale = 1;
  for (;;) {
    const byte = chunk[at++]!;
    length += (byte & 0x7f) * scale;
    if (byte < 0x80) return [length, at];
    scale *= 0x80;
  }
}
