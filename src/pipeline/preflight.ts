/**
 * Reload as a transaction, first half: everything a new configuration's
 * changed or added components need from the host (listen ports, TLS
 * material, globs and regexes) is acquired or checked before anything of the
 * running configuration stops. A failure here throws with what and where, and
 * the caller changes nothing.
 */
import { constants as fsConstants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname } from 'node:path';
import { createSecureContext } from 'node:tls';
import type { ExporterConfig, ReceiverConfig } from '../config/types.js';
import { AgentError, errorMessage } from '../errors.js';
import { loadTlsOptions } from '../exporters/otlphttp/dispatcher.js';
import { resolveLogsUrl } from '../exporters/otlphttp/endpoint.js';
import { createFilelogReceiver } from '../receivers/filelog/index.js';
import { parseEndpoint, formatHostPort } from '../receivers/otlp/endpoint.js';
import { loadTls, tlsSetupError } from '../receivers/otlp/tls.js';
import type { LogsConsumer } from './types.js';
import { NOOP_LOGGER } from '../telemetry/logger.js';

/** A reload refused before anything changed: the running configuration is untouched. */
export class ReloadRefused extends Error {
  constructor(readonly reason: unknown) {
    super(errorMessage(reason));
    this.name = 'ReloadRefused';
  }
}

/**
 * A reload that failed after preflight (a component of the new configuration
 * did not start). `restored`: the previous configuration's components were
 * started again and run as before the reload; false when that failed too.
 */
export class ReloadFailed extends Error {
  constructor(
    readonly reason: unknown,
    readonly restored: boolean,
  ) {
    super(errorMessage(reason));
    this.name = 'ReloadFailed';
  }
}

/** Never called: a receiver built only to check its settings is never started. */
const IDLE_CONSUMER: LogsConsumer = { consume: () => Promise.resolve(), waitForSpace: () => Promise.resolve() };

/** Binds host:port for a moment; throws AgentError when it cannot be (in use, not permitted). */
async function probePort(endpoint: string, where: string): Promise<void> {
  const addr = parseEndpoint(endpoint, where);
  if (addr.port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const s = createServer();
    s.once('error', (err: NodeJS.ErrnoException) =>
      reject(new AgentError('CONFIG_INVALID', `${where}.endpoint: cannot listen on ${formatHostPort(addr)}: ${err.code ?? err.message}; the running configuration is kept`)),
    );
    s.listen(addr.port, addr.host, () => s.close(() => resolve()));
  });
}

/**
 * Checks a receiver that the reload would (re)start. `heldByOld` lists the
 * endpoints the component it replaces listens on now (they are free once it
 * stops, so they are not probed).
 */
export async function preflightReceiver(id: string, rc: ReceiverConfig, heldByOld: ReadonlySet<string>): Promise<void> {
  if (rc.type === 'filelog') {
    // Globs, regexes and parsers are compiled by the constructor; nothing is opened.
    createFilelogReceiver(rc, { consumer: IDLE_CONSUMER, logger: NOOP_LOGGER, recovered: [] });
    return;
  }
  for (const [proto, sc] of [['http', rc.http], ['grpc', rc.grpc]] as const) {
    if (!sc) continue;
    const where = `receivers.${id}.protocols.${proto}`;
    if (sc.tls) {
      const m = await loadTls(sc.tls, where);
      // What the server does with them at start: a key that does not match its certificate fails here, not then.
      try {
        createSecureContext({ cert: m.cert, key: m.key, ...(m.clientCa ? { ca: m.clientCa } : {}) });
      } catch (err) {
        throw tlsSetupError(where, err);
      }
    }
    if (!heldByOld.has(sc.endpoint)) await probePort(sc.endpoint, where);
  }
}

/**
 * Checks an exporter that the reload would (re)start: its URL and TLS files
 * (otlphttp), or that its output file can be written (file: the file, if
 * there, is a writable regular file; else the nearest existing directory on
 * its path is a writable directory, where the exporter creates the rest).
 */
export async function preflightExporter(id: string, ec: ExporterConfig): Promise<void> {
  if (ec.type === 'file') return preflightFilePath(id, ec.path);
  try {
    resolveLogsUrl({ id, ...(ec.endpoint !== undefined ? { endpoint: ec.endpoint } : {}), ...(ec.logsEndpoint !== undefined ? { logsEndpoint: ec.logsEndpoint } : {}) });
    loadTlsOptions(ec.tls, id);
  } catch (err) {
    if (err instanceof AgentError) throw err;
    throw new AgentError('CONFIG_INVALID', `exporters.${id}: ${errorMessage(err)}`);
  }
}

/** The endpoints an OTLP receiver config listens on (empty for others). */
export function endpointsOf(rc: ReceiverConfig | undefined): string[] {
  if (!rc || rc.type !== 'otlp') return [];
  return [rc.http?.endpoint, rc.grpc?.endpoint].filter((e): e is string => e !== undefined);
}

async function preflightFilePath(id: string, path: string): Promise<void> {
  const refuse = (what: string): never => {
    throw new AgentError('CONFIG_INVALID', `exporters.${id}.path: ${what}; the running configuration is kept`);
  };
  const st = await stat(path).catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? undefined : refuse(`cannot use ${path}: ${err.code ?? err.message}`)));
  if (st) {
    if (!st.isFile()) refuse(`${path} exists and is not a regular file`);
    await access(path, fsConstants.W_OK).catch((err: NodeJS.ErrnoException) => refuse(`cannot write ${path}: ${err.code ?? err.message}`));
    return;
  }
  // The nearest part of the path that exists must be a directory the agent can create entries in.
  let dir = dirname(path);
  for (;;) {
    const d = await stat(dir).catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? undefined : refuse(`cannot use ${dir}: ${err.code ?? err.message}`)));
    if (d) {
      if (!d.isDirectory()) refuse(`${dir} is not a directory, so ${path} cannot be created`);
      await access(dir, fsConstants.W_OK | fsConstants.X_OK).catch((err: NodeJS.ErrnoException) => refuse(`cannot create ${path} in ${dir}: ${err.code ?? err.message}`));
      return;
    }
    const up = dirname(dir);
    if (up === dir) return;
    dir = up;
  }
}
