/**
 * A small public file beside the key (`sealog.streams.json`) that remembers
 * which streams this key has started, so that a stream whose spool was lost
 * starts a new chain with reason `spool_lost` rather than `new`.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../integrity/node/keyfile.js';
function markerPath(keyFile) {
    return join(dirname(keyFile), 'sealog.streams.json');
}
function readAll(keyFile) {
    try {
        return JSON.parse(readFileSync(markerPath(keyFile), 'utf8'));
    }
    catch {
        return {};
    }
}
export function readStreamMarker(keyFile, stream) {
    return readAll(keyFile)[stream];
}
export function writeStreamMarker(keyFile, stream, chain) {
    const all = readAll(keyFile);
    all[stream] = { chain, started: new Date().toISOString() };
    writeFileAtomic(markerPath(keyFile), JSON.stringify(all, null, 2) + '\n', 0o644);
}
//# sourceMappingURL=stream-marker.js.map