/**
 * Durations (`100ms`, `30s`, `1h30m`) and sizes (`64MiB`, `500KB`, plain
 * integer bytes) as written in the YAML config.
 */
import { AgentError } from '../errors.js';
const DURATION_UNITS = {
    ns: 1e-6,
    us: 1e-3,
    µs: 1e-3,
    ms: 1,
    s: 1000,
    m: 60_000,
    h: 3_600_000,
};
const DURATION_PART = /(\d+(?:\.\d+)?|\.\d+)(ns|us|µs|ms|s|m|h)/y;
/**
 * A Go-style duration: one or more `<number><unit>` parts with units ns, us,
 * µs, ms, s, m, h (e.g. `1h30m`, `1.5s`). The literal `0` is accepted as zero.
 * A plain number is rejected because its unit would be a guess.
 */
export function tryParseDuration(input) {
    if (input === 0 || input === '0')
        return { ok: true, value: 0 };
    if (typeof input === 'number') {
        return { ok: false, message: `duration ${input} has no unit`, hint: `write it with a unit, e.g. ${input}ms or ${input}s` };
    }
    const s = input.trim();
    if (s.startsWith('-'))
        return { ok: false, message: `duration "${input}" is negative`, hint: 'durations must be 0 or more' };
    if (/^\d+(\.\d+)?$/.test(s)) {
        return { ok: false, message: `duration "${input}" has no unit`, hint: `write it with a unit, e.g. ${s}ms or ${s}s` };
    }
    if (/^\d+(\.\d+)?d$/.test(s)) {
        return { ok: false, message: `duration "${input}" uses days, which are not supported`, hint: `use hours, e.g. ${Number(s.slice(0, -1)) * 24}h` };
    }
    if (s.length === 0)
        return { ok: false, message: 'duration is empty', hint: 'e.g. 100ms, 30s, 5m' };
    let total = 0;
    let pos = 0;
    while (pos < s.length) {
        DURATION_PART.lastIndex = pos;
        const m = DURATION_PART.exec(s);
        if (!m) {
            return { ok: false, message: `invalid duration "${input}"`, hint: 'use a number with a unit (ns, us, ms, s, m, h), e.g. 100ms, 30s, 1h30m' };
        }
        total += Number(m[1]) * DURATION_UNITS[m[2]];
        pos = DURATION_PART.lastIndex;
    }
    if (!Number.isFinite(total) || total > Number.MAX_SAFE_INTEGER)
        return { ok: false, message: `duration "${input}" is too large` };
    return { ok: true, value: total };
}
const SIZE_UNITS = {
    b: 1,
    kb: 1000,
    mb: 1000 ** 2,
    gb: 1000 ** 3,
    tb: 1000 ** 4,
    kib: 1024,
    mib: 1024 ** 2,
    gib: 1024 ** 3,
    tib: 1024 ** 4,
};
/**
 * A size: a plain non-negative integer (bytes) or `<number><unit>` with units
 * B, KB, MB, GB, TB (powers of 1000) and KiB, MiB, GiB, TiB (powers of 1024),
 * case-insensitive; fractions are rounded down to whole bytes.
 */
export function tryParseSize(input) {
    if (typeof input === 'number') {
        if (!Number.isInteger(input))
            return { ok: false, message: `size ${input} is not a whole number of bytes`, hint: 'use an integer or a unit, e.g. 64MiB' };
        if (input < 0)
            return { ok: false, message: `size ${input} is negative`, hint: 'sizes must be 0 or more' };
        return { ok: true, value: input };
    }
    const s = input.trim();
    if (s.startsWith('-'))
        return { ok: false, message: `size "${input}" is negative`, hint: 'sizes must be 0 or more' };
    const m = /^(\d+(?:\.\d+)?|\.\d+)\s*([A-Za-z]*)$/.exec(s);
    if (!m)
        return { ok: false, message: `invalid size "${input}"`, hint: 'use bytes or a number with a unit, e.g. 500KB, 64MiB, 1GiB' };
    const unit = m[2].toLowerCase();
    const mult = unit === '' ? 1 : SIZE_UNITS[unit];
    if (mult === undefined) {
        return { ok: false, message: `unknown size unit "${m[2]}" in "${input}"`, hint: 'units are B, KB, MB, GB, TB (x1000) and KiB, MiB, GiB, TiB (x1024)' };
    }
    const value = Math.floor(Number(m[1]) * mult);
    if (!Number.isSafeInteger(value))
        return { ok: false, message: `size "${input}" is too large` };
    return { ok: true, value };
}
function orThrow(r) {
    if (r.ok)
        return r.value;
    throw new AgentError('CONFIG_INVALID', r.hint ? `${r.message} (${r.hint})` : r.message);
}
/** Milliseconds of a duration string; throws AgentError CONFIG_INVALID. */
export function parseDuration(s) {
    return orThrow(tryParseDuration(s));
}
/** Bytes of a size string; throws AgentError CONFIG_INVALID. */
export function parseSize(s) {
    return orThrow(tryParseSize(s));
}
/** `1500` -> `1.5s`, for messages. */
export function formatDuration(ms) {
    if (ms === 0)
        return '0';
    if (ms % 3_600_000 === 0)
        return `${ms / 3_600_000}h`;
    if (ms % 60_000 === 0)
        return `${ms / 60_000}m`;
    if (ms % 1000 === 0)
        return `${ms / 1000}s`;
    return `${ms}ms`;
}
/** `67108864` -> `64MiB`, for messages. */
export function formatSize(bytes) {
    for (const [unit, mult] of [['GiB', 1024 ** 3], ['MiB', 1024 ** 2], ['KiB', 1024]]) {
        if (bytes >= mult && bytes % mult === 0)
            return `${bytes / mult}${unit}`;
    }
    return `${bytes}B`;
}
//# sourceMappingURL=units.js.map