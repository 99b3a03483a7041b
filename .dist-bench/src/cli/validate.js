import { ConfigError, loadConfigFile } from '../config/load.js';
function plural(n, word) {
    return `${n} ${word}${n === 1 ? '' : 's'}`;
}
/** `2 pipelines, 3 receivers, 1 processor, 2 exporters, spool /var/lib/sealog/spool` */
export function summarizeConfig(c) {
    const used = (ids) => new Set(ids.flat()).size;
    return [
        plural(c.pipelines.length, 'pipeline'),
        plural(used(c.pipelines.map((p) => p.receivers)), 'receiver'),
        plural(used(c.pipelines.map((p) => p.processors)), 'processor'),
        plural(used(c.pipelines.map((p) => p.exporters)), 'exporter'),
        `agent id ${c.agentId}`,
    ].join(', ');
}
/**
 * Validates one file, writes the result, returns the exit code (0 valid,
 * 2 invalid or unreadable).
 */
export function runValidate(file, out, err, env = process.env) {
    try {
        const cfg = loadConfigFile(file, env);
        out.write(`${file}: ok (${summarizeConfig(cfg)})\n`);
        return 0;
    }
    catch (e) {
        if (!(e instanceof ConfigError))
            throw e;
        err.write(e.format() + '\n');
        err.write(`${file}: ${plural(e.issues.length, 'problem')}\n`);
        return 2;
    }
}
/** Adds `validate`; `io` defaults to the process's stdout and stderr. */
export function registerValidateCommand(program, io = { out: process.stdout, err: process.stderr }) {
    program
        .command('validate')
        .description('Check a config file: prints "FILE: ok (...)" and exits 0, or lists every problem as file:line: path: message and exits 2.')
        .requiredOption('-c, --config <file>', 'config file to check')
        .action((opts) => {
        const code = runValidate(opts.config, io.out, io.err);
        if (code !== 0)
            process.exitCode = code;
    });
}
//# sourceMappingURL=validate.js.map