const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(s) {
    return s.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}
function num(n) {
    return Number.isFinite(n) ? n.toLocaleString('en-US') : String(n);
}
function bytes(n) {
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    let v = n;
    let u = 0;
    while (v >= 1024 && u < units.length - 1) {
        v /= 1024;
        u++;
    }
    return `${u === 0 ? v : v.toFixed(1)} ${units[u]}`;
}
/** `3d 4h`, `5m 2s`, `12s`. */
export function ago(ms) {
    const s = Math.max(0, Math.floor(ms / 1000));
    const d = Math.floor(s / 86400);
    const h = Math.floor((s % 86400) / 3600);
    const m = Math.floor((s % 3600) / 60);
    const sec = s % 60;
    if (d > 0)
        return `${d}d ${h}h`;
    if (h > 0)
        return `${h}h ${m}m`;
    if (m > 0)
        return `${m}m ${sec}s`;
    return `${sec}s`;
}
function pipeline(p, nowMs) {
    const e = escapeHtml;
    const fill = Math.min(1, Math.max(0, Number.isFinite(p.spool.fillRatio) ? p.spool.fillRatio : 0));
    const pct = (fill * 100).toFixed(1);
    const level = fill >= 0.9 ? 'bad' : fill >= 0.7 ? 'warn' : 'ok';
    const lastSeal = p.lastSealAtMs === undefined ? 'none yet' : `${ago(nowMs - p.lastSealAtMs)} ago (${e(new Date(p.lastSealAtMs).toISOString())})`;
    const rows = p.exporters
        .map((x) => `<tr><td>${e(x.id)}</td><td class="n">${num(x.lagRecords)}</td><td class="n">${x.lagSeconds.toFixed(1)}</td><td class="n">${num(x.sent)}</td><td class="n${x.deadLettered > 0 ? ' bad' : ''}">${num(x.deadLettered)}</td></tr>`)
        .join('\n');
    return `<section>
<h2>${e(p.name)}</h2>
<dl>
<dt>stream</dt><dd><code>${e(p.stream)}</code></dd>
<dt>receivers</dt><dd>${e(p.receivers.join(', ') || '-')}</dd>
<dt>processors</dt><dd>${e(p.processors.join(', ') || '-')}</dd>
<dt>last seq</dt><dd>${num(p.lastSeq)}</dd>
<dt>last seal</dt><dd>${lastSeal}</dd>
<dt>key epoch</dt><dd>${num(p.keyEpoch)}</dd>
<dt>spool</dt><dd><span class="bar"><span class="${level}" style="width:${pct}%"></span></span> ${pct}% (${bytes(p.spool.bytes)} of ${bytes(p.spool.maxBytes)}, ${num(p.spool.segments)} segment${p.spool.segments === 1 ? '' : 's'})</dd>
</dl>
<table>
<thead><tr><th>exporter</th><th>lag (records)</th><th>lag (s)</th><th>sent</th><th>dead-lettered</th></tr></thead>
<tbody>
${rows || '<tr><td colspan="5">no exporters</td></tr>'}
</tbody>
</table>
</section>`;
}
export function renderStatusPage(s, nowMs = Date.now()) {
    const e = escapeHtml;
    return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="refresh" content="10">
<title>sealog ${e(s.agentId)}</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.5em}
dl{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}dt{color:#666}dd{margin:0}
table{border-collapse:collapse;margin-top:.5em}th,td{border:1px solid #ccc;padding:.2em .6em}th{background:#f4f4f4;text-align:left}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.bar{display:inline-block;width:12em;height:.8em;border:1px solid #999;vertical-align:middle}
.bar span{display:block;height:100%}.ok{background:#4a4}.warn{background:#da2}.bad{background:#d33;color:#fff}
td.bad{background:#fdd;color:#900}
</style>
</head>
<body>
<h1>sealog <code>${e(s.agentId)}</code></h1>
<p>version ${e(s.version)} &middot; up ${ago(nowMs - s.startedAtMs)} (since ${e(new Date(s.startedAtMs).toISOString())}) &middot;
<a href="metrics">metrics</a> &middot; <a href="healthz">healthz</a> &middot; <a href="readyz">readyz</a></p>
${s.pipelines.map((p) => pipeline(p, nowMs)).join('\n') || '<p>no pipelines running</p>'}
</body>
</html>
`;
}
//# sourceMappingURL=status-page.js.map