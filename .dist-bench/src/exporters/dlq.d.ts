import type { SeqRange } from './batch.js';
export declare const DLQ_DIRNAME = "dlq";
export interface DeadLetterReplay {
    time: string;
    endpoint: string;
    /** HTTP status, 0 if no response. */
    status: number;
    ok: boolean;
    message: string;
}
export interface DeadLetterMeta {
    version: 1;
    exporter: string;
    /** When it was dead-lettered (ISO 8601 UTC). */
    time: string;
    /** rejected: a permanent HTTP status; retries_exhausted: max_elapsed_time passed; unencodable: the batch could not be encoded. */
    reason: 'rejected' | 'retries_exhausted' | 'unencodable';
    /** The last HTTP status (0 when there was none, e.g. a network error). */
    status: number;
    /** The server's message (google.rpc.Status message or response text), or the error. */
    message: string;
    /** The URL it was sent to (no credentials). */
    endpoint: string;
    records: number;
    /** Size of the body file. */
    bytes: number;
    encoding: 'proto' | 'json';
    contentType: string;
    /** Spool frame ids the batch came from. */
    frames: {
        first: number;
        last: number;
    };
    /** sealog.seq range per stream, when the body could be decoded. */
    streams: SeqRange[];
    attempts: number;
    /** Body file name, next to the sidecar. */
    bodyFile: string;
    replays: DeadLetterReplay[];
}
export type NewDeadLetter = Omit<DeadLetterMeta, 'version' | 'bodyFile' | 'replays' | 'bytes' | 'time'> & {
    time?: Date;
};
export interface DeadLetterEntry {
    /** Absolute path of the sidecar. */
    metaPath: string;
    bodyPath: string;
    meta: DeadLetterMeta;
}
/** The dead-letter directory of one exporter: `<spoolDir>/dlq/<exporter id>` (an id `type/name` nests one level). */
export declare function dlqDirFor(spoolDir: string, exporterId: string): string;
/** Writes one dead letter durably; returns its entry. Throws on I/O errors (the caller must not ack then). */
export declare function writeDeadLetter(dir: string, body: Uint8Array, info: NewDeadLetter): Promise<DeadLetterEntry>;
export interface DeadLetterListing {
    entries: DeadLetterEntry[];
    /** Sidecars that could not be read, with the reason. */
    problems: string[];
}
/**
 * Every dead letter in a spool directory (of one exporter when exporterId is
 * given, matched on the sidecar's `exporter`), oldest first. The whole
 * `<spoolDir>/dlq` tree is searched, so entries are found whatever folder
 * naming wrote them. Throws AgentError INPUT_UNREADABLE if spoolDir itself
 * cannot be read; a spool without a dlq folder has no dead letters.
 */
export declare function listDeadLetters(spoolDir: string, exporterId?: string): Promise<DeadLetterListing>;
/** The stored request body, as it was to be sent (uncompressed; a JSON body without its trailing newline). */
export declare function readDeadLetterBody(entry: DeadLetterEntry): Promise<Uint8Array>;
/** Appends a replay attempt to the sidecar (atomically rewritten). */
export declare function recordReplay(entry: DeadLetterEntry, replay: DeadLetterReplay): Promise<void>;
/** Removes a dead letter: the sidecar first (so a half-deleted entry is never listed), then the body. */
export declare function deleteDeadLetter(entry: DeadLetterEntry): Promise<void>;
