/**
 * `sealog spool verify --dir DIR --key PUB [--key-for GLOB=PUB] [--json] [--strict]`: every frame's
 * CRC plus the chain and seals of everything still in a local spool. Read-only
 * (no lock), so it runs next to a live agent. `--dir` is one pipeline's
 * folder or spool.dir itself (then every pipeline's spool is checked, each
 * reported under its name). Exit codes as `sealog verify`.
 */
import type { Command } from 'commander';
import { errorMessage } from '../errors.js';
import { resolveSpoolDirs } from '../spool/layout.js';
import { checkSpool } from '../verify/check-spool.js';
import { formatJson, formatText } from '../verify/format.js';

export function registerSpoolVerifyCommand(spool: Command): void {
  spool
    .command('verify')
    .description("Check every frame's CRC and the chain and seals of everything still in a local spool (read-only, takes no lock).")
    .requiredOption('-d, --dir <dir>', "spool.dir from the configuration (every pipeline is checked) or one pipeline's folder, e.g. /var/lib/sealog/spool/logs")
    .option('-k, --key <file>', 'trusted public key (sealog.pub or a keyring); repeatable', (v: string, p: string[]) => [...p, v], [] as string[])
    .option('--key-for <glob=pub>', "bind streams matching GLOB ('*' matches any characters, '/' included) to the anchor in PUB; repeatable", (v: string, p: string[]) => [...p, v], [] as string[])
    .option('--json', 'print the machine-readable report')
    .option('--strict', 'treat warnings (unsealed tail, declared loss or gap, chain restart, lost spool tail) as violations; with several trusted anchors (--key), or any --key-for, a stream no --key-for binding matches is unbound_stream')
    .addHelpText('after', '\nThe oldest records are usually already exported and deleted: the report notes that absent prefix.\nExit codes: 0 intact, 1 integrity violation or damaged frame, 2 usage error or unreadable spool.')
    .action(async (o: { dir: string; key: string[]; keyFor: string[]; json?: boolean; strict?: boolean }) => {
      try {
        const dirs = await resolveSpoolDirs(o.dir);
        let intact = true;
        const json: unknown[] = [];
        for (const p of dirs.pipelines) {
          const r = await checkSpool(p.dir, o.key, { strict: o.strict ?? false, keyFor: o.keyFor });
          const t = r.inspection.totals;
          intact &&= r.report.intact;
          const extra = { ...(dirs.kind === 'root' ? { pipeline: p.name } : {}), spool: p.dir, segments: t.segments, frames: t.dataFrames, records: t.records };
          if (o.json) json.push(JSON.parse(formatJson(r.report, extra)));
          else process.stdout.write(`${dirs.kind === 'root' ? `== pipeline ${p.name} ==\n` : ''}spool ${p.dir}: ${t.segments} segment(s), ${t.dataFrames} frame(s), ${t.records} record(s)\n` + formatText(r.report));
        }
        if (o.json) process.stdout.write(JSON.stringify(dirs.kind === 'root' ? { spoolDir: o.dir, pipelines: json } : json[0], null, 2) + '\n');
        process.exitCode = intact ? 0 : 1;
      } catch (err) {
        process.stderr.write(`sealog spool verify: ${errorMessage(err)}\n`);
        process.exitCode = 2;
      }
    });
}
