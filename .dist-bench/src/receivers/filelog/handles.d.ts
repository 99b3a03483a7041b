/**
 * The descriptor budget: at most max_concurrent_files handles are open (or
 * being opened) at once. When the budget is spent, the least recently used
 * idle file is closed; files that left the include set are closed last, since
 * their descriptor is the only way left to read them.
 */
import type { FileHandle } from 'node:fs/promises';
import type { Series } from '../../telemetry/metrics.js';
import type { TrackedFile } from './tracked.js';
export declare class HandlePool {
    #private;
    private readonly onEvictOrphan;
    /** `onEvictOrphan` is told when a not yet drained orphan had to be closed. */
    constructor(max: number, gauge: Series, onEvictOrphan: (t: TrackedFile) => void);
    /** Handles open or reserved. */
    get count(): number;
    /** Takes a slot for a handle about to be opened, closing an idle file first if needed. */
    reserve(): void;
    /** Gives back a reserved slot whose open failed. */
    cancel(): void;
    /** Records an opened handle (in a reserved slot) as the file's. */
    attach(t: TrackedFile, fh: FileHandle): void;
    /** Marks the file's handle as just used. */
    touch(t: TrackedFile): void;
    /** Closes the file's handle (in the background) and frees its slot. */
    release(t: TrackedFile): void;
    /** Resolves once every close started so far has finished. */
    settled(): Promise<void>;
}
