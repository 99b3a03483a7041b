/**
 * The running agent: the key, every pipeline, and the telemetry endpoint.
 * `sealog run` creates one, forwards signals to it, and exits with its result.
 */
import { errorMessage } from '../errors.js';
import { MetricsRegistry } from '../telemetry/metrics.js';
import { startTelemetryServer } from '../telemetry/server.js';
import { toHex } from '../integrity/bytes.js';
import { KeyManager } from './key-manager.js';
import { PipelineInstance } from './pipeline-instance.js';
export class Agent {
    #cfg;
    #o;
    #metrics = new MetricsRegistry();
    #pipelines = new Map();
    #keys;
    #telemetry;
    #ready = false;
    #stopping;
    #startedAtMs = Date.now();
    constructor(cfg, o) {
        this.#cfg = cfg;
        this.#o = o;
    }
    get metrics() {
        return this.#metrics;
    }
    get telemetryAddress() {
        return this.#telemetry?.address;
    }
    pipeline(name) {
        return this.#pipelines.get(name);
    }
    async start() {
        const cfg = this.#cfg;
        const log = this.#o.logger;
        let generated;
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
        }
        catch (err) {
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
    get publicKeyHex() {
        return toHex(this.#keys.signer.publicKey);
    }
    get keyId() {
        return this.#keys.signer.keyId;
    }
    /** SIGHUP: apply a new, already validated configuration without breaking any chain. */
    async reload(next) {
        const log = this.#o.logger;
        const prev = this.#cfg;
        if (next.agentId !== prev.agentId)
            log.warn('agent.id changed: stream names change at the next restart');
        if (next.integrity.keyFile !== prev.integrity.keyFile)
            log.warn('integrity.key changed: the key is reloaded at the next restart');
        const names = new Set(next.pipelines.map((p) => p.name));
        for (const [name, inst] of [...this.#pipelines]) {
            if (!names.has(name)) {
                await inst.shutdown(next.service.shutdownTimeoutMs);
                this.#pipelines.delete(name);
                log.info('pipeline removed', { pipeline: name });
            }
        }
        const effective = { ...next, agentId: prev.agentId, integrity: { ...next.integrity, keyFile: prev.integrity.keyFile } };
        for (const p of effective.pipelines) {
            const inst = this.#pipelines.get(p.name);
            if (inst) {
                await inst.reload(effective);
            }
            else {
                const created = new PipelineInstance(effective, p.name, { keys: this.#keys, logger: log, metrics: this.#metrics });
                this.#pipelines.set(p.name, created);
                await created.start();
                log.info('pipeline added', { pipeline: p.name });
            }
        }
        this.#cfg = effective;
        log.info('configuration reloaded', { pipelines: [...this.#pipelines.keys()] });
    }
    status() {
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
    shutdown() {
        this.#stopping ??= (async () => {
            this.#ready = false;
            const timeout = this.#cfg.service.shutdownTimeoutMs;
            await Promise.all([...this.#pipelines.values()].map((p) => p.shutdown(timeout).catch((err) => this.#o.logger.error('pipeline shutdown failed', { pipeline: p.name, error: errorMessage(err) }))));
            this.#pipelines.clear();
            await this.#telemetry?.close();
            this.#o.logger.info('sealog stopped');
        })();
        return this.#stopping;
    }
}
//# sourceMappingURL=agent.js.map