import { AttributesProcessor } from './attributes.js';
import { FilterProcessor } from './filter.js';
import { RedactProcessor } from './redact.js';
import { ResourceProcessor } from './resource.js';
export function createProcessor(cfg, deps) {
    deps.logger.debug('processor created', { processor: cfg.id, type: cfg.type });
    switch (cfg.type) {
        case 'attributes':
            return new AttributesProcessor(cfg);
        case 'resource':
            return new ResourceProcessor(cfg);
        case 'filter':
            return new FilterProcessor(cfg, deps.metrics);
        case 'redact':
            return new RedactProcessor(cfg, deps.metrics);
    }
}
export { AttributesProcessor, FilterProcessor, RedactProcessor, ResourceProcessor };
export { NAMED_PATTERNS, luhnValid, ibanValid } from './redact-patterns.js';
export { valueString } from './value-string.js';
//# sourceMappingURL=index.js.map