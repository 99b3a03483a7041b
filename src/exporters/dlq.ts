/**
 * The dead-letter area: batches a destination refused for good (a permanent
 * HTTP status, or retries given up after retry_on_failure.max_elapsed_time)
 * are kept here instead of being dropped, one body file plus one JSON
 * sidecar each, under `<spool dir>/dlq/<exporter id>/`.
 *
 *   <name>.pb | <name>.jsonl   the uncompressed request body (ExportLogsServiceRequest)
 *   <name>.meta.json           DeadLetterMeta; written last, so its presence marks a complete entry
 *
 * Both files are written to a temp name, fsynced and renamed. A `.jsonl`
 * body is one OTLP/JSON line, readable by `sealog verify` as it is.
 */
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { AgentError, errorMessage } from '../errors.js';
import type { SeqRange } from './batch.js';

export const DLQ_DIRNAME = 'dlq';
const META_SUFFIX = '.meta.json';

export interface DeadLetterReplay {
  time: string;
  endpoint: string;
  /** HTTP status, 0 if no response. */
  status: number;
  ok: boolean;
  message: string;
}

export interface DeadLetterMeta {
  version: 1;
  exporter: string;
  /** When it was dead-lettered (ISO 8601 UTC). */
  time: string;
  /** rejected: a permanent HTTP status; retries_exhausted: max_elapsed_time passed; unencodable: the batch could not be encoded. */
  reason: 'rejected' | 'retries_exhausted' | 'unencodable';
  /** The last HTTP status (0 when there was none, e.g. a network error). */
  status: number;
  /** The server's message (google.rpc.Status message or response text), or the error. */
  message: string;
  /** The URL it was sent to (no credentials). */
  endpoint: string;
  records: number;
  /** Size of the body file. */
  bytes: number;
  encoding: 'proto' | 'json';
  contentType: string;
  /** Spool frame ids the batch came from. */
  frames: { first: number; last: number };
  /** sealog.seq range per stream, when the body could be decoded. */
  streams: SeqRange[];
  attempts: number;
  /** Body file name, next to the sidecar. */
  bodyFile: string;
  replays: DeadLetterReplay[];
  /**
   * Whether the pipeline's signed loss record for this batch is durable in
   * the spool: false when written, true once declared. An entry still false
   * at the next start is declared then (a crash in between); absent in
   * entries written before this field existed (their loss was declared
   * without this bookkeeping and is not declared again).
   */
  lossDeclared?: boolean;
}

export type NewDeadLetter = Omit<DeadLetterMeta, 'version' | 'bodyFile' | 'replays' | 'bytes' | 'time' | 'lossDeclared'> & { time?: Date };

export interface DeadLetterEntry {
  /** Absolute path of the sidecar. */
  metaPath: string;
  bodyPath: string;
  meta: DeadLetterMeta;
}

/** The dead-letter directory of one exporter: `<spoolDir>/dlq/<exporter id>` (an id `type/name` nests one level). */
export function dlqDirFor(spoolDir: string, exporterId: string): string {
  const parts = exporterId.split('/');
  if (parts.some((p) => p === '' || p === '.' || p === '..' || p.includes('\\'))) {
    throw new AgentError('USAGE', `exporter id "${exporterId}" is not a valid component id (expected type or type/name)`);
  }
  return join(spoolDir, DLQ_DIRNAME, ...parts);
}

function stamp(d: Date): string {
  return d.toISOString().replace(/:/g, '-');
}

async function writeDurable(path: string, data: Uint8Array | string): Promise<void> {
  const tmp = `${path}.tmp`;
  const fh = await open(tmp, 'w', 0o600);
  try {
    await fh.writeFile(data);
    await fh.datasync();
  } finally {
    await fh.close();
  }
  await rename(tmp, path);
}

async function fsyncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    const fh = await open(path, 'r');
    await fh.close();
    return true;
  } catch {
    return false;
  }
}

/** Writes one dead letter durably; returns its entry. Throws on I/O errors (the caller must not ack then). */
export async function writeDeadLetter(dir: string, body: Uint8Array, info: NewDeadLetter): Promise<DeadLetterEntry> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const when = info.time ?? new Date();
  const ext = info.encoding === 'json' ? '.jsonl' : '.pb';
  let name = `${stamp(when)}-frames-${info.frames.first}-${info.frames.last}`;
  for (let n = 1; (await exists(join(dir, name + META_SUFFIX))) || (await exists(join(dir, name + ext))); n++) {
    name = `${stamp(when)}-frames-${info.frames.first}-${info.frames.last}-${n}`;
  }
  const { time: _time, ...rest } = info;
  const meta: DeadLetterMeta = { version: 1, time: when.toISOString(), ...rest, bytes: body.length, bodyFile: name + ext, replays: [], lossDeclared: false };
  const bodyPath = join(dir, meta.bodyFile);
  const metaPath = join(dir, name + META_SUFFIX);
  await writeDurable(bodyPath, info.encoding === 'json' ? Buffer.concat([body, Buffer.from('\n')]) : body);
  await writeDurable(metaPath, JSON.stringify(meta, null, 2) + '\n');
  await fsyncDir(dir);
  return { metaPath, bodyPath, meta };
}

