/**
 * `sealog spool verify --dir DIR --key PUB [--json] [--strict]`: every frame's
 * CRC plus the chain and seals of everything still in a local spool. Read-only
 * (no lock), so it runs next to a live agent. Exit codes as `sealog verify`.
 */
import type { Command } from 'commander';
import { errorMessage } from '../errors.js';
import { checkSpool } from '../verify/check-spool.js';
import { formatJson, formatText } from '../verify/format.js';

export function registerSpoolVerifyCommand(spool: Command): void {
  spool
    .command('verify')
    .description("Check every frame's CRC and the chain and seals of everything still in a local spool (read-only, takes no lock).")
    .requiredOption('-d, --dir <dir>', 'spool directory of one pipeline (spool.dir/<pipeline>, e.g. /var/lib/sealog/spool/logs)')
    .requiredOption('-k, --key <file>', 'trusted public key (sealog.pub or a keyring); repeatable', (v: string, p: string[]) => [...p, v], [] as string[])
    .option('--json', 'print the machine-readable report')
    .option('--strict', 'treat warnings (unsealed tail, declared loss or gap, chain restart) as violations')
    .addHelpText('after', '\nThe oldest records are usually already exported and deleted: the report notes that absent prefix.\nExit codes: 0 intact, 1 integrity violation or damaged frame, 2 usage error or unreadable spool.')
    .action(async (o: { dir: string; key: string[]; json?: boolean; strict?: boolean }) => {
      try {
        const r = await checkSpool(o.dir, o.key, { strict: o.strict ?? false });
        const t = r.inspection.totals;
        process.stdout.write(
          o.json
            ? formatJson(r.report, { spool: o.dir, segments: t.segments, frames: t.dataFrames, records: t.records })
            : `spool ${o.dir}: ${t.segments} segment(s), ${t.dataFrames} frame(s), ${t.records} record(s)\n` + formatText(r.report),
        );
        process.exitCode = r.report.intact ? 0 : 1;
      } catch (err) {
        process.stderr.write(`sealog spool verify: ${errorMessage(err)}\n`);
        process.exitCode = 2;
      }
    });
}
