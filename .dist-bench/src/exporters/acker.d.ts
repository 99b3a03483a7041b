/**
 * Moves a SpoolReader's cursor forward, one ack at a time: requests made
 * while an ack is being persisted are coalesced into the next one (the cursor
 * is cumulative), so a burst of small batches costs one cursor write, not one
 * per batch. A failed ack is logged and retried; it never loses position.
 */
import type { SpoolReader } from '../spool/types.js';
import type { Logger } from '../telemetry/logger.js';
export declare class CursorAcker {
    #private;
    private readonly reader;
    private readonly logger;
    private readonly onAcked;
    constructor(reader: SpoolReader, logger: Logger, onAcked: (id: number) => void);
    /** Asks for the cursor to move to frame id (ignored if it is not beyond what was asked before). */
    request(id: number): void;
    /** The highest frame id persisted so far. */
    get acked(): number;
    /** True when every requested ack is persisted. */
    get idle(): boolean;
    /** Waits for the pending ack (if any) to finish; after close(), a failing ack is not retried. */
    settle(): Promise<void>;
    /** Stops retrying failed acks; a pending ack still completes. */
    close(): void;
}
/** A level-triggered "something changed" signal: waiters wake on the next notify() or at their deadline. */
export declare class Progress {
    #private;
    notify(): void;
    /** Resolves on the next notify() or after ms. */
    wait(ms: number): Promise<void>;
}
