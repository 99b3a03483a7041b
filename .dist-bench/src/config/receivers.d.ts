/**
 * `receivers:` entries: filelog and otlp.
 */
import type { ReceiverConfig } from './types.js';
import { type ListenEndpoint } from './common.js';
import type { Section } from './reader.js';
export declare const RECEIVER_TYPES: readonly ["filelog", "otlp"];
/** Severity short names accepted in a severity parser mapping and in filter min_severity. */
export declare const SEVERITY_NAMES: readonly string[];
/** SeverityNumber of a short name (`warn` -> 13, `error2` -> 18), case-insensitive. */
export declare function severityNumberOf(name: string): number | undefined;
export interface ReceiverRead {
    config: ReceiverConfig;
    /** Sockets this receiver would listen on (checked for clashes across receivers). */
    endpoints: ListenEndpoint[];
}
export declare function readReceiver(id: string, type: string, s: Section): ReceiverRead | undefined;
