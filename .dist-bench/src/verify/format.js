/**
 * The checker's two outputs: a short summary per stream for people, and the
 * same content as a documented JSON report (docs/VERIFY.md) for machines.
 */
import { nsToIso, rangeText } from '../integrity/verifier.js';
export const REPORT_FORMAT = 'sealog-verify-report-v1';
function findingLine(f) {
    const where = f.where ? ` (${f.where})` : '';
    const seq = f.seq !== undefined ? ` seq ${f.seqEnd !== undefined ? rangeText(f.seq, f.seqEnd) : f.seq}` : '';
    return `  ${f.severity.toUpperCase().padEnd(9)} ${f.kind}${seq}: ${f.message}${where}`;
}
export function formatText(r, opts = {}) {
    const max = opts.maxFindingsPerStream ?? 50;
    const out = [];
    for (const s of r.streams) {
        const time = s.timeMinNs !== undefined && s.timeMaxNs !== undefined ? `${nsToIso(s.timeMinNs)} .. ${nsToIso(s.timeMaxNs)}` : 'no timestamps';
        const v = s.findings.filter((f) => f.severity === 'violation').length;
        const verdict = v === 0 ? 'INTACT' : `${v} VIOLATION${v === 1 ? '' : 'S'}`;
        out.push(`stream ${s.stream} (chain ${s.chain}): ${verdict}`);
        out.push(`  records ${s.records}, seq ${s.firstSeq || '-'}..${s.lastSeq || '-'}, seals ${s.seals} (last seq ${s.lastSealSeq || '-'}${s.lastSealTimeNs ? ` at ${nsToIso(s.lastSealTimeNs)}` : ''}), key epochs ${s.epochs.length ? s.epochs.join(',') : '-'}, duplicates ${s.duplicates}`);
        out.push(`  time ${time}`);
        out.push(`  anchor ${s.anchor ?? '- (no control record verified)'}${s.anchorSource ? ` (${s.anchorSource})` : ''}${s.binding ? `, bound by --key-for ${s.binding}` : ''}`);
        for (const f of s.findings.slice(0, max))
            out.push(findingLine(f));
        if (s.findings.length > max)
            out.push(`  ... and ${s.findings.length - max} more finding(s) (use --json for all)`);
    }
    for (const f of r.findings)
        out.push(findingLine(f));
    out.push(r.intact
        ? `OK: ${r.streams.length} stream(s) intact${r.warnings ? `, ${r.warnings} warning(s)` : ''}`
        : `FAILED: ${r.violations} integrity violation(s), ${r.warnings} warning(s)`);
    return out.join('\n') + '\n';
}
export function formatJson(r, extra = {}) {
    return (JSON.stringify({ format: REPORT_FORMAT, ...extra, ...r }, (_k, v) => (typeof v === 'bigint' ? v.toString() : v), 2) + '\n');
}
//# sourceMappingURL=format.js.map