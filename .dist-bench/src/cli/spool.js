import { errorMessage } from '../errors.js';
import { toHex } from '../integrity/bytes.js';
import { formatInspection } from '../spool/inspect.js';
import { spoolHead } from '../verify/check-spool.js';
/** Writes the report of the spool in `dir`; returns the exit code (0, or 2 if unreadable). */
export async function runSpoolInspect(dir, json, out, err) {
    try {
        const { inspection, head } = await spoolHead(dir);
        if (json) {
            out.write(JSON.stringify({ ...inspection, chainHead: head ? headJson(head) : null }, null, 2) + '\n');
        }
        else {
            out.write(formatInspection(inspection));
            out.write(head ? formatHead(head) : 'chain head: none (no frame carries chain state yet)\n');
        }
        return 0;
    }
    catch (e) {
        err.write(`sealog spool inspect: ${errorMessage(e)}\n`);
        return 2;
    }
}
/** Adds `spool` with its `inspect` subcommand and returns the `spool` command, for more subcommands. */
export function registerSpoolCommands(program, io = { out: process.stdout, err: process.stderr }) {
    const spool = program.command('spool').description('Look into a local spool directory (read-only tools).');
    spool
        .command('inspect')
        .description('Show segments, bytes, frames, records, each cursor and its lag, and what the next start would recover or cut. Read-only: takes no lock.')
        .requiredOption('-d, --dir <dir>', 'spool directory (spool.dir of the pipeline, e.g. /var/lib/sealog/spool/logs)')
        .option('--json', 'print the report as JSON')
        .addHelpText('after', '\nExit codes: 0 report printed, 2 directory unreadable.')
        .action(async (o) => {
        const code = await runSpoolInspect(o.dir, o.json === true, io.out, io.err);
        if (code !== 0)
            process.exitCode = code;
    });
    return spool;
}
function headJson(h) {
    return { stream: h.stream, chain: h.chain, seq: h.seq, hash: toHex(h.head), lastSealSeq: h.lastSealSeq, lastSealTime: new Date(Number(h.lastSealTimeNs / 1000000n)).toISOString(), keyEpoch: h.epoch };
}
function formatHead(h) {
    const j = headJson(h);
    return `chain head: stream ${j.stream}, chain ${j.chain}, seq ${j.seq}, hash ${j.hash}\n  last seal seq ${j.lastSealSeq} at ${j.lastSealTime}, key epoch ${j.keyEpoch}\n`;
}
//# sourceMappingURL=spool.js.map