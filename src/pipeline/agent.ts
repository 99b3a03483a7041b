/**
 * The running agent: the key, every pipeline, and the telemetry endpoint.
 * `sealog run` creates one, forwards signals to it, and exits with its result.
 */
import { errorMessage } from '../errors.js';
import type { SealogConfig } from '../config/types.js';
import type { Logger } from '../telemetry/logger.js';
import { MetricsRegistry } from '../telemetry/metrics.js';
import { startTelemetryServer } from '../telemetry/server.js';
import type { StatusSnapshot } from '../telemetry/status.js';
import { toHex } from '../integrity/bytes.js';
import { KeyManager } from './key-manager.js';
import { PipelineInstance } from './pipeline-instance.js';
import { ReloadFailed, ReloadRefused } from './preflight.js';

export interface AgentOptions {
  logger: Logger;
  version: string;
  /** Called when a key was generated on first start (the quickstart prints it). */
  onKeyGenerated?: (info: { keyFile: string; pubFile: string; keyId: string; publicKeyHex: string }) => void;
}

export class Agent {
  #cfg: SealogConfig;
  readonly #o: AgentOptions;
  readonly #metrics = new MetricsRegistry();
  readonly #pipelines = new Map<string, PipelineInstance>();
  #keys!: KeyManager;
  #telemetry: { address: { host: string; port: number }; close(): Promise<void> } | undefined;
  #ready = false;
  #stopping: Promise<void> | undefined;
  readonly #startedAtMs = Date.now();

  constructor(cfg: SealogConfig, o: AgentOptions) {
    this.#cfg = cfg;
    this.#o = o;
  }

  get metrics(): MetricsRegistry {
    return this.#metrics;
  }
  get telemetryAddress(): { host: string; port: number } | undefined {
    return this.#telemetry?.address;
  }
  pipeline(name: string): PipelineInstance | undefined {
    return this.#pipelines.get(name);
  }

