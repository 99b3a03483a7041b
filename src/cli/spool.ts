/**
 * `sealog spool ...`: tools that look into a local spool directory.
 *
 *   sealog spool inspect --dir DIR [--json]   (also shows the chain head and key epoch)
 *
 * Inspect is read-only: it takes no lock and opens every file read-only, so
 * it is safe while an agent runs. `--dir` is one pipeline's folder or
 * spool.dir itself (then every pipeline's folder is reported, each under its
 * name). Exit 0, or 2 if the directory is unreadable.
 */
import type { Command } from 'commander';
import { errorMessage } from '../errors.js';
import { toHex } from '../integrity/bytes.js';
import type { ChainState } from '../integrity/sealer.js';
import { formatInspection, type SpoolInspection } from '../spool/inspect.js';
import { resolveSpoolDirs } from '../spool/layout.js';
import { spoolHead } from '../verify/check-spool.js';

export interface TextSink {
  write(s: string): unknown;
}

/** Writes the report of the spool in `dir`; returns the exit code (0, or 2 if unreadable). */
export async function runSpoolInspect(dir: string, json: boolean, out: TextSink, err: TextSink): Promise<number> {
  try {
    const dirs = await resolveSpoolDirs(dir);
    const reports: Array<{ pipeline: string; inspection: SpoolInspection; head?: ChainState }> = [];
    for (const p of dirs.pipelines) {
      const { inspection, head } = await spoolHead(p.dir);
      reports.push({ pipeline: p.name, inspection, ...(head ? { head } : {}) });
    }
    if (json) {
      const one = (r: (typeof reports)[number]) => ({ ...r.inspection, chainHead: r.head ? headJson(r.head) : null });
      const body = dirs.kind === 'root' ? { spoolDir: dir, pipelines: reports.map((r) => ({ pipeline: r.pipeline, ...one(r) })) } : one(reports[0]!);
      out.write(JSON.stringify(body, null, 2) + '\n');
      return 0;
    }
    if (dirs.kind === 'root') out.write(`${dir} is spool.dir: it holds the spools of ${reports.length} pipeline(s): ${reports.map((r) => r.pipeline).join(', ')}\n`);
    for (const r of reports) {
      if (dirs.kind === 'root') out.write(`\n== pipeline ${r.pipeline} ==\n`);
      out.write(formatInspection(r.inspection));
      out.write(r.head ? formatHead(r.head) : 'chain head: none (no frame carries chain state yet)\n');
    }
    if (dirs.kind === 'empty') out.write(`${dir} holds no spool yet (spool.dir holds one folder per pipeline; give spool.dir or one of those folders)\n`);
    return 0;
  } catch (e) {
    err.write(`sealog spool inspect: ${errorMessage(e)}\n`);
    return 2;
  }
}

/** Adds `spool` with its `inspect` subcommand and returns the `spool` command, for more subcommands. */
export function registerSpoolCommands(program: Command, io: { out: TextSink; err: TextSink } = { out: process.stdout, err: process.stderr }): Command {
  const spool = program.command('spool').description('Look into a local spool directory (read-only tools).');
  spool
    .command('inspect')
    .description('Show segments, bytes, frames, records, each cursor and its lag, and what the next start would recover or cut. Read-only: takes no lock.')
    .requiredOption('-d, --dir <dir>', "spool.dir from the configuration (every pipeline is reported) or one pipeline's folder, e.g. /var/lib/sealog/spool/logs")
    .option('--json', 'print the report as JSON')
    .addHelpText('after', '\nExit codes: 0 report printed, 2 directory unreadable.')
    .action(async (o: { dir: string; json?: boolean }) => {
      const code = await runSpoolInspect(o.dir, o.json === true, io.out, io.err);
      if (code !== 0) process.exitCode = code;
    });
  return spool;
}

function headJson(h: ChainState) {
  return { stream: h.stream, chain: h.chain, seq: h.seq, hash: toHex(h.head), lastSealSeq: h.lastSealSeq, lastSealTime: new Date(Number(h.lastSealTimeNs / 1_000_000n)).toISOString(), keyEpoch: h.epoch };
}

function formatHead(h: ChainState): string {
  const j = headJson(h);
  return `chain head: stream ${j.stream}, chain ${j.chain}, seq ${j.seq}, hash ${j.hash}\n  last seal seq ${j.lastSealSeq} at ${j.lastSealTime}, key epoch ${j.keyEpoch}\n`;
}
