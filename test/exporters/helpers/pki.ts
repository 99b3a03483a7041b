/**
 * A throwaway certificate authority made with the openssl CLI: a CA, a server
 * certificate for 127.0.0.1 / localhost / otlp.test, and a client certificate
 * for mTLS. Everything lives in one temp dir the caller removes.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Pki {
  dir: string;
  caCert: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
  /** A second, unrelated CA (for "wrong CA" cases). */
  otherCaCert: string;
  read(path: string): Buffer;
}

function openssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
}

function makeCa(dir: string, name: string): void {
  openssl(dir, ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.crt`, '-days', '2', '-subj', `/CN=${name}`]);
}

function issue(dir: string, ca: string, name: string, cn: string, ext: string): void {
  writeFileSync(join(dir, `${name}.ext`), ext);
  openssl(dir, ['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${cn}`]);
  openssl(dir, ['x509', '-req', '-in', `${name}.csr`, '-CA', `${ca}.crt`, '-CAkey', `${ca}.key`, '-CAcreateserial', '-out', `${name}.crt`, '-days', '2', '-extfile', `${name}.ext`]);
}

export function makePki(dir: string): Pki {
  makeCa(dir, 'ca');
  makeCa(dir, 'other-ca');
  issue(dir, 'ca', 'server', 'otlp.test', 'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:otlp.test\nextendedKeyUsage=serverAuth\n');
  issue(dir, 'ca', 'client', 'sealog-agent-1', 'extendedKeyUsage=clientAuth\n');
  const p = (n: string): string => join(dir, n);
  return {
    dir,
    caCert: p('ca.crt'),
    serverCert: p('server.crt'),
    serverKey: p('server.key'),
    clientCert: p('client.crt'),
    clientKey: p('client.key'),
    otherCaCert: p('other-ca.crt'),
    read: (path) => readFileSync(path),
  };
}

/** A server certificate whose only name is DNS:otlp.test (no IP SAN), for server_name tests. */
export function makeNamedOnlyServerCert(pki: Pki): { cert: string; key: string } {
  issue(pki.dir, 'ca', 'named', 'otlp.test', 'subjectAltName=DNS:otlp.test\nextendedKeyUsage=serverAuth\n');
  return { cert: join(pki.dir, 'named.crt'), key: join(pki.dir, 'named.key') };
}
