/**
 * Chain hashes by seq, in chunks of up to 32768 32-byte slots (1 MiB; no
 * object per record), so the checker can recognise duplicates after the
 * records themselves are gone. Only the newest `windowRecords` seqs are kept
 * (older chunks are dropped), so memory does not grow with the input.
 *
 * A chunk starts with room for the slots used so far (at least 8) and doubles
 * as higher slots are used, so a stream of a few records costs a few hundred
 * bytes here, not 1 MiB: input that claims many streams cannot make the
 * checker allocate a megabyte per claimed stream. A chunk is one buffer (the
 * hashes, then one presence byte per slot), and the chunks are a short list
 * (at most the window's chunks plus one), not a Map: a checker holds one
 * store per stream, and what each costs before its first chunk is one object.
 */
const SLOTS_PER_CHUNK = 32768;
const MIN_SLOTS = 1;
const HASH = 32;

interface Chunk {
  /** Which chunk: seqs index*SLOTS_PER_CHUNK .. +SLOTS_PER_CHUNK-1. */
  index: number;
  /** Slots in `buf`. */
  slots: number;
  /** slots×32 hash bytes, then slots presence bytes. */
  buf: Uint8Array;
}

/** Room for slot i: the next power of two above it, at least MIN_SLOTS, at most SLOTS_PER_CHUNK. */
function slotsFor(i: number): number {
  let n = MIN_SLOTS;
  while (n <= i) n *= 2;
  return Math.min(n, SLOTS_PER_CHUNK);
}

function newChunk(index: number, slots: number): Chunk {
  return { index, slots, buf: new Uint8Array(slots * (HASH + 1)) };
}

export class HashStore {
  #chunks: Chunk[] | undefined;
  #count = 0;
  #maxChunk = -1;
  readonly #windowChunks: number;

  constructor(windowRecords = 1 << 19) {
    this.#windowChunks = Math.max(2, Math.ceil(windowRecords / SLOTS_PER_CHUNK));
  }

  get count(): number {
    return this.#count;
  }

  #find(c: number): Chunk | undefined {
    const chunks = this.#chunks;
    if (!chunks) return undefined;
    // Newest first: records mostly arrive in order.
    for (let k = chunks.length - 1; k >= 0; k--) if (chunks[k]!.index === c) return chunks[k];
    return undefined;
  }

  set(seq: number, hash: Uint8Array): void {
    const c = Math.floor(seq / SLOTS_PER_CHUNK);
    const i = seq - c * SLOTS_PER_CHUNK;
    let chunk = this.#find(c);
    if (!chunk) {
      if (c <= this.#maxChunk - this.#windowChunks) return; // older than the window
      chunk = newChunk(c, slotsFor(i));
      // A list made with its first chunk holds just that (a push onto [] would reserve 17 slots).
      const chunks = this.#chunks ?? (this.#chunks = [chunk]);
      if (chunks[chunks.length - 1] !== chunk) chunks.push(chunk);
      if (c > this.#maxChunk) {
        this.#maxChunk = c;
        const keep = chunks.filter((k) => k.index > c - this.#windowChunks);
        if (keep.length !== chunks.length) this.#chunks = keep;
      }
    } else if (i >= chunk.slots) {
      const grown = newChunk(c, slotsFor(i));
      grown.buf.set(chunk.buf.subarray(0, chunk.slots * HASH));
      grown.buf.set(chunk.buf.subarray(chunk.slots * HASH), grown.slots * HASH);
      chunk.slots = grown.slots;
      chunk.buf = grown.buf;
    }
    const present = chunk.slots * HASH + i;
    if (!chunk.buf[present]) this.#count++;
    chunk.buf[present] = 1;
    chunk.buf.set(hash, i * HASH);
  }

  /** A view of the stored hash (valid while the store lives), or undefined. */
  get(seq: number): Uint8Array | undefined {
    const c = Math.floor(seq / SLOTS_PER_CHUNK);
    const chunk = this.#find(c);
    if (!chunk) return undefined;
    const i = seq - c * SLOTS_PER_CHUNK;
    if (i >= chunk.slots || !chunk.buf[chunk.slots * HASH + i]) return undefined;
    return chunk.buf.subarray(i * HASH, i * HASH + HASH);
  }

  has(seq: number): boolean {
    return this.get(seq) !== undefined;
  }
}
