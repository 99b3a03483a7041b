/**
 * One configured pipeline at run time: its spool, its sealing stage, its
 * exporters (each with its own spool cursor) and its receivers.
 *
 * Start order: spool (recovery) → exporters → sealing (genesis or resume) →
 * receivers. Stop order: receivers → sealing (final seal) → exporters
 * (drain up to the shutdown timeout) → spool.
 */
import { join } from 'node:path';
import { configFingerprint } from '../config/load.js';
import { errorMessage } from '../errors.js';
import { dlqDirFor } from '../exporters/dlq.js';
import { createExporter } from '../exporters/index.js';
import { nodeCrypto } from '../integrity/node/crypto.js';
import { kv, newResource, str } from '../otlp/types.js';
import { createProcessor } from '../processors/index.js';
import { createFilelogReceiver } from '../receivers/filelog/index.js';
import { createOtlpReceiver } from '../receivers/otlp/index.js';
import { openSpool } from '../spool/spool.js';
import { deadLetterDataRecords, deadLetterReason } from './dead-letter-loss.js';
import { encodeMeta, recoverState } from './meta.js';
import { SealingPipeline } from './sealing-pipeline.js';
import { CONTROL_SCOPE, startChain } from './chain-start.js';
import { writeStreamMarker } from './stream-marker.js';
/** A file-system-safe name for a pipeline ('logs/audit' → 'logs_audit'). */
export function safeName(name) {
    return name.replace(/[^A-Za-z0-9._-]/g, '_');
}
export class PipelineInstance {
    name;
    stream;
    spoolDir;
    #spool;
    #sealing;
    #exporters = new Map();
    #receivers = new Map();
    #positions = new Map();
    #cfg;
    #deps;
    #log;
    constructor(cfg, name, deps) {
        this.name = name;
        this.stream = `${cfg.agentId}/${name}`;
        this.spoolDir = join(cfg.spool.dir, safeName(name));
        this.#cfg = cfg;
        this.#deps = deps;
        this.#log = deps.logger.child({ pipeline: name });
    }
    get spool() {
        return this.#spool;
    }
    get sealing() {
        return this.#sealing;
    }
    get exporterIds() {
        return [...this.#exporters.keys()];
    }
    get receiverIds() {
        return [...this.#receivers.keys()];
    }
    #pipelineCfg(cfg) {
        const p = cfg.pipelines.find((x) => x.name === this.name);
        if (!p)
            throw new Error(`pipeline ${this.name} is not in the configuration`);
        return p;
    }
    async start() {
        const cfg = this.#cfg;
        const p = this.#pipelineCfg(cfg);
        const keys = this.#deps.keys;
        keys.register(this.name);
        let sealing;
        let bootState;
        this.#spool = await openSpool({
            dir: this.spoolDir,
            maxSizeBytes: cfg.spool.maxSizeBytes,
            segmentSizeBytes: cfg.spool.segmentSizeBytes,
            sync: cfg.spool.sync,
            syncIntervalMs: cfg.spool.syncIntervalMs,
            retainMs: cfg.spool.retainMs,
            readers: p.exporters,
            checkpoint: () => sealing?.checkpointMeta() ?? encodeMeta({ checkpoint: true, ...(bootState ? { chain: bootState } : {}), positions: [] }),
            logger: this.#log.child({ component: 'spool' }),
            metrics: this.#deps.metrics,
            metricLabels: { pipeline: this.name },
        });
        const recovered = recoverState(this.#spool.recoveryMeta());
        for (const msg of recovered.problems)
            this.#log.warn(msg);
        this.#positions = recovered.positions;
        for (const id of p.exporters)
            await this.#startExporter(id, cfg.exporters.get(id));
        const sealerOpts = {
            crypto: nodeCrypto,
            signer: keys.signer,
            now: () => BigInt(Date.now()) * 1000000n,
            sealEveryRecords: cfg.integrity.sealEveryRecords,
            controlResource: newResource([kv('service.name', str('sealog')), kv('host.name', str(cfg.agentId))]),
            controlScope: CONTROL_SCOPE,
        };
        const { sealer, genesis } = startChain({ keys, stream: this.stream, recovered: recovered.chain, sealerOpts, logger: this.#log });
        if (genesis)
            bootState = sealer.snapshot();
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
            processSealed: p.processSealed === true,
            positions: this.#positions,
            logger: this.#log.child({ component: 'sealing' }),
            metrics: this.#deps.metrics,
        });
        this.#sealing = sealing;
        await sealing.start(genesis);
        if (genesis)
            writeStreamMarker(keys.path, this.stream, sealer.id.chain);
        for (const id of p.receivers)
            await this.#startReceiver(id, cfg.receivers.get(id));
    }
    #buildProcessors(cfg) {
        const p = this.#pipelineCfg(cfg);
        return p.processors.map((id) => createProcessor(cfg.processors.get(id), { logger: this.#log.child({ component: `processor/${id}` }), metrics: this.#deps.metrics }));
    }
    async #startExporter(id, ec) {
        // A restarted exporter (reload) resumes from the acknowledged cursor, re-sending what was in flight.
        const reader = this.#spool.reader(id);
        reader.rewind();
        const dlqDir = dlqDirFor(this.spoolDir, id);
        const exporter = createExporter(ec, {
            reader,
            logger: this.#log.child({ component: `exporter/${id}` }),
            metrics: this.#deps.metrics,
            dlqDir,
            onDeadLetter: (meta) => {
                deadLetterDataRecords(dlqDir, meta)
                    .then((n) => (n > 0 ? this.#sealing?.declareLoss(n, deadLetterReason(id, meta)) : undefined))
                    .catch((err) => this.#log.warn('could not write a loss record for a dead-lettered batch', { exporter: id, error: errorMessage(err) }));
            },
        });
        await exporter.start();
        this.#exporters.set(id, { component: exporter, fingerprint: configFingerprint(this.#cfg, id) });
    }
    async #startReceiver(id, rc) {
        const logger = this.#log.child({ component: `receiver/${id}` });
        const deps = { consumer: this.#sealing, logger, metrics: this.#deps.metrics };
        const component = rc.type === 'filelog'
            ? createFilelogReceiver(rc, { ...deps, recovered: [...(this.#positions.get(id)?.values() ?? [])] })
            : createOtlpReceiver(rc, deps);
        await component.start();
        this.#receivers.set(id, { component, fingerprint: configFingerprint(this.#cfg, id) });
    }
    /** Applies a new configuration: only changed components restart; the chain goes on. */
    async reload(next) {
        const old = this.#cfg;
        this.#cfg = next;
        const p = this.#pipelineCfg(next);
        const changed = (id, running) => !running || running.fingerprint !== configFingerprint(next, id);
        for (const [id, r] of [...this.#receivers]) {
            if (!p.receivers.includes(id) || changed(id, r)) {
                await r.component.shutdown();
                this.#receivers.delete(id);
                this.#log.info('receiver stopped for reload', { receiver: id });
            }
        }
        this.#sealing.setProcessors(this.#buildProcessors(next));
        this.#sealing.setProcessSealed(p.processSealed === true);
        this.#sealing.setTiming({ sealEveryRecords: next.integrity.sealEveryRecords, sealIntervalMs: next.integrity.sealIntervalMs, heartbeatMs: next.integrity.heartbeatMs, rotateMs: next.integrity.rotateMs });
        for (const [id, e] of [...this.#exporters]) {
            if (!p.exporters.includes(id) || changed(id, e)) {
                await e.component.drain(Math.min(2000, next.service.shutdownTimeoutMs));
                await e.component.shutdown();
                this.#exporters.delete(id);
                this.#log.info('exporter stopped for reload', { exporter: id });
            }
        }
        for (const id of p.exporters)
            if (!this.#exporters.has(id))
                await this.#startExporter(id, next.exporters.get(id));
        for (const id of p.receivers)
            if (!this.#receivers.has(id))
                await this.#startReceiver(id, next.receivers.get(id));
        if (old.spool.dir !== next.spool.dir || old.spool.maxSizeBytes !== next.spool.maxSizeBytes || old.spool.sync !== next.spool.sync) {
            this.#log.warn('spool settings changed: they take effect at the next restart');
        }
    }
    async shutdown(timeoutMs) {
        for (const [id, r] of this.#receivers) {
            await r.component.shutdown().catch((err) => this.#log.warn('receiver shutdown failed', { receiver: id, error: errorMessage(err) }));
        }
        this.#receivers.clear();
        await this.#sealing?.close();
        const deadline = Date.now() + timeoutMs;
        await Promise.all([...this.#exporters].map(async ([id, e]) => {
            const caughtUp = await e.component.drain(Math.max(0, deadline - Date.now())).catch(() => false);
            if (!caughtUp)
                this.#log.warn('exporter did not catch up before the shutdown timeout; the rest stays in the spool for next time', { exporter: id });
            await e.component.shutdown().catch((err) => this.#log.warn('exporter shutdown failed', { exporter: id, error: errorMessage(err) }));
        }));
        this.#exporters.clear();
        this.#deps.keys.unregister(this.name);
        await this.#spool?.close();
    }
}
//# sourceMappingURL=pipeline-instance.js.map