import { createFilelogMetrics } from './metrics.js';
import { FilelogReceiver, defaultNow } from './receiver.js';
export { SCOPE_NAME } from './receiver.js';
export { ATTR_FILE_NAME, ATTR_FILE_PATH, ATTR_FINGERPRINT, ATTR_LENGTH, ATTR_OFFSET, ATTR_SPLIT, ATTR_TRUNCATED, } from './records.js';
/** Builds a receiver; throws AgentError CONFIG_INVALID for bad globs, regexes or parser settings. */
export function createFilelogReceiver(cfg, deps) {
    return new FilelogReceiver(cfg, {
        consumer: deps.consumer,
        logger: deps.logger,
        metrics: createFilelogMetrics(deps.metrics, cfg.id),
        recovered: deps.recovered,
        now: deps.now ?? defaultNow,
    });
}
//# sourceMappingURL=index.js.map