/**
 * Parsing of listen endpoints (`host:port`) as written in the config.
 * Pure: no I/O.
 */
import { AgentError } from '../../errors.js';
export interface ListenAddress {
    host: string;
    port: number;
}
/**
 * Parses `host:port`, `[v6addr]:port` or `:port` (all interfaces, like the
 * Collector). Port 0 asks the OS for a free port.
 */
export declare function parseEndpoint(endpoint: string, where: string): ListenAddress;
/** `host:port` with brackets around IPv6 literals, as grpc-js and URLs want it. */
export declare function formatHostPort(addr: ListenAddress): string;
/** The error for a listen endpoint that cannot be bound; `detail` says why (an errno code or message). */
export declare function listenError(where: string, endpoint: string, detail: string, cause: unknown): AgentError;
