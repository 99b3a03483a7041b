/**
 * Loads the PEM files of a TlsServerConfig, with messages that name the file.
 */
import { readFile } from 'node:fs/promises';
import { AgentError, errorMessage } from '../../errors.js';
export async function loadTls(cfg, where) {
    const [cert, key, clientCa] = await Promise.all([
        readPem(cfg.certFile, `${where}.tls.cert_file`),
        readPem(cfg.keyFile, `${where}.tls.key_file`),
        cfg.clientCaFile === undefined ? undefined : readPem(cfg.clientCaFile, `${where}.tls.client_ca_file`),
    ]);
    return clientCa === undefined ? { cert, key } : { cert, key, clientCa };
}
async function readPem(path, key) {
    try {
        return await readFile(path);
    }
    catch (err) {
        throw new AgentError('CONFIG_INVALID', `${key}: cannot read ${path}: ${errorMessage(err)}; check the path and its permissions`, {
            cause: err,
        });
    }
}
/** The error for TLS material that the server rejects (a bad certificate or key, a key that does not match). */
export function tlsSetupError(where, err) {
    return new AgentError('CONFIG_INVALID', `${where}.tls: cannot use the certificate or key: ${errorMessage(err)}`, {
        cause: err,
    });
}
//# sourceMappingURL=tls.js.map