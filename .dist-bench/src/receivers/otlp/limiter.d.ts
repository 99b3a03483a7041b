/**
 * Counts requests in flight, refuses new ones above a limit (rather than
 * queueing them without bound), and lets shutdown wait until none are left.
 */
export declare class InFlightLimiter {
    #private;
    readonly limit: number;
    private readonly onChange?;
    constructor(limit: number, onChange?: ((count: number) => void) | undefined);
    get count(): number;
    /** Takes a slot; false when `limit` requests are already in flight. */
    tryAcquire(): boolean;
    release(): void;
    /** Resolves once no request is in flight (immediately if none is). */
    idle(): Promise<void>;
}
/** Whether `p` settles within `ms` (the timer is cleared either way): how shutdown bounds its grace period. */
export declare function settlesWithin(p: Promise<unknown>, ms: number): Promise<boolean>;
