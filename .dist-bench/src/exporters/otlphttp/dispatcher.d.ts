import type { Dispatcher } from 'undici';
import type { TlsClientConfig } from '../../config/types.js';
export interface TlsOptions {
    ca?: Buffer;
    cert?: Buffer;
    key?: Buffer;
    rejectUnauthorized: boolean;
    servername?: string;
}
/** Reads the PEM files named in the config. Throws AgentError CONFIG_INVALID naming the key and file. */
export declare function loadTlsOptions(tls: TlsClientConfig, id: string): TlsOptions;
export declare function createDispatcher(opts: {
    tls: TlsOptions;
    connections: number;
    timeoutMs: number;
}): Dispatcher;
