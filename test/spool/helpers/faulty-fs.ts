/**
 * A SpoolFs over the real filesystem that can fail on demand, die like a
 * killed process, and lose what was never fdatasynced like a power cut.
 */
import { promises as fsp } from 'node:fs';
import { nodeSpoolFs, type OpenMode, type SpoolFileHandle, type SpoolFs } from '../../../src/spool/spool-fs.js';

export type FaultOp = 'write' | 'datasync' | 'truncate' | 'open' | 'rename' | 'syncDir' | 'unlink';

interface Fault {
  op: FaultOp;
  code: string;
  times: number;
  /** For write: bytes actually written before the failure (a short write, then the error). */
  partial?: number;
  pathIncludes?: string;
}

function errno(code: string, op: string, path: string): Error {
  return Object.assign(new Error(`${code}: injected ${op} failure on ${path}`), { code });
}

export class FaultyFs implements SpoolFs {
  #faults: Fault[] = [];
  #dead = false;
  /** path -> bytes known durable (size at the last fdatasync). */
  readonly #durable = new Map<string, number>();
  readonly calls: Record<string, number> = {};
  freeBytesOverride: number | undefined;

  constructor(private readonly inner: SpoolFs = nodeSpoolFs) {}

  /** The next `times` calls of `op` (on paths containing pathIncludes) fail with `code`. */
  fail(op: FaultOp, code: string, opts: { times?: number; partial?: number; pathIncludes?: string } = {}): void {
    this.#faults.push({ op, code, times: opts.times ?? 1, partial: opts.partial, pathIncludes: opts.pathIncludes });
  }

  clearFaults(): void {
    this.#faults = [];
  }

  /** From now on every call fails, as if the process were gone. */
  kill(): void {
    this.#dead = true;
  }

  /**
   * After kill(): what a power cut leaves. Every file written through this fs
   * loses the bytes past its last fdatasync: cut off ('truncate') or turned
   * into zeros of the same length ('zero', what ext4 can leave).
   */
  async powerLoss(mode: 'truncate' | 'zero'): Promise<void> {
    for (const [path, durable] of this.#durable) {
      let size: number;
      try {
        size = (await fsp.stat(path)).size;
      } catch {
        continue;
      }
      if (size <= durable) continue;
      if (mode === 'truncate') await fsp.truncate(path, durable);
      else {
        const fh = await fsp.open(path, 'r+');
        await fh.write(Buffer.alloc(size - durable), 0, size - durable, durable);
        await fh.close();
      }
    }
    this.#durable.clear();
  }

  #check(op: FaultOp, path: string): Fault | undefined {
    this.calls[op] = (this.calls[op] ?? 0) + 1;
    if (this.#dead) throw errno('EKILLED', op, path);
    const i = this.#faults.findIndex((f) => f.op === op && (f.pathIncludes === undefined || path.includes(f.pathIncludes)));
    if (i < 0) return undefined;
    const f = this.#faults[i];
    if (--f.times <= 0) this.#faults.splice(i, 1);
    return f;
  }

  #throwIf(op: FaultOp, path: string): void {
    const f = this.#check(op, path);
    if (f) throw errno(f.code, op, path);
  }

  async mkdir(path: string): Promise<void> {
    if (this.#dead) throw errno('EKILLED', 'mkdir', path);
    return this.inner.mkdir(path);
  }

  async open(path: string, mode: OpenMode): Promise<SpoolFileHandle> {
    this.#throwIf('open', path);
    const fh = await this.inner.open(path, mode);
    if (mode !== 'r' && !this.#durable.has(path)) this.#durable.set(path, mode === 'wx' ? 0 : await fh.size());
    return new FaultyHandle(this, fh, path);
  }

  readdir(path: string): Promise<string[]> {
    if (this.#dead) return Promise.reject(errno('EKILLED', 'readdir', path));
    return this.inner.readdir(path);
  }

  readFile(path: string): Promise<Uint8Array> {
    if (this.#dead) return Promise.reject(errno('EKILLED', 'readFile', path));
    return this.inner.readFile(path);
  }

  async rename(from: string, to: string): Promise<void> {
    this.#throwIf('rename', from);
    await this.inner.rename(from, to);
    const d = this.#durable.get(from);
    this.#durable.delete(from);
    if (d !== undefined) this.#durable.set(to, d);
  }

  async unlink(path: string): Promise<void> {
    this.#throwIf('unlink', path);
    await this.inner.unlink(path);
    this.#durable.delete(path);
  }

  async syncDir(path: string): Promise<void> {
    this.#throwIf('syncDir', path);
    return this.inner.syncDir(path);
  }

  async freeBytes(path: string): Promise<number> {
    if (this.#dead) throw errno('EKILLED', 'statfs', path);
    return this.freeBytesOverride ?? this.inner.freeBytes(path);
  }

  /** @internal used by FaultyHandle */
  hook(op: FaultOp, path: string): Fault | undefined {
    return this.#check(op, path);
  }

  /** @internal */
  synced(path: string, size: number): void {
    if (this.#durable.has(path)) this.#durable.set(path, size);
  }

  /** @internal */
  truncated(path: string, size: number): void {
    const d = this.#durable.get(path);
    if (d !== undefined && size < d) this.#durable.set(path, size);
  }
}

class FaultyHandle implements SpoolFileHandle {
  constructor(
    private readonly fs: FaultyFs,
    private readonly fh: SpoolFileHandle,
    private readonly path: string,
  ) {}

  read(buffer: Uint8Array, offset: number, length: number, position: number): Promise<number> {
    return this.fh.read(buffer, offset, length, position);
  }

  async write(buffer: Uint8Array, offset: number, length: number, position: number): Promise<number> {
    const f = this.fs.hook('write', this.path);
    if (f) {
      if (f.partial && f.partial > 0) {
        // The disk took some bytes, then refused the rest.
        await this.fh.write(buffer, offset, Math.min(f.partial, length), position);
      }
      throw errno(f.code, 'write', this.path);
    }
    return this.fh.write(buffer, offset, length, position);
  }

  async datasync(): Promise<void> {
    const f = this.fs.hook('datasync', this.path);
    if (f) throw errno(f.code, 'datasync', this.path);
    await this.fh.datasync();
    this.fs.synced(this.path, await this.fh.size());
  }

  async truncate(length: number): Promise<void> {
    const f = this.fs.hook('truncate', this.path);
    if (f) throw errno(f.code, 'truncate', this.path);
    await this.fh.truncate(length);
    this.fs.truncated(this.path, length);
  }

  size(): Promise<number> {
    return this.fh.size();
  }

  close(): Promise<void> {
    return this.fh.close();
  }
}
