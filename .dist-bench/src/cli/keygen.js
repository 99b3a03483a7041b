import { generateKeyFiles } from '../integrity/node/keyfile.js';
export function registerKeygenCommand(program) {
    program
        .command('keygen')
        .description('Generate a signing key: DIR/sealog.key (private, mode 0600) and DIR/sealog.pub (give this one to auditors).')
        .requiredOption('-o, --out <dir>', 'directory to write the key files into (created if missing, mode 0700)')
        .option('--force', 'overwrite existing key files (the old key is lost)')
        .addHelpText('after', '\nExit codes: 0 written, 2 refused (files exist) or not writable.')
        .action((o) => {
        try {
            const r = generateKeyFiles(o.out, { force: o.force ?? false });
            process.stdout.write(`private key: ${r.keyFile} (mode 0600; keep it on this host only)\npublic key:  ${r.pubFile} (key id ${r.keyId}; give it to whoever runs sealog verify)\n`);
        }
        catch (err) {
            process.stderr.write(`sealog keygen: ${err instanceof Error ? err.message : String(err)}\n`);
            process.exitCode = 2;
        }
    });
}
//# sourceMappingURL=keygen.js.map