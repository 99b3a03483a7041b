/**
 * `sealog spool dlq list|replay`: look into and resend the batches exporters
 * kept in the dead-letter area (`<spool.dir>/<pipeline>/dlq/<exporter id>/`).
 * `--dir` is either spool.dir (every pipeline's folder is looked into) or one
 * pipeline's folder.
 * Exit codes: 0 ok, 1 some entries failed (or could not be read), 2 usage
 * error or unreadable spool directory.
 */
import { validateHeaderName, validateHeaderValue } from 'node:http';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Command } from 'commander';
import { AgentError, errorMessage, isAgentError } from '../errors.js';
import {
  deleteDeadLetter,
  listDeadLetters,
  readDeadLetterBody,
  recordReplay,
  type DeadLetterEntry,
  type DeadLetterListing,
} from '../exporters/dlq.js';
import { createDispatcher } from '../exporters/otlphttp/dispatcher.js';
import { redactUrl, resolveReplayUrl } from '../exporters/otlphttp/endpoint.js';
import { sendRequest } from '../exporters/otlphttp/send.js';
import { pipelineNames, resolveSpoolDirs, type SpoolDirs } from '../spool/layout.js';

const gzipAsync = promisify(gzip);

export interface DlqIo {
  out(line: string): void;
  err(line: string): void;
}

const stdio: DlqIo = {
  out: (l) => void process.stdout.write(l + '\n'),
  err: (l) => void process.stderr.write(l + '\n'),
};

export interface DlqListOptions {
  dir: string;
  json?: boolean;
}

export interface DlqReplayOptions {
  dir: string;
  exporter: string;
  endpoint: string;
  /** `name=value` pairs. */
  header?: string[];
  delete?: boolean;
  /** Per-request timeout (default 30 s). */
  timeoutMs?: number;
}

function seqText(e: DeadLetterEntry): string {
  const s = e.meta.streams.map((r) => `${r.stream === '' ? '' : r.stream + ':'}${r.first}-${r.last}`).join(',');
  return s === '' ? '-' : s;
}

/** Dead letters of every pipeline folder `dir` names (see spool/layout.ts), oldest first; `pipeline` tells where each is. */
async function listAll(dir: string, exporterId?: string): Promise<{ dirs: SpoolDirs; listing: DeadLetterListing; pipeline: Map<DeadLetterEntry, string> }> {
  const dirs = await resolveSpoolDirs(dir);
  const listing: DeadLetterListing = { entries: [], problems: [] };
  const pipeline = new Map<DeadLetterEntry, string>();
  for (const p of dirs.pipelines) {
    const one = await listDeadLetters(p.dir, exporterId);
    for (const e of one.entries) pipeline.set(e, p.name);
    listing.entries.push(...one.entries);
    listing.problems.push(...one.problems);
  }
  listing.entries.sort((a, b) => (a.meta.time < b.meta.time ? -1 : a.meta.time > b.meta.time ? 1 : a.metaPath.localeCompare(b.metaPath)));
  return { dirs, listing, pipeline };
}

/** Why nothing was found, naming what the directory holds. */
function noneText(dirs: SpoolDirs, what: string): string {
  if (dirs.kind === 'root') return `${what} in ${dirs.dir} (it holds the spools of pipelines ${pipelineNames(dirs)}; none has any)`;
  if (dirs.kind === 'empty') return `${what} in ${dirs.dir} (it holds no spool yet: give spool.dir from the configuration or one pipeline's folder under it)`;
  return `${what} in ${dirs.dir}`;
}

export async function runDlqList(opts: DlqListOptions, io: DlqIo = stdio): Promise<number> {
  let listing: DeadLetterListing;
  let dirs: SpoolDirs;
  let pipeline: Map<DeadLetterEntry, string>;
  try {
    ({ dirs, listing, pipeline } = await listAll(opts.dir));
  } catch (err) {
    io.err(`sealog spool dlq list: ${errorMessage(err)}`);
    return 2;
  }
  const root = dirs.kind === 'root';
  if (opts.json) {
    io.out(
      JSON.stringify({
        entries: listing.entries.map((e) => ({ ...(root ? { pipeline: pipeline.get(e) } : {}), path: e.metaPath, body: e.bodyPath, ...e.meta })),
        ...(root ? { pipelines: dirs.pipelines.map((p) => p.name) } : {}),
        problems: listing.problems,
      }),
    );
  } else if (listing.entries.length === 0) {
    io.out(noneText(dirs, 'no dead letters'));
  } else {
    let records = 0;
    for (const e of listing.entries) {
      const m = e.meta;
      records += m.records;
      const replayed = m.replays.some((r) => r.ok) ? ' (replayed)' : '';
      io.out(
        `${m.time}  ${root ? `pipeline ${pipeline.get(e)}  ` : ''}${m.exporter}  ${m.reason}${m.status ? ' ' + m.status : ''}  ${m.records} records  seq ${seqText(e)}  ${m.encoding}${replayed}\n` +
          `    ${m.message}\n    ${e.metaPath}`,
      );
    }
    io.out(`${listing.entries.length} dead letters, ${records} records`);
  }
  for (const p of listing.problems) io.err(`sealog spool dlq list: ${p}`);
  return listing.problems.length > 0 ? 1 : 0;
}

