/**
 * Where does a file start being read? The identity rules (docs/FILELOG.md,
 * "Identity and rotation"), in this order:
 *  1. a position recovered from the spool for its device:inode whose
 *     fingerprint still matches (same inode, other content: from 0);
 *  2. a donor: the position of a file that is gone or was truncated, whose
 *     content this file starts with (a copy, a compressed copy);
 *  3. a live file it starts like: perhaps a copy still being made; wait;
 *  4. start_at for files found at start, else 0.
 * Also: truncation handling and the donor/twin bookkeeping.
 */
import type { FileHandle } from 'node:fs/promises';
import type { FilelogReceiverConfig } from '../../config/types.js';
import type { FilePosition } from '../../pipeline/types.js';
import type { Logger } from '../../telemetry/logger.js';
import { compatible, findFingerprintLength, parsePositionKey } from './identity.js';
import type { FilelogMetrics } from './metrics.js';
import { gunzipHead } from './gzip.js';
import { newScanState } from './scanner.js';
import { DonorPool, TwinIndex } from './tracked.js';
import type { Donor, TrackedFile } from './tracked.js';

const EMPTY = Buffer.alloc(0);

export interface Recovered {
  key: string;
  fpHex: string;
  offset: number;
  path: string;
}

/**
 * Recovered positions of one device:inode that no file in the include set
 * resumes: the file is gone from there (`gone`), or this inode now holds other
 * content (`truncated`: cut below the position, or replaced). `best` is the
 * furthest position; `keys` every recovered key of that inode.
 */
export interface Unmatched {
  id: string;
  reason: 'gone' | 'truncated';
  best: Recovered;
  keys: string[];
}

export interface ResolverDeps {
  cfg: FilelogReceiverConfig;
  fingerprintSize: number;
  /** How long a look-alike of a live file must stay unchanged before it is decided on. */
  copySettleMs: number;
  log: Logger;
  metrics: FilelogMetrics;
  /** The file's handle (opened within the descriptor budget), or null. */
  open(t: TrackedFile): Promise<FileHandle | null>;
  release(t: TrackedFile): void;
  readError(t: TrackedFile, what: string, err: unknown): void;
  stopped(): boolean;
  /** Deferred files should look again (a donor appeared). */
  donorAdded(): void;
}

