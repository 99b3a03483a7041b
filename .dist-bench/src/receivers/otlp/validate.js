/** Above this many keys, duplicates are found with a Set rather than by pairwise compare. */
const SMALL_LIST = 16;
export function validateRecords(data, maxReported = 10) {
    let received = 0;
    let rejected = 0;
    const violations = [];
    // Rejection marks, built lazily: resource index -> scope index -> record indexes.
    let marks;
    const resourceLogs = data.resourceLogs;
    for (let r = 0; r < resourceLogs.length; r++) {
        const rl = resourceLogs[r];
        const resourceProblem = duplicateKeyIn(rl.resource.attributes);
        for (let s = 0; s < rl.scopeLogs.length; s++) {
            const sl = rl.scopeLogs[s];
            const scopeProblem = resourceProblem === undefined ? duplicateKeyIn(sl.scope.attributes) : undefined;
            const records = sl.logRecords;
            received += records.length;
            for (let i = 0; i < records.length; i++) {
                let problem;
                if (resourceProblem !== undefined) {
                    problem = { field: `resourceLogs[${r}].resource.attributes`, description: resourceProblem };
                }
                else if (scopeProblem !== undefined) {
                    problem = { field: `resourceLogs[${r}].scopeLogs[${s}].scope.attributes`, description: scopeProblem };
                }
                else {
                    problem = checkRecord(records[i], r, s, i);
                }
                if (problem === undefined)
                    continue;
                rejected++;
                if (violations.length < maxReported)
                    violations.push(problem);
                marks ??= new Map();
                let byScope = marks.get(r);
                if (!byScope)
                    marks.set(r, (byScope = new Map()));
                let set = byScope.get(s);
                if (!set)
                    byScope.set(s, (set = new Set()));
                set.add(i);
            }
        }
    }
    const accepted = marks === undefined ? data : withoutRejected(data, marks);
    return { accepted, received, acceptedCount: received - rejected, rejectedCount: rejected, violations };
}
function checkRecord(rec, r, s, i) {
    const attrProblem = duplicateKeyIn(rec.attributes);
    if (attrProblem !== undefined)
        return { field: recordPath(r, s, i, 'attributes'), description: attrProblem };
    const bodyProblem = duplicateKeyInValue(rec.body);
    if (bodyProblem !== undefined)
        return { field: recordPath(r, s, i, 'body'), description: bodyProblem };
    return undefined;
}
function recordPath(r, s, i, field) {
    return `resourceLogs[${r}].scopeLogs[${s}].logRecords[${i}].${field}`;
}
/** A description of the first duplicated key in `kvs` or in any value nested in it, or undefined. */
export function duplicateKeyIn(kvs) {
    const n = kvs.length;
    if (n > 1) {
        if (n <= SMALL_LIST) {
            for (let a = 1; a < n; a++) {
                const key = kvs[a].key;
                for (let b = 0; b < a; b++)
                    if (kvs[b].key === key)
                        return duplicateMessage(key);
            }
        }
        else {
            const seen = new Set();
            for (let a = 0; a < n; a++) {
                const key = kvs[a].key;
                if (seen.has(key))
                    return duplicateMessage(key);
                seen.add(key);
            }
        }
    }
    for (let a = 0; a < n; a++) {
        const nested = duplicateKeyInValue(kvs[a].value);
        if (nested !== undefined)
            return nested;
    }
    return undefined;
}
function duplicateKeyInValue(v) {
    if (v.type === 'kvlist')
        return duplicateKeyIn(v.value);
    if (v.type === 'array') {
        const items = v.value;
        for (let i = 0; i < items.length; i++) {
            const nested = duplicateKeyInValue(items[i]);
            if (nested !== undefined)
                return nested;
        }
    }
    return undefined;
}
function duplicateMessage(key) {
    const shown = key.length > 100 ? key.slice(0, 100) + '…' : key;
    return `key "${shown}" occurs more than once (keys must be unique)`;
}
function withoutRejected(data, marks) {
    const out = [];
    data.resourceLogs.forEach((rl, r) => {
        const byScope = marks.get(r);
        if (!byScope) {
            out.push(rl);
            return;
        }
        const scopes = [];
        rl.scopeLogs.forEach((sl, s) => {
            const rejected = byScope.get(s);
            if (!rejected) {
                scopes.push(sl);
                return;
            }
            const kept = sl.logRecords.filter((_rec, i) => !rejected.has(i));
            if (kept.length > 0)
                scopes.push({ ...sl, logRecords: kept });
        });
        if (scopes.length > 0)
            out.push({ ...rl, scopeLogs: scopes });
    });
    return { resourceLogs: out };
}
//# sourceMappingURL=validate.js.map