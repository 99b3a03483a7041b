/** Spool.scan(): every intact frame of the given segments, in order, with its meta and position. */
import { SEGMENT_HEADER_BYTES } from './format.js';
import { FrameScanner, SCAN_END, SCAN_FRAME } from './frame-scanner.js';
import { errnoCode } from './spool-fs.js';
export async function* scanSegments(segments, fs, chunkBytes) {
    for (const seg of segments) {
        if (seg.visibleEnd === 0)
            continue;
        let fh;
        try {
            fh = await fs.open(seg.path, 'r');
        }
        catch (err) {
            if (errnoCode(err) === 'ENOENT')
                continue; // deleted meanwhile
            throw err;
        }
        try {
            const sc = new FrameScanner(fh, SEGMENT_HEADER_BYTES, seg.firstId - 1, seg.visibleEnd, chunkBytes);
            for (let ev = await sc.next(); ev !== SCAN_END; ev = await sc.next()) {
                if (ev !== SCAN_FRAME)
                    continue;
                const v = sc.view;
                if (v.type !== 1 && v.type !== 2)
                    continue;
                yield {
                    id: v.id,
                    type: v.type,
                    records: v.records,
                    flags: v.flags,
                    appendedAtMs: v.appendedAtMs,
                    meta: sc.buf.subarray(v.metaStart, v.metaEnd),
                    payload: sc.buf.subarray(v.payloadStart, v.payloadEnd),
                    segment: seg.name,
                    offset: sc.frameOffset,
                };
            }
        }
        finally {
            await fh.close();
        }
    }
}
//# sourceMappingURL=scan.js.map