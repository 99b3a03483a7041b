/**
 * The pipeline state stored in each spool frame's meta (opaque to the spool):
 * the chain state after the frame, and the file positions that the frame
 * commits. A checkpoint frame (first frame of each segment) holds every
 * position, so recovery reads only the newest segment.
 *
 * Encoding: UTF-8 JSON, one object: { v: 1, k: 'd' | 'c', chain?, pos? }.
 */
import { fromHex, toHex } from '../integrity/bytes.js';
const enc = new TextEncoder();
const dec = new TextDecoder();
function chainToJson(s) {
    return {
        stream: s.stream,
        chain: s.chain,
        seq: s.seq,
        head: toHex(s.head),
        lastSealSeq: s.lastSealSeq,
        lastSealHash: toHex(s.lastSealHash),
        lastSealTimeNs: s.lastSealTimeNs.toString(),
        rangeFrom: s.rangeFrom,
        rangeStart: toHex(s.rangeStart),
        merkle: { h: s.merkle.hashes.map(toHex), s: s.merkle.sizes, c: s.merkle.count },
        epoch: s.epoch,
    };
}
function hex32(s) {
    const b = fromHex(s);
    if (!b || b.length !== 32)
        throw new Error('bad hash in frame meta');
    return b;
}
function chainFromJson(j) {
    return {
        stream: j.stream,
        chain: j.chain,
        seq: j.seq,
        head: hex32(j.head),
        lastSealSeq: j.lastSealSeq,
        lastSealHash: hex32(j.lastSealHash),
        lastSealTimeNs: BigInt(j.lastSealTimeNs),
        rangeFrom: j.rangeFrom,
        rangeStart: hex32(j.rangeStart),
        merkle: { hashes: j.merkle.h.map(hex32), sizes: j.merkle.s, count: j.merkle.c },
        epoch: j.epoch,
    };
}
export function encodeMeta(m) {
    const j = { v: 1, k: m.checkpoint ? 'c' : 'd' };
    if (m.chain)
        j.chain = chainToJson(m.chain);
    if (m.positions.length)
        j.pos = m.positions.map((p) => [p.receiver, p.key, p.path, p.offset]);
    return enc.encode(JSON.stringify(j));
}
export function decodeMeta(b) {
    const j = JSON.parse(dec.decode(b));
    if (j.v !== 1)
        throw new Error(`unknown frame meta version ${String(j.v)}`);
    return {
        checkpoint: j.k === 'c',
        ...(j.chain ? { chain: chainFromJson(j.chain) } : {}),
        positions: (j.pos ?? []).map(([receiver, key, path, offset]) => ({ receiver, key, path, offset })),
    };
}
/** Folds the metas the spool returns (checkpoint first, then deltas) into one state. */
export function recoverState(metas) {
    const out = { positions: new Map(), problems: [] };
    for (const b of metas) {
        let m;
        try {
            m = decodeMeta(b);
        }
        catch (err) {
            out.problems.push(`unreadable frame meta skipped: ${err.message}`);
            continue;
        }
        if (m.checkpoint)
            out.positions.clear();
        if (m.chain)
            out.chain = m.chain;
        for (const p of m.positions) {
            let byKey = out.positions.get(p.receiver);
            if (!byKey)
                out.positions.set(p.receiver, (byKey = new Map()));
            byKey.set(p.key, p);
        }
    }
    return out;
}
//# sourceMappingURL=meta.js.map