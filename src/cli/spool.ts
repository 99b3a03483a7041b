/**
 * `sealog spool ...`: tools that look into a local spool directory.
 *
 *   sealog spool inspect --dir DIR [--json]   (also shows the chain head and key epoch)
 *
 * Inspect is read-only: it takes no lock and opens every file read-only, so
 * it is safe while an agent runs. Exit 0, or 2 if the directory is unreadable.
 */
import type { Command } from 'commander';
import { errorMessage } from '../errors.js';
import { toHex } from '../integrity/bytes.js';
import type { ChainState } from '../integrity/sealer.js';
import { formatInspection } from '../spool/inspect.js';
import { spoolHead } from '../verify/check-spool.js';

export interface TextSink {
  write(s: string): unknown;
}

/** Writes the report of the spool in `dir`; returns the exit code (0, or 2 if unreadable). */
export async function runSpoolInspect(dir: string, json: boolean, out: TextSink, err: TextSink): Promise<number> {
  try {
    const { inspection, head } = await spoolHead(dir);
    if (json) {
      out.write(JSON.stringify({ ...inspection, chainHead: head ? headJson(head) : null }, null, 2) + '\n');
    } else {
      out.write(formatInspection(inspection));
      out.write(head ? formatHead(head) : 'chain head: none (no frame carries chain state yet)\n');
    }
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
    .requiredOption('-d, --dir <dir>', 'spool directory (spool.dir of the pipeline, e.g. /var/lib/sealog/spool/logs)')
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
