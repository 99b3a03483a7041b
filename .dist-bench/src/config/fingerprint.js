/**
 * A stable digest of one component's settings, so a reload (SIGHUP) can
 * restart only what changed.
 */
import { createHash } from 'node:crypto';
function canonical(v) {
    if (v === undefined)
        return 'null';
    if (v === null || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string')
        return JSON.stringify(v);
    if (typeof v === 'bigint')
        return JSON.stringify(v.toString());
    if (Array.isArray(v))
        return `[${v.map(canonical).join(',')}]`;
    if (v instanceof Map)
        return canonical(Object.fromEntries(v));
    const o = v;
    const keys = Object.keys(o)
        .filter((k) => o[k] !== undefined)
        .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
}
/**
 * Hex SHA-256 of the canonical JSON of one part of the config: a receiver,
 * processor or exporter id, a pipeline name (`logs`, `logs/x`), or one of
 * `agent`, `integrity`, `spool`, `service`. Equal settings give equal digests
 * whatever their order in the YAML. Returns '' when `c` has no such part, so
 * comparing the old and new config's digests tells added, removed and changed
 * parts apart from unchanged ones.
 */
export function configFingerprint(c, componentId) {
    let part;
    if (componentId === 'agent')
        part = { agentId: c.agentId };
    else if (componentId === 'integrity')
        part = c.integrity;
    else if (componentId === 'spool')
        part = c.spool;
    else if (componentId === 'service')
        part = c.service;
    else
        part = c.receivers.get(componentId) ?? c.processors.get(componentId) ?? c.exporters.get(componentId) ?? c.pipelines.find((p) => p.name === componentId);
    if (part === undefined)
        return '';
    return createHash('sha256').update(canonical(part)).digest('hex');
}
//# sourceMappingURL=fingerprint.js.map