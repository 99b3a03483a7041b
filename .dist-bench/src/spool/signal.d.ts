/** A one-shot broadcast: wait() resolves at the next notify(), or when the signal aborts. */
export declare class Signal {
    #private;
    wait(signal?: AbortSignal): Promise<void>;
    notify(): void;
}
