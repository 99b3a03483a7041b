/**
 * The undici dispatcher for an otlphttp exporter: a keep-alive connection
 * pool per origin, TLS settings (CA, client certificate for mTLS, server name,
 * insecure_skip_verify), and HTTP(S)_PROXY / NO_PROXY from the environment
 * (undici's EnvHttpProxyAgent; TLS settings then apply to the tunnelled
 * connection to the backend).
 */
import { readFileSync } from 'node:fs';
import { EnvHttpProxyAgent, type Dispatcher } from 'undici';
import type { TlsClientConfig } from '../../config/types.js';
import { AgentError, errorMessage } from '../../errors.js';

export interface TlsOptions {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  rejectUnauthorized: boolean;
  servername?: string;
}

function readPem(path: string, key: string, id: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new AgentError('CONFIG_INVALID', `exporters.${id}.tls.${key}: cannot read ${path}: ${errorMessage(err)}`);
  }
}

/** Reads the PEM files named in the config. Throws AgentError CONFIG_INVALID naming the key and file. */
export function loadTlsOptions(tls: TlsClientConfig, id: string): TlsOptions {
  if ((tls.certFile === undefined) !== (tls.keyFile === undefined)) {
    throw new AgentError('CONFIG_INVALID', `exporters.${id}.tls: cert_file and key_file must be set together (client certificate for mTLS)`);
  }
  const out: TlsOptions = { rejectUnauthorized: !tls.insecureSkipVerify };
  if (tls.caFile !== undefined) out.ca = readPem(tls.caFile, 'ca_file', id);
  if (tls.certFile !== undefined) out.cert = readPem(tls.certFile, 'cert_file', id);
  if (tls.keyFile !== undefined) out.key = readPem(tls.keyFile, 'key_file', id);
  if (tls.serverName !== undefined && tls.serverName !== '') out.servername = tls.serverName;
  return out;
}

export function createDispatcher(opts: { tls: TlsOptions; connections: number; timeoutMs: number }): Dispatcher {
  return new EnvHttpProxyAgent({
    connect: { ...opts.tls },
    requestTls: { ...opts.tls },
    connections: Math.max(1, opts.connections),
    pipelining: 1,
    headersTimeout: opts.timeoutMs,
    bodyTimeout: opts.timeoutMs,
  });
}
