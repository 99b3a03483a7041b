/**
 * One configured pipeline at run time: its spool, its sealing stage, its
 * exporters (each with its own spool cursor) and its receivers.
 *
 * Start order: spool (recovery) → exporters → sealing (genesis or resume) →
 * receivers. Stop order: receivers → sealing (final seal) → exporters
 * (drain up to the shutdown timeout) → spool.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ExporterConfig, ReceiverConfig, SealogConfig } from '../config/types.js';
import { configFingerprint } from '../config/load.js';
import { endpointsOf, preflightExporter, preflightReceiver, ReloadFailed } from './preflight.js';
import { errorMessage } from '../errors.js';
import { dlqDirFor } from '../exporters/dlq.js';
import { createExporter, type Exporter } from '../exporters/index.js';
import { nodeCrypto } from '../integrity/node/crypto.js';
import { keyringPath } from '../integrity/node/keyfile.js';
import { Sealer, type ChainState, type SealerOptions } from '../integrity/sealer.js';
import { kv, newResource, str } from '../otlp/types.js';
import { createProcessor } from '../processors/index.js';
import { createFilelogReceiver } from '../receivers/filelog/index.js';
import { createOtlpReceiver } from '../receivers/otlp/index.js';
import { openSpool, type Spool, type TailLoss } from '../spool/spool.js';
import { HASH_BYTES } from '../integrity/chain.js';
import type { TailLostFields } from '../integrity/control.js';
import { LEDGER_FILE, LossLedger } from './loss-ledger.js';
import type { Logger } from '../telemetry/logger.js';
import type { MetricsRegistry } from '../telemetry/metrics.js';
import type { KeyManager } from './key-manager.js';
import { ackTagOf, decodeAckTag, encodeMeta, recoverState, type AckedPosition } from './meta.js';
import { SealingPipeline } from './sealing-pipeline.js';
import { LossDeclarations } from './loss-declarations.js';
import { CONTROL_SCOPE, startChain } from './chain-start.js';
import { readStreamMarker, writeStreamMarker } from './stream-marker.js';
import type { Component, FilePosition, Processor } from './types.js';

interface Running<T> {
  component: T;
  fingerprint: string;
}

export interface PipelineDeps {
  keys: KeyManager;
  logger: Logger;
  metrics: MetricsRegistry;
}

/** A file-system-safe name for a pipeline ('logs/audit' → 'logs_audit'). */
export function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_');
}

export class PipelineInstance {
  readonly name: string;
  readonly stream: string;
  readonly spoolDir: string;
  #ledger: LossLedger | undefined;
  #spool!: Spool;
  #sealing!: SealingPipeline;
  readonly #exporters = new Map<string, Running<Exporter>>();
  readonly #receivers = new Map<string, Running<Component>>();
  /**
   * What filelog receivers never read, shared by all of them and updated in
   * place when a reload changes the key material (a TLS key_file added), so
   * that receivers the reload leaves running protect it too.
   */
  readonly #protectedFiles: string[] = [];
  #positions = new Map<string, Map<string, FilePosition>>();
  #cfg: SealogConfig;
  readonly #deps: PipelineDeps;
  readonly #log: Logger;
  /** Signed loss records for dead letters, partial successes and spool damage (exporters start before the sealing stage: they wait there). */
  readonly #losses: LossDeclarations;

