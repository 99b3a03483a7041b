/**
 * YAML text -> validated SealogConfig. Reads every section, then checks the
 * pipeline graph and cross-component rules, and throws one ConfigError with
 * every problem found.
 */
import { readFileSync } from 'node:fs';
import { endpointsClash } from './endpoint.js';
import { EXPORTER_HINTS, EXPORTER_TYPES, readExporter } from './exporters.js';
import { parseComponentId } from './ids.js';
import { ConfigError, IssueList } from './issues.js';
import { PROCESSOR_HINTS, PROCESSOR_TYPES, readProcessor } from './processors.js';
import { Section } from './reader.js';
import { RECEIVER_TYPES, readReceiver } from './receivers.js';
import { readAgentId, readIntegrity, readService, readSpool } from './service.js';
import { buildTree } from './tree.js';
export { ConfigError, formatIssue } from './issues.js';
export { parseDuration, parseSize } from './units.js';
export { configFingerprint } from './fingerprint.js';
const TOP_LEVEL_HINTS = {
    extensions: 'sealog has no extensions: health checks, readiness and metrics are built in, see service.telemetry.metrics',
    connectors: 'sealog has no connectors: give a pipeline several exporters instead of chaining pipelines',
};
function readComponents(root, key, kind, types, read, hints) {
    const out = new Map();
    const s = root.section(key);
    for (const id of s.keys()) {
        const parsed = parseComponentId(id, kind, types);
        if (!parsed.ok) {
            s.node(id);
            s.issues.add(s.keyPos(id), s.keyPath(id), parsed.message, parsed.hint);
            continue;
        }
        const cfg = read(id, parsed.type, s.section(id, hints(parsed.type)));
        if (cfg !== undefined)
            out.set(id, { config: cfg, pos: s.keyPos(id), path: s.keyPath(id) });
    }
    s.finish();
    return out;
}
function checkReferences(b, issues) {
    const receiverOwner = new Map();
    const fileExporterOwner = new Map();
    for (const p of b.pipelines) {
        const seen = { receivers: new Set(), processors: new Set(), exporters: new Set() };
        for (const kind of ['receivers', 'processors', 'exporters']) {
            const defined = b[kind];
            for (const ref of p[kind]) {
                if (seen[kind].has(ref.id)) {
                    issues.add(ref.pos, ref.path, `"${ref.id}" is listed twice in this pipeline`);
                    continue;
                }
                seen[kind].add(ref.id);
                if (!defined.has(ref.id)) {
                    const sameType = [...defined.keys()];
                    const close = sameType.find((k) => k.toLowerCase() === ref.id.toLowerCase());
                    issues.add(ref.pos, ref.path, `${kind.slice(0, -1)} "${ref.id}" is not defined`, close ? `did you mean "${close}"?` : sameType.length > 0 ? `defined ${kind}: ${sameType.join(', ')}` : `define it under ${kind}:`);
                    continue;
                }
                p.config[kind].push(ref.id);
                if (kind === 'exporters' && b.exporters.get(ref.id).config.type === 'file') {
                    // Each pipeline runs its own exporter instances: two would write one file.
                    const owner = fileExporterOwner.get(ref.id);
                    if (owner !== undefined) {
                        issues.add(ref.pos, ref.path, `file exporter "${ref.id}" is already used by pipeline ${owner}`, 'each pipeline needs its own file exporter with its own path, e.g. file/' + (p.config.name.replace(/^logs\/?/, '') || 'main'));
                    }
                    else
                        fileExporterOwner.set(ref.id, p.config.name);
                }
                if (kind === 'receivers') {
                    const owner = receiverOwner.get(ref.id);
                    if (owner !== undefined) {
                        issues.add(ref.pos, ref.path, `receiver "${ref.id}" is already used by pipeline ${owner}`, `each receiver feeds exactly one pipeline, i.e. one chain; define a second one, e.g. ${ref.id.split('/')[0]}/${p.config.name.replace(/^logs\/?/, '') || 'other'}`);
                    }
                    else
                        receiverOwner.set(ref.id, p.config.name);
                }
            }
        }
        const exporters = p.config.exporters.map((id) => b.exporters.get(id).config);
        if (exporters.length > 0 && exporters.every((e) => e.sealsOnly)) {
            issues.add(p.exporters[0].pos, `${p.path}.exporters`, 'every exporter of this pipeline is seals_only, so no log record would ever leave the host', 'add an exporter that sends the records; seals_only is for a second, witness copy');
        }
    }
}
function checkEndpoints(b, issues) {
    const used = new Set(b.pipelines.flatMap((p) => p.config.receivers));
    const all = [];
    for (const [id, r] of b.receivers)
        if (used.has(id))
            all.push(...r.endpoints);
    if (b.metrics)
        all.push(b.metrics);
    for (let i = 0; i < all.length; i++) {
        for (let j = 0; j < i; j++) {
            if (endpointsClash(all[i], all[j])) {
                issues.add(all[i].pos, all[i].path, `endpoint ${all[i].text} is already used by ${all[j].path} (${all[j].text})`, 'give each listener its own port');
                break;
            }
        }
    }
}
function checkFiles(b, spoolDir, issues) {
    const paths = new Map();
    for (const [, e] of b.exporters) {
        if (e.config.type !== 'file' || e.config.path === '')
            continue;
        const other = paths.get(e.config.path);
        if (other !== undefined)
            issues.add(e.pos, `${e.path}.path`, `${e.config.path} is also written by ${other}`, 'two file exporters writing one file would interleave and corrupt it');
        else
            paths.set(e.config.path, e.path);
        if (spoolDir !== '' && (e.config.path === spoolDir || e.config.path.startsWith(spoolDir + '/'))) {
            issues.add(e.pos, `${e.path}.path`, `${e.config.path} is inside the spool directory ${spoolDir}`, 'write exporter output outside spool.dir');
        }
    }
}
/** Parses and validates config text. `source` names the file in messages. Throws ConfigError. */
export function parseConfig(text, source, env = process.env) {
    const issues = new IssueList(source);
    const tree = buildTree(text, issues, env);
    if (tree === undefined) {
        if (issues.items.length === 0)
            issues.add({ line: 1, col: 1 }, '', 'the config is empty', 'start from config/sealog.example.yaml');
        throw new ConfigError(issues.sorted());
    }
    const root = new Section(issues, tree, '', { line: 1, col: 1 }, TOP_LEVEL_HINTS);
    if (!root.present)
        throw new ConfigError(issues.sorted());
    const agentId = readAgentId(root.section('agent'));
    const receivers = readComponents(root, 'receivers', 'receiver', RECEIVER_TYPES, (id, type, s) => readReceiver(id, type, s), () => undefined);
    const processors = readComponents(root, 'processors', 'processor', PROCESSOR_TYPES, readProcessor, (t) => PROCESSOR_HINTS[t]);
    const exporters = readComponents(root, 'exporters', 'exporter', EXPORTER_TYPES, readExporter, () => EXPORTER_HINTS);
    const integrity = readIntegrity(root.section('integrity'));
    const spool = readSpool(root.section('spool'));
    const service = readService(root.section('service'));
    root.finish();
    const built = {
        receivers: new Map([...receivers].map(([id, r]) => [id, { config: r.config.config, pos: r.pos, path: r.path, endpoints: r.config.endpoints }])),
        processors,
        exporters,
        pipelines: service.pipelines,
    };
    if (service.metrics)
        built.metrics = service.metrics;
    checkReferences(built, issues);
    checkEndpoints(built, issues);
    checkFiles(built, spool.dir, issues);
    if (issues.items.length > 0)
        throw new ConfigError(issues.sorted());
    return {
        source,
        agentId,
        receivers: new Map([...built.receivers].map(([id, r]) => [id, r.config])),
        processors: new Map([...processors].map(([id, p]) => [id, p.config])),
        exporters: new Map([...exporters].map(([id, e]) => [id, e.config])),
        integrity,
        spool,
        service: service.config,
        pipelines: service.pipelines.map((p) => p.config),
    };
}
/** Reads and parses a config file. An unreadable file is a ConfigError with line 0. */
export function loadConfigFile(path, env = process.env) {
    let text;
    try {
        text = readFileSync(path, 'utf8');
    }
    catch (err) {
        const code = err.code;
        const reason = code === 'ENOENT' ? 'file not found' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : err instanceof Error ? err.message : String(err);
        const issues = new IssueList(path);
        issues.add({ line: 0, col: 0 }, '', `cannot read the config: ${reason}`, code === 'ENOENT' ? 'check the path given with -c' : undefined);
        throw new ConfigError(issues.items);
    }
    return parseConfig(text, path, env);
}
//# sourceMappingURL=load.js.map