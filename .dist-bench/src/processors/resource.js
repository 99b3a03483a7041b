/**
 * `resource` processor: attribute actions on resource attributes, then
 * (with `detect`) host.name, os.type and service.name filled in when absent.
 */
import { hostname } from 'node:os';
import { applyActions, compileActions } from './actions.js';
/** OpenTelemetry `os.type` for a Node.js platform name. */
export function osType(platform) {
    switch (platform) {
        case 'win32':
        case 'cygwin':
            return 'windows';
        case 'sunos':
            return 'solaris';
        case 'android':
            return 'linux';
        default:
            return platform;
    }
}
/** What `detect` adds: host.name, os.type and the default service.name `sealog`. */
export function detectedAttributes() {
    const s = (value) => ({ type: 'string', value });
    return [
        { key: 'host.name', value: s(hostname()) },
        { key: 'os.type', value: s(osType(process.platform)) },
        { key: 'service.name', value: s('sealog') },
    ];
}
export class ResourceProcessor {
    id;
    #actions;
    #detected;
    constructor(cfg) {
        this.id = cfg.id;
        this.#actions = compileActions(cfg.actions);
        this.#detected = cfg.detect ? detectedAttributes() : [];
    }
    process(data) {
        for (const rl of data.resourceLogs) {
            const attrs = rl.resource.attributes;
            if (this.#actions.length > 0)
                applyActions(attrs, this.#actions);
            for (const d of this.#detected) {
                let found = false;
                for (let i = 0; i < attrs.length; i++) {
                    if (attrs[i].key === d.key) {
                        found = true;
                        break;
                    }
                }
                if (!found)
                    attrs.push({ key: d.key, value: d.value });
            }
        }
    }
}
//# sourceMappingURL=resource.js.map