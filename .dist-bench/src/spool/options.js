/** Options of openSpool() and their validation. */
import { AgentError } from '../errors.js';
import { SEGMENT_HEADER_BYTES } from './format.js';
/** Throws AgentError 'CONFIG_INVALID' naming the first impossible option. */
export function checkOptions(o) {
    const bad = (msg) => {
        throw new AgentError('CONFIG_INVALID', `spool ${o.dir}: ${msg}`);
    };
    if (!o.dir)
        bad('dir is empty');
    if (!(o.maxSizeBytes > 0))
        bad(`max_size must be positive (got ${o.maxSizeBytes})`);
    if (!(o.segmentSizeBytes > SEGMENT_HEADER_BYTES))
        bad(`segment_size must be larger than ${SEGMENT_HEADER_BYTES} bytes (got ${o.segmentSizeBytes})`);
    if (o.sync !== 'always' && o.sync !== 'interval' && o.sync !== 'none')
        bad(`sync must be always, interval or none (got ${String(o.sync)})`);
    if (o.sync === 'interval' && !(o.syncIntervalMs > 0))
        bad(`sync_interval must be positive (got ${o.syncIntervalMs})`);
    if (!(o.retainMs >= 0))
        bad(`retain must not be negative (got ${o.retainMs})`);
    if (new Set(o.readers).size !== o.readers.length)
        bad(`reader names must be unique (got ${o.readers.join(', ')})`);
}
//# sourceMappingURL=options.js.map