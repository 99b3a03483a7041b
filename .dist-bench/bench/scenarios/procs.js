import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
const children = new Set();
const dirs = new Set();
let installed = false;
function alive(child) {
    return child.exitCode === null && child.signalCode === null;
}
/** Registers a child; it is forgotten once it exits. */
export function track(child) {
    children.add(child);
    child.once('exit', () => children.delete(child));
    return child;
}
/** A fresh directory under os.tmpdir(), removed by cleanupAll() at the latest. */
export function tempDir(prefix) {
    const dir = mkdtempSync(join(tmpdir(), `sealog-bench-${prefix}-`));
    dirs.add(dir);
    return dir;
}
export function removeDir(dir) {
    rmSync(dir, { recursive: true, force: true });
    dirs.delete(dir);
}
/** Resolves with the exit code (or the signal name) once the child has exited. */
export function exited(child) {
    if (!alive(child))
        return Promise.resolve(child.exitCode ?? child.signalCode ?? 'unknown');
    return new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
}
/**
 * Sends `signal`, waits up to graceMs for the exit, then SIGKILLs.
 * Resolves with the exit code or signal name.
 */
export async function stopChild(child, signal = 'SIGTERM', graceMs = 20_000) {
    if (!alive(child))
        return exited(child);
    child.kill(signal);
    let timer;
    const timeout = new Promise((resolve) => {
        timer = setTimeout(() => resolve('timeout'), graceMs);
    });
    const r = await Promise.race([exited(child), timeout]);
    clearTimeout(timer);
    if (r !== 'timeout')
        return r;
    child.kill('SIGKILL');
    await exited(child);
    return `killed after ${graceMs} ms (did not stop on ${signal})`;
}
/** Kills every tracked child (SIGKILL, by pid) and removes every temp dir. Synchronous, so it can run in an exit handler. */
export function cleanupAll() {
    for (const child of children) {
        if (alive(child) && child.pid !== undefined) {
            try {
                process.kill(child.pid, 'SIGKILL');
            }
            catch {
                // Already gone between the check and the kill.
            }
        }
    }
    children.clear();
    for (const dir of dirs)
        rmSync(dir, { recursive: true, force: true });
    dirs.clear();
}
/** Installs exit and signal handlers that run cleanupAll(). */
export function installCleanup() {
    if (installed)
        return;
    installed = true;
    process.on('exit', cleanupAll);
    for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
        process.on(sig, () => {
            process.stderr.write(`\nbench: ${sig}: stopping every process the bench started and removing its temp dirs\n`);
            cleanupAll();
            process.exit(130);
        });
    }
}
//# sourceMappingURL=procs.js.map