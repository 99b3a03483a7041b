/**
 * `sealog spool inspect`: a read-only look at a spool directory. It takes no
 * lock and changes nothing (files are opened read-only), so it is safe next
 * to a running agent; a frame being written at that moment may show up as an
 * incomplete tail. It reads every frame (a tool, not a hot path) and reports
 * what the next startup's recovery would do.
 */
import { join } from 'node:path';
import { AgentError, errorMessage } from '../errors.js';
import { CURSOR_SUFFIX, parseCursorFileName } from './cursor-file.js';
import { readCursorFile } from './cursor-store.js';
import { FORMAT_VERSION, FRAME_TYPE_CHECKPOINT, FRAME_TYPE_DATA, SEGMENT_HEADER_BYTES, decodeSegmentHeader, parseSegmentFileName } from './format.js';
import { FrameScanner, SCAN_END, SCAN_FRAME, SCAN_SKIP, SCAN_TAIL, describeTail } from './frame-scanner.js';
import { LOCK_FILE, holderState, parseLockInfo } from './lock.js';
import { errnoCode, nodeSpoolFs, readFully, readIfExists } from './spool-fs.js';
export async function inspectSpool(dir, fs = nodeSpoolFs, onFrame) {
    let files;
    try {
        files = await fs.readdir(dir);
    }
    catch (err) {
        throw new AgentError('SPOOL_IO', `cannot read spool directory ${dir}: ${errorMessage(err)}`, { cause: err });
    }
    const out = {
        dir,
        formatVersion: FORMAT_VERSION,
        lock: { held: false },
        segments: [],
        totals: { segments: 0, bytes: 0, dataFrames: 0, checkpointFrames: 0, records: 0, firstId: 0, lastId: 0 },
        cursors: [],
        recoveryState: { dataFramesAfter: 0, metaBytesAfter: 0 },
        findings: [],
        otherFiles: [],
    };
    await inspectLock(fs, dir, out);
    const cursors = [];
    for (const f of files.sort()) {
        if (!f.endsWith(CURSOR_SUFFIX))
            continue;
        const name = parseCursorFileName(f);
        if (name === undefined)
            continue;
        const c = await readCursorFile(fs, dir, name);
        if (!c.state) {
            out.findings.push(`cursor ${name} is unreadable (${c.problem ?? 'damaged'}): that reader would start again at the oldest frame`);
            cursors.push({ name, ackedId: 0, lagFrames: 0, lagRecords: 0, lagBytes: 0, problem: c.problem ?? 'unreadable' });
            continue;
        }
        cursors.push({ name, ackedId: c.state.ackedId, writtenAt: new Date(c.state.writtenAtMs).toISOString(), lagFrames: 0, lagRecords: 0, lagBytes: 0 });
    }
    const segs = files
        .map((f) => ({ f, id: parseSegmentFileName(f) }))
        .filter((x) => x.id !== undefined)
        .sort((a, b) => a.id - b.id);
    for (const f of files) {
        if (parseSegmentFileName(f) === undefined && f !== LOCK_FILE && !f.endsWith(CURSOR_SUFFIX) && !f.endsWith(CURSOR_SUFFIX + '.tmp'))
            out.otherFiles.push(f);
    }
    for (let i = 0; i < segs.length; i++) {
        const seg = await inspectSegment(fs, dir, segs[i].f, segs[i].id, i === segs.length - 1, cursors, out, onFrame);
        if (seg)
            out.segments.push(seg);
    }
    const t = out.totals;
    for (const s of out.segments) {
        t.segments++;
        t.bytes += s.bytes;
        t.dataFrames += s.dataFrames;
        t.checkpointFrames += s.checkpointFrames;
        t.records += s.records;
    }
    t.firstId = out.segments[0]?.firstId ?? 0;
    t.lastId = out.segments[out.segments.length - 1]?.lastId ?? 0;
    for (const c of cursors) {
        if (c.problem === undefined && c.ackedId > t.lastId) {
            out.findings.push(`cursor ${c.name} is past the end of the spool (acknowledged ${c.ackedId}, last frame ${t.lastId}): new frames will get larger ids`);
        }
        else if (c.problem === undefined && t.firstId > 0 && c.ackedId < t.firstId - 1) {
            out.findings.push(`cursor ${c.name} is stale (acknowledged ${c.ackedId}, oldest frame ${t.firstId}): it would continue from the oldest frame`);
        }
        out.cursors.push(c);
    }
    return out;
}
async function inspectLock(fs, dir, out) {
    const buf = await readIfExists(fs, join(dir, LOCK_FILE));
    if (!buf)
        return;
    const info = parseLockInfo(Buffer.from(buf).toString('utf8'));
    if (!info) {
        out.lock = { held: true, pid: 0, host: '', since: '', holder: 'unreadable' };
        out.findings.push(`${LOCK_FILE} is unreadable: the next start removes it`);
        return;
    }
    const holder = holderState(info, dir);
    out.lock = { held: true, pid: info.pid, host: info.host, since: info.createdAt, holder };
    if (holder === 'dead')
        out.findings.push(`${LOCK_FILE} is stale (pid ${info.pid} is gone): the next start takes it over`);
}
async function inspectSegment(fs, dir, file, id, newest, cursors, out, onFrame) {
    let fh;
    try {
        fh = await fs.open(join(dir, file), 'r');
    }
    catch (err) {
        if (errnoCode(err) === 'ENOENT')
            return undefined; // deleted by the running agent meanwhile
        throw err;
    }
    try {
        const size = await fh.size();
        const head = new Uint8Array(SEGMENT_HEADER_BYTES);
        const n = await readFully(fh, head, 0, SEGMENT_HEADER_BYTES, 0);
        const h = decodeSegmentHeader(head, n);
        if (!h.ok || h.header.firstId !== id) {
            const why = h.ok ? `header names first frame ${h.header.firstId}` : `header ${h.reason}`;
            out.findings.push(newest && !h.ok && (h.reason === 'short' || h.reason === 'zero')
                ? `${file}: ${why} (${size} bytes): a segment whose start was interrupted; the next start removes it`
                : `${file}: ${why}: the next start moves it aside as ${file}.corrupt`);
            return undefined;
        }
        const s = { name: file, firstId: id, lastId: id - 1, bytes: size, dataFrames: 0, checkpointFrames: 0, records: 0, damage: [] };
        const sc = new FrameScanner(fh, SEGMENT_HEADER_BYTES, id - 1, size);
        for (;;) {
            const ev = await sc.next();
            if (ev === SCAN_END)
                break;
            const v = sc.view;
            if (ev === SCAN_FRAME) {
                s.lastId = v.id;
                onFrame?.({
                    type: v.type,
                    id: v.id,
                    records: v.records,
                    flags: v.flags,
                    meta: sc.buf.subarray(v.metaStart, v.metaEnd),
                    payload: sc.buf.subarray(v.payloadStart, v.payloadEnd),
                    segment: file,
                    offset: sc.frameOffset,
                });
                const metaBytes = v.metaEnd - v.metaStart;
                if (v.type === FRAME_TYPE_CHECKPOINT) {
                    s.checkpointFrames++;
                    out.recoveryState = { checkpointId: v.id, checkpointMetaBytes: metaBytes, dataFramesAfter: 0, metaBytesAfter: 0 };
                    continue;
                }
                if (v.type !== FRAME_TYPE_DATA)
                    continue;
                s.dataFrames++;
                s.records += v.records;
                out.recoveryState.dataFramesAfter++;
                out.recoveryState.metaBytesAfter += metaBytes;
                for (const c of cursors) {
                    if (c.problem !== undefined || v.id <= c.ackedId)
                        continue;
                    c.lagFrames++;
                    c.lagRecords += v.records;
                    c.lagBytes += v.size;
                }
            }
            else if (ev === SCAN_SKIP) {
                const d = `damaged region at bytes ${sc.skipFrom}..${sc.skipTo} (about ${sc.skipFrames} frame(s)), skipped by readers`;
                s.damage.push(d);
                out.findings.push(`${file}: ${d}`);
            }
            else if (ev === SCAN_TAIL) {
                const bytes = size - sc.tailFrom;
                s.damage.push(`${bytes} unreadable bytes at offset ${sc.tailFrom}: ${describeTail(sc.tailReason)}`);
                out.findings.push(newest
                    ? `${file}: the next start cuts ${bytes} bytes at offset ${sc.tailFrom} (or a write is in progress right now)`
                    : `${file}: ${bytes} unreadable bytes at offset ${sc.tailFrom}, skipped by readers`);
            }
        }
        return s;
    }
    finally {
        await fh.close();
    }
}
/** Human-readable report. */
export function formatInspection(i) {
    const lines = [];
    const lock = i.lock.held
        ? `lock held by pid ${i.lock.pid} on ${i.lock.host} since ${i.lock.since} (${i.lock.holder === 'alive' ? 'running' : i.lock.holder})`
        : 'no agent holds the lock';
    lines.push(`spool ${i.dir} (format ${i.formatVersion})`);
    lines.push(`read-only: opened without taking the lock; ${lock}`);
    const t = i.totals;
    lines.push(`segments: ${t.segments}, bytes: ${t.bytes}, data frames: ${t.dataFrames}, checkpoint frames: ${t.checkpointFrames}, records: ${t.records}` +
        (t.segments > 0 ? `, frame ids ${t.firstId}..${t.lastId}` : ''));
    for (const s of i.segments) {
        lines.push(`  ${s.name}  ${s.bytes} bytes  ids ${s.firstId}..${s.lastId}  ${s.dataFrames} data frames  ${s.records} records${s.damage.length ? '  DAMAGED' : ''}`);
    }
    lines.push(`cursors: ${i.cursors.length === 0 ? 'none' : ''}`);
    for (const c of i.cursors) {
        lines.push(c.problem !== undefined
            ? `  ${c.name}: unreadable (${c.problem})`
            : `  ${c.name}: acknowledged id ${c.ackedId}, lag ${c.lagFrames} frames / ${c.lagRecords} records / ${c.lagBytes} bytes (written ${c.writtenAt})`);
    }
    const r = i.recoveryState;
    lines.push(r.checkpointId === undefined
        ? `recovery state: no checkpoint frame; ${r.dataFramesAfter} data frames carry ${r.metaBytesAfter} bytes of meta`
        : `recovery state: checkpoint frame ${r.checkpointId} (${r.checkpointMetaBytes} bytes of meta) + ${r.dataFramesAfter} data frames after it (${r.metaBytesAfter} bytes of meta)`);
    lines.push(`findings: ${i.findings.length === 0 ? 'none' : ''}`);
    for (const f of i.findings)
        lines.push(`  ${f}`);
    if (i.otherFiles.length)
        lines.push(`other files: ${i.otherFiles.join(', ')}`);
    return lines.join('\n') + '\n';
}
//# sourceMappingURL=inspect.js.map