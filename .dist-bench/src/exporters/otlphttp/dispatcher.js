/**
 * The undici dispatcher for an otlphttp exporter: a keep-alive connection
 * pool per origin, TLS settings (CA, client certificate for mTLS, server name,
 * insecure_skip_verify), and HTTP(S)_PROXY / NO_PROXY from the environment
 * (undici's EnvHttpProxyAgent; TLS settings then apply to the tunnelled
 * connection to the backend).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { AgentError, errorMessage } from '../../errors.js';
/*
 * undici's entry module loads all of undici (fetch, WebSocket, caches, mocks,
 * interceptors): ~7 MB more resident memory, for good, in an agent that uses
 * one dispatcher class and request(). These are loaded from their own
 * modules instead, and request API methods are attached to Dispatcher the way
 * undici's entry module does it (the proxy agent's tunnel uses connect()).
 * package.json pins undici's exact version, whose file layout this relies
 * on; the exporter tests, proxy tunnel included, run through it.
 */
const undiciPart = createRequire(import.meta.url);
const EnvHttpProxyAgent = undiciPart('undici/lib/dispatcher/env-http-proxy-agent.js');
const DispatcherClass = undiciPart('undici/lib/dispatcher/dispatcher.js');
Object.assign(DispatcherClass.prototype, undiciPart('undici/lib/api/index.js'));
function readPem(path, key, id) {
    try {
        return readFileSync(path);
    }
    catch (err) {
        throw new AgentError('CONFIG_INVALID', `exporters.${id}.tls.${key}: cannot read ${path}: ${errorMessage(err)}`);
    }
}
/** Reads the PEM files named in the config. Throws AgentError CONFIG_INVALID naming the key and file. */
export function loadTlsOptions(tls, id) {
    if ((tls.certFile === undefined) !== (tls.keyFile === undefined)) {
        throw new AgentError('CONFIG_INVALID', `exporters.${id}.tls: cert_file and key_file must be set together (client certificate for mTLS)`);
    }
    const out = { rejectUnauthorized: !tls.insecureSkipVerify };
    if (tls.caFile !== undefined)
        out.ca = readPem(tls.caFile, 'ca_file', id);
    if (tls.certFile !== undefined)
        out.cert = readPem(tls.certFile, 'cert_file', id);
    if (tls.keyFile !== undefined)
        out.key = readPem(tls.keyFile, 'key_file', id);
    if (tls.serverName !== undefined && tls.serverName !== '')
        out.servername = tls.serverName;
    return out;
}
export function createDispatcher(opts) {
    return new EnvHttpProxyAgent({
        connect: { ...opts.tls },
        requestTls: { ...opts.tls },
        connections: Math.max(1, opts.connections),
        pipelining: 1,
        headersTimeout: opts.timeoutMs,
        bodyTimeout: opts.timeoutMs,
    });
}
//# sourceMappingURL=dispatcher.js.map