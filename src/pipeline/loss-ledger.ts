/**
 * Drops that have no loss record in the chain yet, kept where a full disk
 * cannot refuse them: a small file in the spool directory whose blocks are
 * allocated when it is created and are only ever overwritten in place (no new
 * space is needed to update it). when_full: drop_newest records the pending
 * count here before it acknowledges the dropped records; the next start (or
 * the first moment the spool has room) turns it into a signed loss record and
 * clears it. Without it, drops whose loss record could not be written (the
 * spool past max_size plus one segment, or the disk itself full) were lost
 * at SIGTERM or SIGKILL.
 *
 * Format: 512 bytes, UTF-8 JSON {"v":1,"count":N,"since":"ns","until":"ns"}
 * padded with spaces; {"v":1,"count":0} when nothing is pending.
 */
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

export const LEDGER_FILE = 'loss-ledger';
const SIZE = 512;

export interface PendingLoss {
  count: number;
  sinceNs: bigint;
  untilNs: bigint;
}

export class LossLedger {
  readonly #fh: FileHandle;
  readonly #buf = Buffer.alloc(SIZE, 0x20);
  /** What was pending when the ledger was opened (drops of an earlier run), or undefined. */
  readonly recovered: PendingLoss | undefined;
  #last = 0;

  private constructor(fh: FileHandle, recovered: PendingLoss | undefined) {
    this.#fh = fh;
    this.recovered = recovered;
    this.#last = recovered?.count ?? 0;
  }

  /** Opens (creating and allocating it if needed) the ledger in `dir`. */
  static async open(dir: string): Promise<LossLedger> {
    const path = join(dir, LEDGER_FILE);
    let fh: FileHandle;
    try {
      fh = await open(path, 'r+');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      fh = await open(path, 'w+', 0o600);
      await fh.write(Buffer.from(pad('{"v":1,"count":0}')), 0, SIZE, 0);
      await fh.sync();
    }
    const buf = Buffer.alloc(SIZE);
    const { bytesRead } = await fh.read(buf, 0, SIZE, 0);
    return new LossLedger(fh, parse(buf.subarray(0, bytesRead).toString('utf8')));
  }

  /** Makes `p` (the whole pending count) durable before the drops are acknowledged. */
  async record(p: PendingLoss): Promise<void> {
    await this.#put(JSON.stringify({ v: 1, count: p.count, since: p.sinceNs.toString(), until: p.untilNs.toString() }));
    this.#last = p.count;
  }

  /** Nothing is pending any more (its loss record is durable in the spool). */
  async clear(): Promise<void> {
    if (this.#last === 0) return;
    await this.#put('{"v":1,"count":0}');
    this.#last = 0;
  }

  close(): Promise<void> {
    return this.#fh.close();
  }

  async #put(json: string): Promise<void> {
    this.#buf.fill(0x20);
    this.#buf.write(json, 0, 'utf8');
    await this.#fh.write(this.#buf, 0, SIZE, 0);
    await this.#fh.datasync();
  }
}

function pad(s: string): string {
  return s.padEnd(SIZE, ' ');
}

function parse(text: string): PendingLoss | undefined {
  try {
    const j = JSON.parse(text.trim()) as { v?: number; count?: number; since?: string; until?: string };
    if (j.v !== 1 || !j.count || j.count <= 0 || !Number.isSafeInteger(j.count)) return undefined;
    return { count: j.count, sinceNs: BigInt(j.since ?? '0'), untilNs: BigInt(j.until ?? '0') };
  } catch {
    return undefined; // unreadable: nothing is known to be pending
  }
}