function parseHeaders(pairs: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const i = pair.indexOf('=');
    if (i <= 0) throw new AgentError('USAGE', `--header "${pair.split('=')[0]}": expected name=value`);
    const name = pair.slice(0, i).trim();
    const value = pair.slice(i + 1).trim();
    try {
      validateHeaderName(name);
      validateHeaderValue(name, value);
    } catch {
      throw new AgentError('USAGE', `--header "${name}": not a valid HTTP header (value not shown)`);
    }
    out[name.toLowerCase()] = value;
  }
  return out;
}

export async function runDlqReplay(opts: DlqReplayOptions, io: DlqIo = stdio): Promise<number> {
  let url: URL;
  let userHeaders: Record<string, string>;
  let listing: DeadLetterListing;
  let dirs: SpoolDirs;
  try {
    url = resolveReplayUrl(opts.endpoint);
    userHeaders = parseHeaders(opts.header ?? []);
    ({ dirs, listing } = await listAll(opts.dir, opts.exporter));
  } catch (err) {
    io.err(`sealog spool dlq replay: ${errorMessage(err)}`);
    return 2;
  }
  for (const p of listing.problems) io.err(`sealog spool dlq replay: ${p}`);
  if (listing.entries.length === 0) {
    io.out(noneText(dirs, `no dead letters for exporter ${opts.exporter}`));
    return listing.problems.length > 0 ? 1 : 0;
  }
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const dispatcher = createDispatcher({ tls: { rejectUnauthorized: true }, connections: 1, timeoutMs });
  const target = redactUrl(url);
  let failed = listing.problems.length;
  let sent = 0;
  let replayed = 0;
  try {
    for (const e of listing.entries) {
      let body: Uint8Array;
      try {
        body = await gzipAsync(await readDeadLetterBody(e));
      } catch (err) {
        io.err(`${e.metaPath}: cannot read the body ${e.bodyPath}: ${errorMessage(err)}`);
        failed++;
        continue;
      }
      const headers = { 'user-agent': 'sealog', ...userHeaders, 'content-type': e.meta.contentType, 'content-encoding': 'gzip' };
      const out = await sendRequest(dispatcher, { url, body, headers, encoding: e.meta.encoding, timeoutMs });
      const status = out.kind === 'aborted' ? 0 : out.status;
      const ok = out.kind === 'ok';
      const message = out.kind === 'ok' ? (out.partial ? `partial success: ${out.partial.rejected} rejected: ${out.partial.message}` : 'ok') : out.kind === 'aborted' ? 'aborted' : out.message;
      try {
        if (ok && opts.delete) await deleteDeadLetter(e);
        else await recordReplay(e, { time: new Date().toISOString(), endpoint: target, status, ok, message });
      } catch (err) {
        io.err(`${e.metaPath}: could not update the entry: ${errorMessage(err)}`);
      }
      if (ok) {
        sent += e.meta.records;
        replayed++;
        io.out(`replayed ${e.metaPath}: ${e.meta.records} records, HTTP ${status}${out.kind === 'ok' && out.partial ? ` (${message})` : ''}${opts.delete ? ', deleted' : ''}`);
      } else {
        failed++;
        io.err(`failed ${e.metaPath}: ${status ? 'HTTP ' + status + ': ' : ''}${message}`);
      }
    }
  } finally {
    await dispatcher.close();
  }
  io.out(`${replayed} of ${listing.entries.length} dead letters replayed to ${target} (${sent} records)`);
  return failed > 0 ? 1 : 0;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Adds `dlq list` and `dlq replay` under the `spool` command. */
export function registerDlqCommands(spoolCommand: Command): void {
  const dlq = spoolCommand.command('dlq').description('Dead letters: batches an exporter could not deliver (a permanent rejection), kept in <spool.dir>/<pipeline>/dlq/');
  dlq
    .command('list')
    .description('List dead letters with their reason, server message, records and seq ranges')
    .requiredOption('--dir <spooldir>', "spool.dir from the configuration (every pipeline's folder is searched) or one pipeline's folder")
    .option('--json', 'machine-readable output')
    .action(async (opts: DlqListOptions) => {
      process.exitCode = await runDlqList(opts);
    });
  dlq
    .command('replay')
    .description("Resend one exporter's dead letters to an OTLP/HTTP endpoint (/v1/logs is appended unless the path ends with it)")
    .requiredOption('--dir <spooldir>', "spool.dir from the configuration (every pipeline's folder is searched) or one pipeline's folder")
    .requiredOption('--exporter <id>', 'exporter id, e.g. otlphttp or otlphttp/backup')
    .requiredOption('--endpoint <url>', 'OTLP/HTTP base URL or full logs URL')
    .option('--header <name=value>', 'request header (repeatable)', collect, [] as string[])
    .option('--delete', 'delete each dead letter once the endpoint accepted it')
    .action(async (opts: DlqReplayOptions) => {
      try {
        process.exitCode = await runDlqReplay(opts);
      } catch (err) {
        process.stderr.write(`sealog spool dlq replay: ${errorMessage(err)}\n`);
        process.exitCode = isAgentError(err, 'USAGE') ? 2 : 1;
      }
    });
}