  async start(): Promise<void> {
    const cfg = this.#cfg;
    const log = this.#o.logger;
    let generated: { keyFile: string; pubFile: string; keyId: string } | undefined;
    this.#keys = KeyManager.open(cfg.integrity.keyFile, {
      generate: cfg.integrity.generateKey,
      onGenerated: (info) => (generated = info),
    });
    if (generated) {
      log.info('signing key generated', { keyFile: generated.keyFile, publicKeyFile: generated.pubFile, keyId: generated.keyId });
      this.#o.onKeyGenerated?.({ ...generated, publicKeyHex: toHex(this.#keys.signer.publicKey) });
    }
    this.#metrics.gauge('sealog_build_info', 'Always 1; labels carry the version.').set(1, { version: this.#o.version });
    this.#metrics.gauge('sealog_start_time_seconds', 'Unix time the agent started.').set(this.#startedAtMs / 1000);
    const lagSeconds = this.#metrics.gauge('sealog_exporter_lag_seconds', 'Age of the oldest record not yet acknowledged by the exporter (0 when caught up).');
    lagSeconds.onCollect(() => {
      for (const p of this.#pipelines.values()) {
        for (const id of p.exporterIds) {
          const lag = p.spool?.reader(id).lag();
          lagSeconds.set(lag?.oldestMs !== undefined ? Math.max(0, (Date.now() - lag.oldestMs) / 1000) : 0, { pipeline: p.name, exporter: id });
        }
      }
    });
    if (cfg.service.metricsEndpoint) {
      this.#telemetry = await startTelemetryServer({
        endpoint: cfg.service.metricsEndpoint,
        registry: this.#metrics,
        status: () => this.status(),
        ready: () => this.#ready,
        logger: log.child({ component: 'telemetry' }),
      });
    }
    try {
      for (const p of cfg.pipelines) {
        const inst = new PipelineInstance(cfg, p.name, { keys: this.#keys, logger: log, metrics: this.#metrics });
        this.#pipelines.set(p.name, inst);
        await inst.start();
      }
    } catch (err) {
      await this.shutdown();
      throw err;
    }
    this.#ready = true;
    log.info('sealog started', {
      pipelines: cfg.pipelines.map((p) => p.name),
      keyId: this.#keys.signer.keyId,
      epoch: this.#keys.signer.epoch,
      metrics: this.#telemetry ? `${this.#telemetry.address.host}:${this.#telemetry.address.port}` : 'off',
    });
  }

  get publicKeyHex(): string {
    return toHex(this.#keys.signer.publicKey);
  }
  get keyId(): string {
    return this.#keys.signer.keyId;
  }

  /** SIGHUP: apply a new, already validated configuration without breaking any chain. */
  async reload(next: SealogConfig): Promise<void> {
    const log = this.#o.logger;
    const prev = this.#cfg;
    if (next.agentId !== prev.agentId) log.warn('agent.id changed: stream names change at the next restart');
    if (next.integrity.keyFile !== prev.integrity.keyFile) log.warn('integrity.key changed: the key is reloaded at the next restart');
    const names = new Set(next.pipelines.map((p) => p.name));
    const effective = { ...next, agentId: prev.agentId, integrity: { ...next.integrity, keyFile: prev.integrity.keyFile } };
    // Transaction, part 1: everything the new configuration needs is checked or acquired first. A
    // failure here throws before anything stops: the old configuration runs on, untouched.
    try {
      for (const p of effective.pipelines) {
        const inst = this.#pipelines.get(p.name);
        if (inst) await inst.preflight(effective);
        else await PipelineInstance.preflightNew(effective, p.name);
      }
    } catch (err) {
      throw new ReloadRefused(err);
    }
    try {
      await this.#apply(effective, names);
    } catch (err) {
      // Part 2 failed after preflight (a port taken in between, a disk error). The pipeline that
      // failed has put its old components back; so do the others, then say what runs.
      const restored = await this.#restore(prev, err instanceof ReloadFailed ? err.restored : false);
      this.#ready = restored;
      if (restored) {
        log.error('reload failed part way; the previous configuration was restored and runs, unchanged', { error: errorMessage(err) });
      } else {
        log.error('reload failed part way and the previous configuration could not be fully restored: some of its components are stopped; /readyz reports not ready until a reload succeeds', { error: errorMessage(err) });
      }
      throw new ReloadFailed(err instanceof ReloadFailed ? err.reason : err, restored);
    }
    this.#cfg = effective;
    this.#ready = true;
    log.info('configuration reloaded', { pipelines: [...this.#pipelines.keys()] });
  }

  async #apply(effective: SealogConfig, names: Set<string>): Promise<void> {
    const log = this.#o.logger;
    const next = effective;
    for (const [name, inst] of [...this.#pipelines]) {
      if (!names.has(name)) {
        await inst.shutdown(next.service.shutdownTimeoutMs);
        this.#pipelines.delete(name);
        log.info('pipeline removed', { pipeline: name });
      }
    }
    for (const p of effective.pipelines) {
      const inst = this.#pipelines.get(p.name);
      if (inst) {
        await inst.reload(effective);
      } else {
        const created = new PipelineInstance(effective, p.name, { keys: this.#keys, logger: log, metrics: this.#metrics });
        this.#pipelines.set(p.name, created);
        try {
          await created.start();
        } catch (err) {
          this.#pipelines.delete(p.name);
          await created.shutdown(0).catch(() => undefined);
          throw err;
        }
        log.info('pipeline added', { pipeline: p.name });
      }
    }
  }

  /**
   * After a failed #apply: brings every pipeline back to `prev` (pipelines the
   * reload added are stopped, removed ones started again, reloaded ones
   * reloaded back). True when all of it runs again.
   */
  async #restore(prev: SealogConfig, failedOneRestored: boolean): Promise<boolean> {
    const log = this.#o.logger;
    let ok = failedOneRestored;
    const names = new Set(prev.pipelines.map((p) => p.name));
    for (const [name, inst] of [...this.#pipelines]) {
      if (names.has(name)) continue;
      this.#pipelines.delete(name);
      await inst.shutdown(prev.service.shutdownTimeoutMs).catch((err) => log.warn('could not stop a pipeline the failed reload added', { pipeline: name, error: errorMessage(err) }));
    }
    for (const p of prev.pipelines) {
      const inst = this.#pipelines.get(p.name);
      try {
        if (inst) {
          // Unchanged components stay; changed ones go back to prev (the failed pipeline's already are).
          await inst.reload(prev);
        } else {
          const created = new PipelineInstance(prev, p.name, { keys: this.#keys, logger: log, metrics: this.#metrics });
          this.#pipelines.set(p.name, created);
          await created.start();
        }
      } catch (err) {
        ok = false;
        log.error('could not restore a pipeline of the previous configuration', { pipeline: p.name, error: errorMessage(err) });
      }
    }
    return ok;
  }

  status(): StatusSnapshot {
    const sent = this.#metrics.get('sealog_exporter_records_sent_total');
    const dead = this.#metrics.get('sealog_exporter_dead_lettered_records_total');
    return {
      agentId: this.#cfg.agentId,
      version: this.#o.version,
      startedAtMs: this.#startedAtMs,
      pipelines: [...this.#pipelines.values()].map((p) => {
        const stats = p.spool?.stats();
        const cursors = new Map(stats?.cursors.map((c) => [c.name, c]) ?? []);
        return {
          name: p.name,
          stream: p.stream,
          receivers: p.receiverIds,
          processors: this.#cfg.pipelines.find((x) => x.name === p.name)?.processors ?? [],
          exporters: p.exporterIds.map((id) => {
            const lag = p.spool?.reader(id).lag();
            return {
              id,
              lagRecords: cursors.get(id)?.lagRecords ?? lag?.records ?? 0,
              lagSeconds: lag?.oldestMs !== undefined ? Math.max(0, (Date.now() - lag.oldestMs) / 1000) : 0,
              sent: sent?.labels({ exporter: id }).get() ?? 0,
              deadLettered: dead?.labels({ exporter: id }).get() ?? 0,
            };
          }),
          spool: {
            bytes: stats?.bytes ?? 0,
            maxBytes: stats?.maxBytes ?? 0,
            fillRatio: stats && stats.maxBytes > 0 ? stats.bytes / stats.maxBytes : 0,
            segments: stats?.segments ?? 0,
          },
          lastSeq: p.sealing?.lastSeq ?? 0,
          lastSealAtMs: p.sealing?.lastSealAtMs,
          keyEpoch: p.sealing?.keyEpoch ?? 0,
        };
      }),
    };
  }

  /** SIGTERM/SIGINT: stop inputs, seal, flush, drain exporters up to shutdown_timeout. Idempotent. */
  shutdown(): Promise<void> {
    this.#stopping ??= (async () => {
      this.#ready = false;
      const timeout = this.#cfg.service.shutdownTimeoutMs;
      await Promise.all(
        [...this.#pipelines.values()].map((p) =>
          p.shutdown(timeout).catch((err) => this.#o.logger.error('pipeline shutdown failed', { pipeline: p.name, error: errorMessage(err) })),
        ),
      );
      this.#pipelines.clear();
      await this.#telemetry?.close();
      this.#o.logger.info('sealog stopped');
    })();
    return this.#stopping;
  }
}