export async function readHead(fh: FileHandle, n: number): Promise<Buffer> {
  const buf = Buffer.allocUnsafe(n);
  let got = 0;
  while (got < n) {
    const { bytesRead } = await fh.read(buf, got, n - got, got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return got === n ? buf : Buffer.from(buf.subarray(0, got));
}

async function tailMatches(fh: FileHandle, offset: number, tail: Buffer | null): Promise<boolean> {
  if (!tail || tail.length === 0) return true;
  const got = Buffer.allocUnsafe(tail.length);
  const { bytesRead } = await fh.read(got, 0, tail.length, offset - tail.length);
  return bytesRead === tail.length && got.equals(tail);
}

/** Are this file's first `size` bytes the live twin's too (compared at their end)? */
async function isPrefixOf(fh: FileHandle, size: number, twin: TrackedFile): Promise<boolean> {
  const other = twin.fh;
  if (!other || twin.lastSize < size) return false;
  const k = Math.min(64, size);
  const a = Buffer.allocUnsafe(k);
  const b = Buffer.allocUnsafe(k);
  try {
    const [ra, rb] = await Promise.all([fh.read(a, 0, k, size - k), other.read(b, 0, k, size - k)]);
    return ra.bytesRead === k && rb.bytesRead === k && a.equals(b);
  } catch {
    return false; // the twin's descriptor was closed meanwhile
  }
}

export class IdentityResolver {
  readonly #d: ResolverDeps;
  readonly #fpSize: number;
  readonly #donors = new DonorPool();
  readonly #twins = new TwinIndex();
  readonly #recoveredById = new Map<string, Recovered[]>();
  readonly #recoveredPaths = new Set<string>();
  readonly #unmatched: Unmatched[] = [];
  /** Recovered keys superseded by a longer fingerprint of the same content (to be forgotten). */
  readonly stale: string[] = [];

  constructor(deps: ResolverDeps, recovered: readonly FilePosition[]) {
    this.#d = deps;
    this.#fpSize = deps.fingerprintSize;
    for (const p of recovered) {
      if (p.receiver !== deps.cfg.id) continue;
      if (p.offset < 0) {
        this.#recoveredPaths.add(p.path); // settled: known, never resumed
        continue;
      }
      const k = parsePositionKey(p.key);
      if (!k) {
        deps.log.warn('filelog: ignoring a recovered position with a malformed key', { key: p.key, path: p.path });
        continue;
      }
      let list = this.#recoveredById.get(k.id);
      if (!list) this.#recoveredById.set(k.id, (list = []));
      list.push({ key: p.key, fpHex: k.fpHex, offset: p.offset, path: p.path });
      this.#recoveredPaths.add(p.path);
    }
  }

  hasRecovered(id: string): boolean {
    return this.#recoveredById.has(id);
  }

  /**
   * At start, before anything is read: does a position recovered for this
   * device:inode still describe the file? Sets t.resumeAt when it decides.
   */
  async matchRecovered(t: TrackedFile): Promise<void> {
    const cands = this.#recoveredById.get(t.id);
    if (!cands) return;
    const fh = await this.#d.open(t);
    if (!fh) return; // left for the donor pool
    this.#recoveredById.delete(t.id);
    const st = await fh.stat();
    const head = st.size > 0 ? await readHead(fh, Math.min(st.size, this.#fpSize)) : EMPTY;
    const best = this.#bestRecovered(cands, head);
    if (t.gz) {
      // Compressed files keep their own key (of the compressed bytes); the decompressed offset resumes.
      if (best) t.resumeAt = best.offset;
      return;
    }
    // Positions of content this inode no longer starts with (it was truncated
    // or replaced at some point) may continue in a copy: the receiver looks
    // for one (searchDirectory), else declares a gap. Older positions of the
    // content it still holds (a fingerprint that grew since) are stale.
    const resumed = best && best.offset <= st.size ? best : undefined;
    const lost: Recovered[] = [];
    for (const c of cands) {
      if (c === resumed) continue;
      if (resumed && findFingerprintLength(head, c.fpHex, c.offset, this.#fpSize) >= 0) this.stale.push(c.key);
      else lost.push(c);
    }
    if (lost.length > 0) this.#unmatched.push(unmatched(t.id, 'truncated', lost));
    if (resumed) {
      t.resumeAt = resumed.offset;
      t.resumeHead = head;
      t.priorKeys.push(resumed.key);
      return;
    }
    this.#d.metrics.truncations.inc();
    this.#d.log.info('filelog: file was truncated or replaced while the receiver was stopped; reading it from the start', {
      receiver: this.#d.cfg.id,
      path: t.path,
    });
    t.resumeAt = 0;
  }

  /**
   * After the first discovery: recovered positions that no file in the
   * include set resumes by its inode, grouped by inode. The receiver looks
   * for each (searchDirectory) and hands the ones a tracked file may continue
   * to donate().
   */
  takeUnmatched(): Unmatched[] {
    const out = this.#unmatched.splice(0);
    for (const [id, list] of this.#recoveredById) out.push(unmatched(id, 'gone', list));
    this.#recoveredById.clear();
    return out;
  }

  /** A recovered position whose content may live on in a tracked file (a copy, a compressed copy). */
  donate(r: Recovered): void {
    this.#donors.add({ fp: null, fpHex: r.fpHex, offset: r.offset, tail: null, at: Date.now(), path: r.path, key: r.key });
  }

  #bestRecovered(cands: Recovered[], head: Buffer): Recovered | undefined {
    let best: Recovered | undefined;
    for (const c of cands) {
      if (best && c.offset <= best.offset) continue;
      if (findFingerprintLength(head, c.fpHex, c.offset, this.#fpSize) >= 0) best = c;
    }
    return best;
  }

  /** A donor whose content this file (head = its first bytes) continues; removed from the pool. */
  async #findDonor(fh: FileHandle | null, head: Buffer, size: number): Promise<Donor | undefined> {
    if (this.#donors.size === 0) return undefined;
    for (const d of this.#donors.candidates(head, this.#fpSize, Date.now())) {
      if (size >= 0 && d.offset > size) continue;
      if (d.fp && fh && !(await tailMatches(fh, d.offset, d.tail))) continue;
      this.#donors.remove(d);
      return d;
    }
    return undefined;
  }

  #startAt(t: TrackedFile): 'end' | 'beginning' {
    // start_at applies only to files found at start that the receiver never read before.
    return t.initial && this.#d.cfg.startAt === 'end' && !this.#recoveredPaths.has(t.path) ? 'end' : 'beginning';
  }

  activate(t: TrackedFile, head: Buffer, start: number, tail: Buffer | null): void {
    t.state = 'active';
    t.setFingerprint(head);
    t.offset = t.readFrom = start;
    t.scan = newScanState();
    t.tail = tail;
    t.pendingEof = -1;
    t.lastSize = -1;
    if (!t.gz) this.#twins.put(t);
  }

  /** The fingerprint grew with the file. */
  grewFingerprint(t: TrackedFile, head: Buffer): void {
    t.setFingerprint(head);
    this.#twins.put(t);
  }

  /** A file's content is gone (deleted, moved away, truncated): its position may continue in a copy. */
  retire(t: TrackedFile): void {
    if (t.offset <= 0 || t.gz) return;
    this.#donors.add({ fp: t.fp, fpHex: t.fpHex, offset: t.offset, tail: t.tail, at: Date.now(), path: t.path, ...(t.committedKey ? { key: t.committedKey } : {}) });
    this.#d.donorAdded();
  }

  forget(t: TrackedFile): void {
    this.#twins.drop(t);
  }

  /**
   * Restarts a file truncated or rewritten in place at 0; the old content's position stays for a copy.
   * `handedOver`: a copy continues the old content and settles its committed position when it commits
   * its own start (so a restart before then still finds the position, and the copy continues it rather
   * than being read from 0); else the new content's first batch settles it.
   */
  async truncated(t: TrackedFile, fh: FileHandle, size: number, retire: boolean, handedOver = false): Promise<void> {
    this.#d.metrics.truncations.inc();
    this.#d.log.info('filelog: file truncated or rewritten; reading it again from the start', {
      receiver: this.#d.cfg.id,
      path: t.path,
      previousOffset: t.offset,
    });
    if (retire) this.retire(t);
    // The old content's position is settled here (continued by a copy, or declared a gap).
    if (t.committedKey && !handedOver) t.priorKeys.push(t.committedKey);
    t.committedKey = '';
    const head = size > 0 ? await readHead(fh, Math.min(size, this.#fpSize)) : EMPTY;
    this.activate(t, head, 0, null);
  }

  /** Decides where a newly seen plain file starts; leaves it unresolved or deferred when it cannot yet. */
  async resolve(t: TrackedFile): Promise<void> {
    const d = this.#d;
    const fh = await d.open(t);
    if (!fh) return;
    const st = await fh.stat();
    // Empty, with a recovered position matched at start against content it no longer holds
    // (truncated since): resumed below, so that reading finds the truncation.
    const emptied = st.size === 0 && t.resumeAt !== undefined && (t.resumeHead?.length ?? 0) > 0;
    if (st.size === 0 && !emptied) {
      t.state = 'unresolved';
      return;
    }
    const head = st.size > 0 ? await readHead(fh, Math.min(st.size, this.#fpSize)) : EMPTY;
    if (d.stopped() || t.removed) return;
    if (t.resumeAt !== undefined) {
      const at = t.resumeAt;
      const was = t.resumeHead;
      t.resumeAt = undefined;
      t.resumeHead = null;
      if (was && was.length > 0 && (st.size < at || !compatible(head, was))) {
        // Truncated or rewritten since the position was matched: resume as the old content, so
        // that reading finds it truncated (a copy is looked for, else a gap), instead of reading
        // the new content from the old position.
        this.activate(t, was, at, null);
        return;
      }
      this.activate(t, head, Math.min(at, st.size), null);
      return;
    }
    const donor = await this.#findDonor(fh, head, st.size);
    if (d.stopped() || t.removed) return;
    if (donor) {
      d.metrics.rotations.inc();
      d.log.debug('filelog: file continues one seen before (copy or rotation); reading on from its position', {
        receiver: d.cfg.id,
        path: t.path,
        from: donor.path,
        offset: donor.offset,
      });
      if (donor.key) t.priorKeys.push(donor.key);
      this.activate(t, head, donor.offset, donor.tail);
      return;
    }
    const now = Date.now();
    const twin = this.#twins.find(head, t);
    if (twin) {
      if (t.deferSize !== st.size || t.state !== 'deferred') {
        t.deferSize = st.size;
        t.deferredSince = now;
      }
      if (now - t.deferredSince < d.copySettleMs) {
        t.state = 'deferred';
        return;
      }
      // Settled while the original is still there. Only a file holding at
      // least the original's whole fingerprint can be a copy (a new file that
      // merely begins with the same header line is not): a copy of a prefix
      // of the original is read by way of the original, so it starts at its
      // end; a longer copy continues at the original's position. Anything
      // else is read from the start.
      let start = 0;
      let tail: Buffer | null = null;
      if (head.length >= twin.fp.length) {
        if (await isPrefixOf(fh, st.size, twin)) start = st.size;
        else if (twin.offset > 0 && st.size >= twin.offset && (await tailMatches(fh, twin.offset, twin.tail))) {
          start = twin.offset;
          tail = twin.tail;
        }
      }
      if (start > 0) d.metrics.rotations.inc();
      this.activate(t, head, start, tail);
      return;
    }
    this.activate(t, head, this.#startAt(t) === 'end' ? Math.min(t.sizeAtDiscovery, st.size) : 0, null);
  }

  /** Compressed files: identity by the compressed bytes, continuation by the decompressed ones. */
  async resolveGz(t: TrackedFile): Promise<void> {
    const d = this.#d;
    if (t.resumeAt === undefined && Date.now() - t.stableSince < d.cfg.pollIntervalMs) return; // still being written?
    const fh = await d.open(t);
    if (!fh) return;
    const st = await fh.stat();
    if (st.size === 0) return;
    const head = await readHead(fh, Math.min(st.size, this.#fpSize));
    if (t.resumeAt !== undefined) {
      const at = t.resumeAt;
      t.resumeAt = undefined;
      this.activate(t, head, at, null);
      return;
    }
    const skipAll = this.#startAt(t) === 'end';
    let content: Buffer | null = null;
    if (!skipAll || this.#donors.size > 0) {
      try {
        content = await gunzipHead(fh, this.#fpSize);
      } catch (err) {
        d.readError(t, 'cannot decompress gzip file', err);
      }
    }
    const donor = content ? await this.#findDonor(null, content, -1) : undefined;
    if (donor) {
      d.metrics.rotations.inc();
      if (donor.key) t.priorKeys.push(donor.key);
      this.activate(t, head, donor.offset, donor.tail);
      return;
    }
    if (skipAll || !content) {
      // Skipped by start_at, or not gzip: done unless it changes.
      t.setFingerprint(head);
      t.state = 'done';
      t.lastSize = st.size;
      d.release(t);
      return;
    }
    if (this.#twins.find(content, t)) {
      // A compressed copy of a file still being read: wait until the original
      // is gone, then continue where it stopped (its donor).
      t.state = 'deferred';
      d.release(t);
      return;
    }
    this.activate(t, head, 0, null);
  }
}

function unmatched(id: string, reason: Unmatched['reason'], list: Recovered[]): Unmatched {
  let best = list[0]!;
  for (const r of list) if (r.offset > best.offset) best = r;
  return { id, reason, best, keys: list.map((r) => r.key) };
}
