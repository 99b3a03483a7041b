import { AgentError } from '../../errors.js';
import type { TlsServerConfig } from '../../config/types.js';
export interface TlsMaterial {
    cert: Buffer;
    key: Buffer;
    /** Set when client certificates must be verified (mTLS). */
    clientCa?: Buffer;
}
export declare function loadTls(cfg: TlsServerConfig, where: string): Promise<TlsMaterial>;
/** The error for TLS material that the server rejects (a bad certificate or key, a key that does not match). */
export declare function tlsSetupError(where: string, err: unknown): AgentError;
