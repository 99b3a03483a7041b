import { errorMessage } from '../errors.js';
import { checkSpool } from '../verify/check-spool.js';
import { formatJson, formatText } from '../verify/format.js';
export function registerSpoolVerifyCommand(spool) {
    spool
        .command('verify')
        .description("Check every frame's CRC and the chain and seals of everything still in a local spool (read-only, takes no lock).")
        .requiredOption('-d, --dir <dir>', 'spool directory of one pipeline (spool.dir/<pipeline>, e.g. /var/lib/sealog/spool/logs)')
        .option('-k, --key <file>', 'trusted public key (sealog.pub or a keyring); repeatable', (v, p) => [...p, v], [])
        .option('--key-for <glob=pub>', "bind streams matching GLOB ('*' matches any characters, '/' included) to the anchor in PUB; repeatable", (v, p) => [...p, v], [])
        .option('--json', 'print the machine-readable report')
        .option('--strict', 'treat warnings (unsealed tail, declared loss, chain restart) as violations')
        .addHelpText('after', '\nThe oldest records are usually already exported and deleted: the report notes that absent prefix.\nExit codes: 0 intact, 1 integrity violation or damaged frame, 2 usage error or unreadable spool.')
        .action(async (o) => {
        try {
            const r = await checkSpool(o.dir, o.key, { strict: o.strict ?? false, keyFor: o.keyFor });
            const t = r.inspection.totals;
            process.stdout.write(o.json
                ? formatJson(r.report, { spool: o.dir, segments: t.segments, frames: t.dataFrames, records: t.records })
                : `spool ${o.dir}: ${t.segments} segment(s), ${t.dataFrames} frame(s), ${t.records} record(s)\n` + formatText(r.report));
            process.exitCode = r.report.intact ? 0 : 1;
        }
        catch (err) {
            process.stderr.write(`sealog spool verify: ${errorMessage(err)}\n`);
            process.exitCode = 2;
        }
    });
}
//# sourceMappingURL=spool-verify.js.map