/**
 * Chain hashes by seq, in chunks of up to 32768 32-byte slots (1 MiB; no
 * object per record), so the checker can recognise duplicates after the
 * records themselves are gone. Only the newest `windowRecords` seqs are kept
 * (older chunks are dropped), so memory does not grow with the input.
 *
 * A chunk starts with room for the slots used so far (at least 8) and doubles
 * as higher slots are used, so a stream of a few records costs a few hundred
 * bytes here, not 1 MiB: input that claims many streams cannot make the
 * checker allocate a megabyte per claimed stream.
 */
const SLOTS_PER_CHUNK = 32768;
const MIN_SLOTS = 8;
const HASH = 32;

interface Chunk {
  data: Uint8Array;
  present: Uint8Array;
}

/** Room for slot i: the next power of two above it, at least MIN_SLOTS, at most SLOTS_PER_CHUNK. */
function slotsFor(i: number): number {
  let n = MIN_SLOTS;
  while (n <= i) n *= 2;
  return Math.min(n, SLOTS_PER_CHUNK);
}

export class HashStore {
  readonly #chunks = new Map<number, Chunk>();
  #count = 0;
  #maxChunk = -1;
  readonly #windowChunks: number;

  constructor(windowRecords = 1 << 19) {
    this.#windowChunks = Math.max(2, Math.ceil(windowRecords / SLOTS_PER_CHUNK));
  }

  get count(): number {
    return this.#count;
  }

  set(seq: number, hash: Uint8Array): void {
    const c = Math.floor(seq / SLOTS_PER_CHUNK);
    const i = seq - c * SLOTS_PER_CHUNK;
    let chunk = this.#chunks.get(c);
    if (!chunk) {
      if (c <= this.#maxChunk - this.#windowChunks) return; // older than the window
      const n = slotsFor(i);
      chunk = { data: new Uint8Array(n * HASH), present: new Uint8Array(n) };
      this.#chunks.set(c, chunk);
      if (c > this.#maxChunk) {
        this.#maxChunk = c;
        for (const k of this.#chunks.keys()) if (k <= c - this.#windowChunks) this.#chunks.delete(k);
      }
    } else if (i >= chunk.present.length) {
      const n = slotsFor(i);
      const data = new Uint8Array(n * HASH);
      data.set(chunk.data);
      const present = new Uint8Array(n);
      present.set(chunk.present);
      chunk.data = data;
      chunk.present = present;
    }
    if (!chunk.present[i]) this.#count++;
    chunk.present[i] = 1;
    chunk.data.set(hash, i * HASH);
  }

  /** A view of the stored hash (valid while the store lives), or undefined. */
  get(seq: number): Uint8Array | undefined {
    const c = Math.floor(seq / SLOTS_PER_CHUNK);
    const chunk = this.#chunks.get(c);
    if (!chunk) return undefined;
    const i = seq - c * SLOTS_PER_CHUNK;
    if (i >= chunk.present.length || !chunk.present[i]) return undefined;
    return chunk.data.subarray(i * HASH, i * HASH + HASH);
  }

  has(seq: number): boolean {
    return this.get(seq) !== undefined;
  }
}