  constructor(cfg: SealogConfig, name: string, deps: PipelineDeps) {
    this.name = name;
    this.stream = `${cfg.agentId}/${name}`;
    this.spoolDir = join(cfg.spool.dir, safeName(name));
    this.#cfg = cfg;
    this.#deps = deps;
    this.#log = deps.logger.child({ pipeline: name });
    this.#losses = new LossDeclarations({
      pipeline: name,
      stream: this.stream,
      spoolDir: this.spoolDir,
      spool: () => this.#spool,
      sync: () => this.#cfg.spool.sync,
      logger: this.#log,
      metrics: deps.metrics,
    });
  }

  get spool(): Spool {
    return this.#spool;
  }
  get sealing(): SealingPipeline {
    return this.#sealing;
  }
  get exporterIds(): string[] {
    return [...this.#exporters.keys()];
  }
  get receiverIds(): string[] {
    return [...this.#receivers.keys()];
  }

  #pipelineCfg(cfg: SealogConfig) {
    const p = cfg.pipelines.find((x) => x.name === this.name);
    if (!p) throw new Error(`pipeline ${this.name} is not in the configuration`);
    return p;
  }

  async start(): Promise<void> {
    const cfg = this.#cfg;
    const p = this.#pipelineCfg(cfg);
    const keys = this.#deps.keys;
    keys.register(this.name);
    let sealing: SealingPipeline | undefined;
    let bootState: ReturnType<Sealer['snapshot']> | undefined;
    this.#spool = await openSpool({
      dir: this.spoolDir,
      maxSizeBytes: cfg.spool.maxSizeBytes,
      segmentSizeBytes: cfg.spool.segmentSizeBytes,
      sync: cfg.spool.sync,
      syncIntervalMs: cfg.spool.syncIntervalMs,
      retainMs: cfg.spool.retainMs,
      readers: p.exporters,
      checkpoint: () => sealing?.checkpointMeta() ?? encodeMeta({ checkpoint: true, ...(bootState ? { chain: bootState } : {}), positions: [] }),
      ackTag: ackTagOf,
      logger: this.#log.child({ component: 'spool' }),
      metrics: this.#deps.metrics,
      metricLabels: { pipeline: this.name },
      onDamage: (d) => void this.#losses.readDamage(d),
    });
    // What recovery found, declared once the sealing stage exists (readers may add more meanwhile: onDamage).
    const damageAtOpen = this.#spool.recovery.damage.slice();
    if ((cfg.spool.whenFull === 'drop_newest' || existsSync(join(this.spoolDir, LEDGER_FILE))) && !this.#ledger) this.#ledger = await LossLedger.open(this.spoolDir);
    const recovered = recoverState(this.#spool.recoveryMeta());
    for (const msg of recovered.problems) this.#log.warn(msg);
    this.#positions = recovered.positions;

    for (const id of p.exporters) await this.#startExporter(id, cfg.exporters.get(id)!);

    const sealerOpts: SealerOptions = {
      crypto: nodeCrypto,
      signer: keys.signer,
      now: () => BigInt(Date.now()) * 1_000_000n,
      sealEveryRecords: cfg.integrity.sealEveryRecords,
      controlResource: newResource([kv('service.name', str('sealog')), kv('host.name', str(cfg.agentId))]),
      controlScope: CONTROL_SCOPE,
    };
    const tailLost = this.#spool.tailLoss ? this.#tailLost(this.#spool.tailLoss, recovered.chain) : undefined;
    const { sealer, genesis, reason: startReason } = startChain({ keys, stream: this.stream, recovered: recovered.chain, sealerOpts, logger: this.#log, ...(tailLost ? { tailLost } : {}) });
    if (genesis) bootState = sealer.snapshot();
    sealing = new SealingPipeline({
      name: this.name,
      spool: this.#spool,
      sealer,
      keys,
      processors: this.#buildProcessors(cfg),
      sealIntervalMs: cfg.integrity.sealIntervalMs,
      heartbeatMs: cfg.integrity.heartbeatMs,
      rotateMs: cfg.integrity.rotateMs,
      whenFull: cfg.spool.whenFull,
      ...(this.#ledger ? { ledger: this.#ledger } : {}),
      processSealed: p.processSealed === true,
      positions: this.#positions,
      logger: this.#log.child({ component: 'sealing' }),
      metrics: this.#deps.metrics,
    });
    this.#sealing = sealing;
    await sealing.start(genesis);
    if (genesis) {
      // The genesis is the evidence of why the chain restarted: durable before anything is exported after it.
      await this.#spool.sync();
      this.#deps.metrics
        .counter('sealog_chain_starts_total', 'Chains started, by the reason their signed genesis gives (new, spool_lost, spool_tail_lost).')
        .labels({ pipeline: this.name, reason: startReason })
        .inc();
      writeStreamMarker(keys.path, this.stream, sealer.id.chain);
    }
    this.#losses.sealingStarted(sealing);
    await this.#losses.reconcileDeadLetters();
    await this.#losses.spoolDamage(damageAtOpen);

    for (const id of p.receivers) await this.#startReceiver(id, cfg.receivers.get(id)!);
  }

  /**
   * What a spool_tail_lost genesis declares: the chain state the spool still
   * holds and the highest position the exporters' cursors acknowledged.
   */
  #tailLost(loss: TailLoss, chain: ChainState | undefined): TailLostFields {
    const zero = new Uint8Array(HASH_BYTES);
    const own = chain && chain.stream === this.stream ? chain : undefined;
    let acked: AckedPosition | undefined;
    for (const r of loss.readers) {
      const p = r.tag ? decodeAckTag(r.tag) : undefined;
      if (p && p.stream === this.stream) {
        acked = p;
        break;
      }
    }
    return {
      prevChain: own?.chain ?? acked?.chain ?? readStreamMarker(this.#deps.keys.path, this.stream)?.chain ?? '',
      lastSeq: own?.seq ?? 0,
      lastHash: own ? own.head.slice() : zero,
      lastFrame: loss.lastIdOnDisk,
      ackedFrame: loss.ackedId,
      ackedChain: acked?.chain ?? '',
      ackedSeq: acked?.seq ?? 0,
      ackedHash: acked?.hash ?? zero,
    };
  }

  #buildProcessors(cfg: SealogConfig): Processor[] {
    const p = this.#pipelineCfg(cfg);
    return p.processors.map((id) => createProcessor(cfg.processors.get(id)!, { logger: this.#log.child({ component: `processor/${id}` }), metrics: this.#deps.metrics }));
  }

  async #startExporter(id: string, ec: ExporterConfig): Promise<void> {
    // A restarted exporter (reload) resumes from the acknowledged cursor, re-sending what was in flight.
    const reader = this.#spool.reader(id);
    reader.rewind();
    const dlqDir = dlqDirFor(this.spoolDir, id);
    const exporter = createExporter(ec, {
      reader,
      logger: this.#log.child({ component: `exporter/${id}` }),
      metrics: this.#deps.metrics,
      dlqDir,
      onDeadLetter: (meta, metaPath) => this.#losses.deadLetter(id, dlqDir, meta, metaPath),
      onLoss: (records, reason) => this.#losses.durable(records, reason),
    });
    await exporter.start();
    this.#exporters.set(id, { component: exporter, fingerprint: configFingerprint(this.#cfg, id) });
  }

  /** Sets #protectedFiles (in place) from the configuration now in force; returns it. */
  #refreshProtected(): string[] {
    this.#protectedFiles.splice(0, this.#protectedFiles.length, ...protectedFilesOf(this.#cfg));
    return this.#protectedFiles;
  }

  async #startReceiver(id: string, rc: ReceiverConfig): Promise<void> {
    const component = this.#buildReceiver(id, rc);
    await component.start();
    this.#receivers.set(id, { component, fingerprint: configFingerprint(this.#cfg, id) });
  }

  #buildReceiver(id: string, rc: ReceiverConfig): Component {
    const logger = this.#log.child({ component: `receiver/${id}` });
    const deps = { consumer: this.#sealing, logger, metrics: this.#deps.metrics };
    const component: Component =
      rc.type === 'filelog'
        ? createFilelogReceiver(rc, {
            ...deps,
            recovered: [...(this.#positions.get(id)?.values() ?? [])],
            // The agent's own secrets and spool are never tailed, whatever path reaches them.
            protectedFiles: this.#refreshProtected(),
            protectedDirs: [this.#cfg.spool.dir],
          })
        : createOtlpReceiver(rc, deps);
    return component;
  }

  /**
   * Reload, before anything stops: a changed OTLP receiver whose new
   * endpoints are none that a running receiver listens on is started next to
   * the old one, so clients are never refused and a port taken since
   * preflight fails the reload while all of the old configuration still runs
   * (then nothing stops). Returns the receivers started this way; if one
   * cannot start here it is left to the usual order (stop, then start).
   */
  async #startAhead(prev: SealogConfig, next: SealogConfig): Promise<Map<string, Component>> {
    const ahead = new Map<string, Component>();
    const held = new Set<string>();
    for (const id of this.#receivers.keys()) for (const e of endpointsOf(prev.receivers.get(id))) held.add(e);
    for (const id of this.#pipelineCfg(next).receivers) {
      const running = this.#receivers.get(id);
      const rc = next.receivers.get(id)!;
      if (!running || running.fingerprint === configFingerprint(next, id) || rc.type !== 'otlp' || prev.receivers.get(id)?.type !== 'otlp') continue;
      if (endpointsOf(rc).some((e) => held.has(e))) continue;
      const component = this.#buildReceiver(id, rc);
      try {
        await component.start();
        ahead.set(id, component);
      } catch (err) {
        await component.shutdown().catch(() => undefined);
        // A port taken since preflight: nothing of the old configuration has stopped yet.
        for (const c of ahead.values()) await c.shutdown().catch(() => undefined);
        throw err;
      }
    }
    return ahead;
  }

  /**
   * What reload(next) would restart, checked against the host before anything
   * stops (ports bound for a moment, TLS files read, globs compiled). Throws
   * with what and where; changes nothing either way.
   */
  async preflight(next: SealogConfig): Promise<void> {
    const p = this.#pipelineCfg(next);
    const changed = (id: string, running: Running<unknown> | undefined) => !running || running.fingerprint !== configFingerprint(next, id);
    for (const id of p.exporters) if (changed(id, this.#exporters.get(id))) await preflightExporter(id, next.exporters.get(id)!);
    for (const id of p.receivers) {
      const running = this.#receivers.get(id);
      if (!changed(id, running)) continue;
      const held = new Set(running ? endpointsOf(this.#cfg.receivers.get(id)) : []);
      await preflightReceiver(id, next.receivers.get(id)!, held);
    }
  }

  /** preflight() for a pipeline the reload adds: all of its components are new. */
  static async preflightNew(next: SealogConfig, name: string): Promise<void> {
    const p = next.pipelines.find((x) => x.name === name)!;
    for (const id of p.exporters) await preflightExporter(id, next.exporters.get(id)!);
    for (const id of p.receivers) await preflightReceiver(id, next.receivers.get(id)!, new Set());
  }

  /**
   * Applies a new configuration: only changed components restart; the chain
   * goes on. If a new component fails to start (after preflight passed: a
   * port taken in between, a disk error), what the new configuration started
   * is stopped and the old configuration's components are started again
   * (docs/CONFIG.md, "Reload"); the error is then thrown. `restored` on the
   * thrown error says whether the old configuration runs again in full.
   */
  async reload(next: SealogConfig): Promise<void> {
    const old = this.#cfg;
    try {
      await this.#applyConfig(next, true);
    } catch (err) {
      if (err instanceof ReloadFailed) throw err; // failed before anything of the old configuration stopped
      let restored = true;
      try {
        await this.#applyConfig(old, false);
      } catch (again) {
        restored = false;
        this.#log.error('could not restore the previous configuration after a failed reload', { error: errorMessage(again) });
      }
      throw new ReloadFailed(err, restored);
    }
    if (old.spool.dir !== next.spool.dir || old.spool.maxSizeBytes !== next.spool.maxSizeBytes || old.spool.sync !== next.spool.sync) {
      this.#log.warn('spool settings changed: they take effect at the next restart');
    }
  }

  /** Makes the running components those of `next`: stops the ones it does not have (or has changed), starts the missing. */
  async #applyConfig(next: SealogConfig, forward: boolean): Promise<void> {
    const prev = this.#cfg;
    this.#cfg = next;
    this.#refreshProtected();
    const p = this.#pipelineCfg(next);
    const changed = (id: string, running: Running<unknown> | undefined) => !running || running.fingerprint !== configFingerprint(next, id);
    const verb = forward ? 'reload' : 'restoring the previous configuration';
    let ahead = new Map<string, Component>();
    if (forward) {
      try {
        ahead = await this.#startAhead(prev, next);
      } catch (err) {
        this.#cfg = prev;
        this.#refreshProtected();
        throw new ReloadFailed(err, true);
      }
    }

    for (const [id, r] of [...this.#receivers]) {
      if (!p.receivers.includes(id) || changed(id, r)) {
        this.#receivers.delete(id);
        await r.component.shutdown();
        const replacement = ahead.get(id);
        if (replacement) {
          this.#receivers.set(id, { component: replacement, fingerprint: configFingerprint(next, id) });
          this.#log.info('receiver stopped for reload (its replacement already listens)', { receiver: id });
        } else {
          this.#log.info(forward ? 'receiver stopped for reload' : 'receiver stopped: restoring the previous configuration', { receiver: id });
        }
      }
    }
    this.#sealing.setProcessors(this.#buildProcessors(next));
    this.#sealing.setProcessSealed(p.processSealed === true);
    this.#sealing.setTiming({ sealEveryRecords: next.integrity.sealEveryRecords, sealIntervalMs: next.integrity.sealIntervalMs, heartbeatMs: next.integrity.heartbeatMs, rotateMs: next.integrity.rotateMs });
    for (const [id, e] of [...this.#exporters]) {
      if (!p.exporters.includes(id) || changed(id, e)) {
        this.#exporters.delete(id);
        if (forward) await e.component.drain(Math.min(2000, next.service.shutdownTimeoutMs));
        await e.component.shutdown();
        this.#log.info(forward ? 'exporter stopped for reload' : 'exporter stopped: restoring the previous configuration', { exporter: id });
      }
    }
    for (const id of p.exporters) {
      if (this.#exporters.has(id)) continue;
      await this.#startExporter(id, next.exporters.get(id)!);
      if (!forward) this.#log.info(`exporter started again (${verb})`, { exporter: id });
    }
    for (const id of p.receivers) {
      if (this.#receivers.has(id)) continue;
      await this.#startReceiver(id, next.receivers.get(id)!);
      if (!forward) this.#log.info(`receiver started again (${verb})`, { receiver: id });
    }
  }

  async shutdown(timeoutMs: number): Promise<void> {
    for (const [id, r] of this.#receivers) {
      await r.component.shutdown().catch((err) => this.#log.warn('receiver shutdown failed', { receiver: id, error: errorMessage(err) }));
    }
    this.#receivers.clear();
    await this.#sealing?.close();
    const deadline = Date.now() + timeoutMs;
    await Promise.all(
      [...this.#exporters].map(async ([id, e]) => {
        const caughtUp = await e.component.drain(Math.max(0, deadline - Date.now())).catch(() => false);
        if (!caughtUp) this.#log.warn('exporter did not catch up before the shutdown timeout; the rest stays in the spool for next time', { exporter: id });
        await e.component.shutdown().catch((err) => this.#log.warn('exporter shutdown failed', { exporter: id, error: errorMessage(err) }));
      }),
    );
    this.#exporters.clear();
    // A loss declared while the exporters drained (after the final seal) is sealed too.
    if (this.#sealing && this.#sealing.unsealed > 0) {
      await this.#sealing.sealNow().catch((err) => this.#log.warn('could not seal the records written while the exporters drained', { error: errorMessage(err) }));
    }
    this.#losses.stop();
    this.#deps.keys.unregister(this.name);
    await this.#spool?.close();
    await this.#ledger?.close().catch(() => undefined);
    this.#ledger = undefined;
  }
}

/**
 * Files a filelog receiver never reads (docs/FILELOG.md "Security"): the
 * signing key and what the key manager writes beside it (keyring, public key;
 * their temporary siblings are covered by name), and every TLS private key
 * the receivers and exporters are configured with.
 */
export function protectedFilesOf(cfg: SealogConfig): string[] {
  const key = cfg.integrity.keyFile;
  const out = new Set<string>([key, keyringPath(key), join(dirname(key), 'sealog.pub')]);
  for (const rc of cfg.receivers.values()) {
    if (rc.type !== 'otlp') continue;
    if (rc.http?.tls?.keyFile) out.add(rc.http.tls.keyFile);
    if (rc.grpc?.tls?.keyFile) out.add(rc.grpc.tls.keyFile);
  }
  for (const ec of cfg.exporters.values()) if (ec.type === 'otlphttp' && ec.tls.keyFile) out.add(ec.tls.keyFile);
  return [...out];
}
