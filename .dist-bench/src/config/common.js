/**
 * Settings shared by several components: file paths, TLS blocks, endpoints.
 */
import { resolve } from 'node:path';
import { parseHostPort } from './endpoint.js';
/** Relative paths in the config are resolved against the current working directory. */
export function resolvePath(p) {
    return resolve(process.cwd(), p);
}
/** A required path setting, resolved. */
export function reqPath(s, key, hint) {
    const v = s.reqStr(key, hint);
    return v === undefined ? undefined : resolvePath(v);
}
export function optPath(s, key) {
    const v = s.str(key);
    if (v === undefined)
        return undefined;
    if (v.trim() === '') {
        s.issue(key, 'must not be empty');
        return undefined;
    }
    return resolvePath(v);
}
export function readListenEndpoint(s, key, def) {
    const text = s.str(key, def);
    const r = parseHostPort(text);
    if (!r.ok) {
        s.issue(key, r.message, r.hint);
        return { text };
    }
    const pos = s.has(key) ? s.keyPos(key) : s.pos;
    return { text, parsed: { host: r.host, port: r.port, text, path: s.keyPath(key), pos } };
}
/** `tls: {cert_file, key_file, client_ca_file}` of a server; undefined when absent. */
export function readTlsServer(parent, key = 'tls') {
    const s = parent.section(key);
    if (!s.present) {
        s.finish();
        return undefined;
    }
    const certFile = optPath(s, 'cert_file');
    const keyFile = optPath(s, 'key_file');
    const clientCaFile = optPath(s, 'client_ca_file');
    s.finish();
    if (keyFile !== undefined && certFile === undefined) {
        s.missing('cert_file', 'a TLS key needs its certificate: set cert_file');
        return undefined;
    }
    if (certFile !== undefined && keyFile === undefined) {
        s.missing('key_file', 'a TLS certificate needs its private key: set key_file');
        return undefined;
    }
    if (certFile === undefined || keyFile === undefined) {
        if (clientCaFile !== undefined)
            s.missing('cert_file', 'client_ca_file turns on mTLS, which needs the server certificate and key: set cert_file and key_file');
        else
            s.missing('cert_file', 'set cert_file and key_file, or remove tls');
        return undefined;
    }
    const out = { certFile, keyFile };
    if (clientCaFile !== undefined)
        out.clientCaFile = clientCaFile;
    return out;
}
/** `tls: {ca_file, cert_file, key_file, insecure_skip_verify, server_name}` of a client. */
export function readTlsClient(parent, key = 'tls') {
    const s = parent.section(key);
    const out = { insecureSkipVerify: s.bool('insecure_skip_verify', false) };
    const caFile = optPath(s, 'ca_file');
    const certFile = optPath(s, 'cert_file');
    const keyFile = optPath(s, 'key_file');
    const serverName = s.str('server_name');
    s.finish();
    if (keyFile !== undefined && certFile === undefined)
        s.missing('cert_file', 'a TLS client key needs its certificate: set cert_file');
    if (certFile !== undefined && keyFile === undefined)
        s.missing('key_file', 'a TLS client certificate needs its private key: set key_file');
    if (caFile !== undefined)
        out.caFile = caFile;
    if (certFile !== undefined)
        out.certFile = certFile;
    if (keyFile !== undefined)
        out.keyFile = keyFile;
    if (serverName !== undefined && serverName !== '')
        out.serverName = serverName;
    return out;
}
//# sourceMappingURL=common.js.map