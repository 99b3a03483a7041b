import type { LogsData } from '../otlp/types.js';
/** Whether an OTLP JSON line may hold an upstream chain (a cheap byte search before any decoding). */
export declare function mayCarryUpstream(line: Uint8Array): boolean;
/** The records of upstream chains as their sealer made them, or undefined when `data` holds none. */
export declare function unwrapUpstream(data: LogsData): LogsData | undefined;
/** Every upstream view of `data`, one per hop, outermost first. */
export declare function upstreamViews(data: LogsData): LogsData[];