function parseMeta(text: string, path: string): DeadLetterMeta {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (err) {
    throw new AgentError('INPUT_UNREADABLE', `${path}: not valid JSON (${errorMessage(err)})`);
  }
  const m = v as Partial<DeadLetterMeta>;
  if (
    typeof v !== 'object' ||
    v === null ||
    m.version !== 1 ||
    typeof m.exporter !== 'string' ||
    typeof m.bodyFile !== 'string' ||
    (m.encoding !== 'proto' && m.encoding !== 'json') ||
    typeof m.records !== 'number'
  ) {
    throw new AgentError('INPUT_UNREADABLE', `${path}: not a sealog dead-letter sidecar (version 1 with exporter, bodyFile, encoding, records)`);
  }
  if (m.bodyFile.includes('/') || m.bodyFile.includes('\\')) {
    throw new AgentError('INPUT_UNREADABLE', `${path}: bodyFile must be a plain file name`);
  }
  return { ...(m as DeadLetterMeta), replays: Array.isArray(m.replays) ? m.replays : [] };
}

export interface DeadLetterListing {
  entries: DeadLetterEntry[];
  /** Sidecars that could not be read, with the reason. */
  problems: string[];
}

/**
 * Every dead letter in a spool directory (of one exporter when exporterId is
 * given, matched on the sidecar's `exporter`), oldest first. The whole
 * `<spoolDir>/dlq` tree is searched, so entries are found whatever folder
 * naming wrote them. Throws AgentError INPUT_UNREADABLE if spoolDir itself
 * cannot be read; a spool without a dlq folder has no dead letters.
 */
export async function listDeadLetters(spoolDir: string, exporterId?: string): Promise<DeadLetterListing> {
  try {
    await readdir(spoolDir);
  } catch (err) {
    throw new AgentError('INPUT_UNREADABLE', `cannot read spool directory ${spoolDir}: ${errorMessage(err)}`);
  }
  const listing: DeadLetterListing = { entries: [], problems: [] };
  await walk(join(spoolDir, DLQ_DIRNAME), listing);
  if (exporterId !== undefined) listing.entries = listing.entries.filter((e) => e.meta.exporter === exporterId);
  listing.entries.sort((a, b) => (a.meta.time < b.meta.time ? -1 : a.meta.time > b.meta.time ? 1 : a.metaPath.localeCompare(b.metaPath)));
  return listing;
}

async function walk(dir: string, out: DeadLetterListing): Promise<void> {
  let names: import('node:fs').Dirent[];
  try {
    names = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    out.problems.push(`cannot read ${dir}: ${errorMessage(err)}`);
    return;
  }
  for (const d of names) {
    const p = join(dir, d.name);
    if (d.isDirectory()) {
      await walk(p, out);
      continue;
    }
    if (!d.isFile() || !d.name.endsWith(META_SUFFIX)) continue;
    try {
      const meta = parseMeta(await readFile(p, 'utf8'), p);
      out.entries.push({ metaPath: p, bodyPath: join(dir, meta.bodyFile), meta });
    } catch (err) {
      out.problems.push(errorMessage(err));
    }
  }
}

/** The stored request body, as it was to be sent (uncompressed; a JSON body without its trailing newline). */
export async function readDeadLetterBody(entry: DeadLetterEntry): Promise<Uint8Array> {
  const buf = await readFile(entry.bodyPath);
  if (entry.meta.encoding === 'json' && buf.length > 0 && buf[buf.length - 1] === 0x0a) return buf.subarray(0, buf.length - 1);
  return buf;
}

/** Appends a replay attempt to the sidecar (atomically rewritten). */
export async function recordReplay(entry: DeadLetterEntry, replay: DeadLetterReplay): Promise<void> {
  entry.meta.replays.push(replay);
  await writeDurable(entry.metaPath, JSON.stringify(entry.meta, null, 2) + '\n');
}

/** Marks the entry's loss record as durable in the chain (the sidecar is atomically rewritten, keeping replays recorded meanwhile). */
export async function markLossDeclared(metaPath: string): Promise<void> {
  const meta = parseMeta(await readFile(metaPath, 'utf8'), metaPath);
  if (meta.lossDeclared === true) return;
  meta.lossDeclared = true;
  await writeDurable(metaPath, JSON.stringify(meta, null, 2) + '\n');
  await fsyncDir(join(metaPath, '..'));
}

/** Removes a dead letter: the sidecar first (so a half-deleted entry is never listed), then the body. */
export async function deleteDeadLetter(entry: DeadLetterEntry): Promise<void> {
  await rm(entry.metaPath, { force: true });
  await rm(entry.bodyPath, { force: true });
}
