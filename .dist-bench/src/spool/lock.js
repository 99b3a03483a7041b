/**
 * The spool's advisory lock: a file `sealog.lock` created exclusively
 * (O_CREAT|O_EXCL) holding one JSON line that names its holder:
 *
 *   {"pid":1234,"host":"web-1","startTicks":"987654","nonce":"…","createdAt":"2026-…"}
 *
 * A lock whose holder is gone (no such pid, or the pid now belongs to a
 * process that started at another time, i.e. a reused pid) is stale and is
 * taken over with a log line, so a `kill -9` never leaves the agent unable to
 * start. A lock written on another host cannot be checked and is taken over
 * with a warning: one spool directory must not be shared between hosts.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { AgentError } from '../errors.js';
import { errnoCode, readIfExists, unlinkIfExists, writeFully } from './spool-fs.js';
export const LOCK_FILE = 'sealog.lock';
/** Directories (resolved paths) whose lock this process holds. */
const heldHere = new Set();
/** Start time of a process in clock ticks since boot, from /proc (undefined off Linux or if it is gone). */
export function processStartTicks(pid) {
    try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        // Field 2 (comm) may contain spaces and parentheses: fields after it start past the last ')'.
        const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return rest[19];
    }
    catch {
        return undefined;
    }
}
export function parseLockInfo(text) {
    try {
        const v = JSON.parse(text);
        if (typeof v.pid !== 'number' || !Number.isInteger(v.pid) || typeof v.host !== 'string')
            return undefined;
        return {
            pid: v.pid,
            host: v.host,
            startTicks: typeof v.startTicks === 'string' ? v.startTicks : undefined,
            nonce: typeof v.nonce === 'string' ? v.nonce : '',
            createdAt: typeof v.createdAt === 'string' ? v.createdAt : '',
        };
    }
    catch {
        return undefined;
    }
}
/** Whether the process named in a lock file still runs (on this host). */
export function holderState(info, dir) {
    if (info.host !== hostname())
        return 'foreign-host';
    if (info.pid === process.pid)
        return heldHere.has(resolve(dir)) ? 'alive' : 'dead';
    try {
        process.kill(info.pid, 0);
    }
    catch (err) {
        if (errnoCode(err) === 'ESRCH')
            return 'dead';
    }
    if (info.startTicks !== undefined) {
        const now = processStartTicks(info.pid);
        if (now !== undefined && now !== info.startTicks)
            return 'dead';
    }
    return 'alive';
}
export class SpoolLock {
    fs;
    dir;
    info;
    #released = false;
    constructor(fs, dir, info) {
        this.fs = fs;
        this.dir = dir;
        this.info = info;
    }
    /** Removes the lock file if it is still ours; idempotent. */
    async release() {
        if (this.#released)
            return;
        this.#released = true;
        heldHere.delete(resolve(this.dir));
        const path = join(this.dir, LOCK_FILE);
        const current = await readIfExists(this.fs, path);
        const holder = current && parseLockInfo(Buffer.from(current).toString('utf8'));
        if (holder && holder.nonce === this.info.nonce)
            await unlinkIfExists(this.fs, path);
    }
}
/** Takes the lock of `dir` or throws AgentError 'SPOOL_LOCKED' naming the holder. */
export async function acquireLock(fs, dir, logger) {
    const key = resolve(dir);
    if (heldHere.has(key)) {
        throw new AgentError('SPOOL_LOCKED', `spool ${dir} is already open in this process (pid ${process.pid}); close it before opening it again`);
    }
    const path = join(dir, LOCK_FILE);
    const info = {
        pid: process.pid,
        host: hostname(),
        startTicks: processStartTicks(process.pid),
        nonce: randomBytes(8).toString('hex'),
        createdAt: new Date().toISOString(),
    };
    const content = Buffer.from(JSON.stringify(info) + '\n', 'utf8');
    for (let attempt = 0; attempt < 5; attempt++) {
        try {
            const fh = await fs.open(path, 'wx');
            try {
                await writeFully(fh, content, 0, content.length, 0);
                await fh.datasync();
            }
            finally {
                await fh.close();
            }
            heldHere.add(key);
            return new SpoolLock(fs, dir, info);
        }
        catch (err) {
            if (errnoCode(err) !== 'EEXIST')
                throw err;
        }
        const existing = await readIfExists(fs, path);
        if (existing === undefined)
            continue; // released between our two calls: try again
        const text = Buffer.from(existing).toString('utf8');
        const holder = parseLockInfo(text);
        if (holder) {
            const state = holderState(holder, dir);
            if (state === 'alive') {
                throw new AgentError('SPOOL_LOCKED', `spool ${dir} is locked by pid ${holder.pid} (since ${holder.createdAt}): another sealog is using it; stop that process or give this one another spool.dir`);
            }
            if (state === 'foreign-host') {
                logger.warn('taking over a spool lock written on another host; one spool directory must not be shared between hosts', {
                    dir,
                    holderPid: holder.pid,
                    holderHost: holder.host,
                });
            }
            else {
                logger.info('removing a stale spool lock (its process is gone)', { dir, holderPid: holder.pid, since: holder.createdAt });
            }
        }
        else {
            logger.warn('removing an unreadable spool lock file', { dir, file: path });
        }
        await unlinkIfExists(fs, path);
    }
    throw new AgentError('SPOOL_LOCKED', `could not take the lock of spool ${dir}: ${LOCK_FILE} keeps reappearing (another sealog starting at the same time?)`);
}
//# sourceMappingURL=lock.js.map