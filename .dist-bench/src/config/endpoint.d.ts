/**
 * `host:port` endpoints of listeners (receivers, the telemetry server).
 */
export type HostPortResult = {
    ok: true;
    host: string;
    port: number;
} | {
    ok: false;
    message: string;
    hint?: string;
};
/**
 * Parses `host:port`, `[ipv6]:port` or `:port` (all interfaces). The port is
 * 0..65535 (0 = any free port, reported by the component once listening).
 */
export declare function parseHostPort(s: string): HostPortResult;
/** Whether two listeners would fight over one socket (same non-zero port, same or wildcard host). */
export declare function endpointsClash(a: {
    host: string;
    port: number;
}, b: {
    host: string;
    port: number;
}): boolean;
