import type { TlsClientConfig, TlsServerConfig } from './types.js';
import type { Pos } from './issues.js';
import type { Section } from './reader.js';
/** Relative paths in the config are resolved against the current working directory. */
export declare function resolvePath(p: string): string;
/** A required path setting, resolved. */
export declare function reqPath(s: Section, key: string, hint?: string): string | undefined;
export declare function optPath(s: Section, key: string): string | undefined;
/** A listener endpoint, recorded for the duplicate check. */
export interface ListenEndpoint {
    host: string;
    port: number;
    text: string;
    path: string;
    pos: Pos;
}
export declare function readListenEndpoint(s: Section, key: string, def: string): {
    text: string;
    parsed?: ListenEndpoint;
};
/** `tls: {cert_file, key_file, client_ca_file}` of a server; undefined when absent. */
export declare function readTlsServer(parent: Section, key?: string): TlsServerConfig | undefined;
/** `tls: {ca_file, cert_file, key_file, insecure_skip_verify, server_name}` of a client. */
export declare function readTlsClient(parent: Section, key?: string): TlsClientConfig;
