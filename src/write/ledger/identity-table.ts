import { hash } from "node:crypto";

/** The characters of a record identity: 22 of base64url (132 bits of a SHA-256). */
const IDENTITY_CHARS = 22;
/** Each base64url character's six bits, by character code; -1 for any other character. */
const SEXTETS = (() => {
  const table = new Int8Array(128).fill(-1);
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  return table;
})();
/** In an entry's tag: the key is a hash of the identity, not the identity itself. */
const HASHED = 0x10;

const INITIAL_ENTRIES = 1_024;
/**
 * Entries per slot at most 3 to 4, where linear probing takes ~2.5 probes to find an identity and
 * ~8.5 to miss one; just after a doubling, 1.3 and 1.8.
 */
const MAX_LOAD = 0.75;

/**
 * Identities of the send ledger, numbered 0, 1, 2… in the order first inserted, for the index to
 * keep what it knows about each in typed arrays by that number. An open-addressing hash table with
 * linear probing over typed arrays: a Map of strings costs several times the memory (a heap string
 * and a Map entry an identity; bench/README.md has the figures), and the ledger of a window may
 * hold a million of them.
 *
 * A key is the identity's bits: the 22 base64url characters of `recordIdentity` decode to 132 bits,
 * kept whole (128 in four words, the last 4 in the tag), so two identities share a key only if they
 * are the same string. Any other string (an identity of another form: an older ledger's, a test's)
 * is keyed by the first 128 bits of its SHA-256 with a flag in the tag: it can never share a key
 * with a 22-character identity, and two such strings share one with the chance of a 128-bit
 * collision, the same bet the identities themselves make.
 */
export class IdentityTable {
  /** Four words of key an entry. */
  private words = new Uint32Array(INITIAL_ENTRIES * 4);
  /** An entry's last 4 bits of identity, and HASHED. */
  private tags = new Uint8Array(INITIAL_ENTRIES);
  /** Entry number + 1 by slot; 0 is an empty slot. A power of two long. */
  private slots = new Int32Array(slotsFor(INITIAL_ENTRIES));
  private count = 0;
  /** The key being looked up: decoded once, compared against the entries its probe meets. */
  private readonly key = new Uint32Array(4);
  private readonly keyBytes = new Uint8Array(this.key.buffer);
  private keyTag = 0;

  get size(): number {
    return this.count;
  }

  /** The identity's number, or -1 if it was never inserted. */
  find(id: string): number {
    const slot = this.probe(id);
    return this.slots[slot]! - 1;
  }

  /** The identity's number, a new one (the next) if it was never inserted. */
  insert(id: string): number {
    const found = this.find(id);
    if (found >= 0) return found;
    if (this.count === this.tags.length) this.growEntries();
    if (this.count + 1 > this.slots.length * MAX_LOAD) this.growSlots();
    const entry = this.count++;
    this.words.set(this.key, entry * 4);
    this.tags[entry] = this.keyTag;
    this.slots[this.emptySlot(this.keyHash())] = entry + 1;
    return entry;
  }

  /** Decodes `id` into the key; the slot that holds it, or the empty slot where it would go. */
  private probe(id: string): number {
    this.decode(id);
    const { slots, words, tags, key, keyTag } = this;
    const mask = slots.length - 1;
    for (let slot = this.keyHash() & mask; ; slot = (slot + 1) & mask) {
      const held = slots[slot]!;
      if (held === 0) return slot;
      const at = (held - 1) * 4;
      if (
        words[at] === key[0] &&
        words[at + 1] === key[1] &&
        words[at + 2] === key[2] &&
        words[at + 3] === key[3] &&
        tags[held - 1] === keyTag
      ) {
        return slot;
      }
    }
  }

  private decode(id: string): void {
    if (id.length === IDENTITY_CHARS && this.decodeIdentity(id)) return;
    this.keyBytes.set(hash("sha256", id, "buffer").subarray(0, 16));
    this.keyTag = HASHED;
  }

  /** The 132 bits of a 22-character base64url string into the key; false if it is not one. */
  private decodeIdentity(id: string): boolean {
    const bytes = this.keyBytes;
    let bits = 0;
    let pending = 0;
    let out = 0;
    for (let i = 0; i < IDENTITY_CHARS; i++) {
      const code = id.charCodeAt(i);
      const sextet = code < 128 ? SEXTETS[code]! : -1;
      if (sextet < 0) return false;
      bits = (bits << 6) | sextet;
      pending += 6;
      if (pending >= 8) {
        pending -= 8;
        bytes[out++] = bits >>> pending;
        bits &= (1 << pending) - 1;
      }
    }
    // 132 bits: 16 bytes and 4 left over.
    this.keyTag = bits;
    return true;
  }

  /** The identity's slot hash (for tests that build collisions). */
  slotHash(id: string): number {
    this.decode(id);
    return this.keyHash();
  }

  /**
   * The key's slot hash: its 128 bits mixed (identities are hashes, other strings need not be).
   * Not the tag: keys that differ only there are rare enough to share a probe.
   */
  private keyHash(): number {
    return mix(this.key[0]!, this.key[1]!, this.key[2]!, this.key[3]!);
  }

  private emptySlot(hashed: number): number {
    const mask = this.slots.length - 1;
    let slot = hashed & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    return slot;
  }

  private growEntries(): void {
    const words = new Uint32Array(this.words.length * 2);
    words.set(this.words);
    this.words = words;
    const tags = new Uint8Array(this.tags.length * 2);
    tags.set(this.tags);
    this.tags = tags;
  }

  private growSlots(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    const { words } = this;
    for (let entry = 0; entry < this.count; entry++) {
      const at = entry * 4;
      const hashed = mix(words[at]!, words[at + 1]!, words[at + 2]!, words[at + 3]!);
      this.slots[this.emptySlot(hashed)] = entry + 1;
    }
  }
}

function slotsFor(entries: number): number {
  let slots = 1;
  while (slots * MAX_LOAD < entries) slots *= 2;
  return slots;
}

/** MurmurHash3's 32-bit finaliser over the words in turn. */
function mix(a: number, b: number, c: number, d: number): number {
  let h = Math.imul(a ^ (a >>> 16), 0x85ebca6b) ^ b;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) ^ c;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) ^ d;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
