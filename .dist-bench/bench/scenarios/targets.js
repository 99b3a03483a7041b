function check(target, value, limit, atLeast, show) {
    if (value === undefined || !Number.isFinite(value))
        return { target, measured: 'not measured', verdict: 'SKIP', limit };
    const ok = atLeast ? value >= limit : value < limit;
    return { target, measured: show(value), verdict: ok ? 'PASS' : 'MISS', value, limit };
}
const rate = (v) => `${Math.round(v).toLocaleString('en-US')} records/s`;
const mb = (v) => `${v.toFixed(0)} MB`;
/** byId: scenario id ('1'..'6', '4p') -> result. Agent scenarios are those whose `measured` is 'agent'. */
export function checkTargets(byId) {
    const med = (id, k) => byId.get(id)?.summary[k]?.median;
    const s1 = med('1', 'recordsPerSec');
    const peer = med('6', 'recordsPerSec');
    const agentRss = [...byId.values()].filter((s) => s.measured === 'agent' && s.runs.length).map((s) => s.summary.peakRssMb.max);
    return [
        check('1: file -> OTLP/HTTP, >= 150,000 records/s', s1, 150_000, true, rate),
        check('1: >= 0.5 x rsyslog in the same run', s1 !== undefined && peer !== undefined ? s1 / peer : undefined, 0.5, true, (v) => `${v.toFixed(2)} x`),
        check('2: sync always, >= 50,000 records/s', med('2', 'recordsPerSec'), 50_000, true, rate),
        check('4: verify, >= 200,000 records/s', med('4', 'recordsPerSec'), 200_000, true, rate),
        check('4: verify peak RSS < 200 MB', byId.get('4')?.summary.peakRssMb?.max, 200, false, mb),
        check('5: latency p99 < 250 ms', med('5', 'p99Ms'), 250, false, (v) => `${v.toFixed(0)} ms`),
        check('agent peak RSS < 150 MB in every scenario', agentRss.length ? Math.max(...agentRss) : undefined, 150, false, mb),
    ];
}
//# sourceMappingURL=targets.js.map