/**
 * The auditor's trust for `sealog verify` and `sealog spool verify` alike:
 * the keys given with --key (anchors and keyrings) and the stream bindings
 * given with --key-for GLOB=PUB (whose keys are trusted too).
 */
import { AgentError } from '../errors.js';
import { keyIdOf, TrustStore } from '../integrity/keys.js';
import { nodeCrypto } from '../integrity/node/crypto.js';
import { readPublicKeys } from '../integrity/node/keyfile.js';
/** Parses `GLOB=PUBFILE`: the first `=` splits, so a glob holds none and a path may. */
export function parseKeyFor(spec) {
    const at = spec.indexOf('=');
    if (at <= 0 || at === spec.length - 1) {
        throw new AgentError('USAGE', `--key-for "${spec}": expected GLOB=PUBFILE, e.g. --key-for 'web-1/*=keys/web-1.pub'`);
    }
    return { pattern: spec.slice(0, at), file: spec.slice(at + 1) };
}
export function loadAuditorTrust(keyFiles, keyFor = []) {
    const trust = new TrustStore(nodeCrypto);
    const problems = [];
    const bindings = [];
    const parsed = keyFor.map(parseKeyFor);
    // Anchors first (every file), then keyrings can chain to any of them.
    const files = [...keyFiles, ...parsed.map((b) => b.file)];
    const entries = files.map((f) => ({ file: f, entries: readPublicKeys(f) }));
    for (const { file, entries: e } of entries)
        problems.push(...trust.addKeyring(e.filter((x) => x.epoch === 0), true, file));
    for (const { file, entries: e } of entries)
        problems.push(...trust.addKeyring(e.filter((x) => x.epoch > 0), true, file));
    for (const b of parsed) {
        const e = entries.find((x) => x.file === b.file).entries;
        const anchorIds = new Set();
        for (const x of e)
            anchorIds.add(x.epoch === 0 ? keyIdOf(nodeCrypto, x.publicKey) : (x.anchorId ?? ''));
        anchorIds.delete('');
        if (anchorIds.size === 0)
            throw new AgentError('USAGE', `--key-for ${b.pattern}=${b.file}: the file names no anchor (give the host's sealog.pub)`);
        bindings.push({ pattern: b.pattern, anchorIds });
    }
    return { trust, bindings, problems: [...new Set(problems)] };
}
//# sourceMappingURL=trust.js.map