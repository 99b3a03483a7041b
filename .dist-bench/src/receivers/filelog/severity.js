/**
 * Severity text -> OpenTelemetry SeverityNumber (pure).
 *
 * Ranges per the OTel log data model: TRACE 1-4, DEBUG 5-8, INFO 9-12,
 * WARN 13-16, ERROR 17-20, FATAL 21-24. A source level that is the only one of
 * its range maps to the lowest number of the range; where a source has several
 * levels in one range they are spread in order (err 17, crit 18, alert 19).
 */
import { AgentError } from '../../errors.js';
const SHORT_NAMES = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'];
/** 'warn' -> 13, 'error3' -> 19, 'INFO4' -> 12; undefined for anything else. */
export function shortNameToNumber(name) {
    const m = /^([a-z]+)([1-4])?$/i.exec(name.trim());
    if (!m)
        return undefined;
    const i = SHORT_NAMES.indexOf(m[1].toUpperCase());
    if (i < 0)
        return undefined;
    const step = m[2] ? Number(m[2]) - 1 : 0;
    return i * 4 + 1 + step;
}
/** Common level spellings (lowercase) of syslog, log4j, Python, Go, .NET, Rust and the OTel short names. */
const DEFAULTS = [
    ['trace', 1],
    ['trace2', 2],
    ['trace3', 3],
    ['trace4', 4],
    ['finest', 1],
    ['finer', 2],
    ['verbose', 1],
    ['debug', 5],
    ['debug2', 6],
    ['debug3', 7],
    ['debug4', 8],
    ['dbug', 5],
    ['fine', 5],
    ['config', 6],
    ['info', 9],
    ['info2', 10],
    ['info3', 11],
    ['info4', 12],
    ['information', 9],
    ['informational', 9],
    ['notice', 10],
    ['warn', 13],
    ['warn2', 14],
    ['warn3', 15],
    ['warn4', 16],
    ['warning', 13],
    ['error', 17],
    ['error2', 18],
    ['error3', 19],
    ['error4', 20],
    ['err', 17],
    ['eror', 17],
    ['severe', 17],
    ['critical', 18],
    ['crit', 18],
    ['alert', 19],
    ['fatal', 21],
    ['fatal2', 22],
    ['fatal3', 23],
    ['fatal4', 24],
    ['emerg', 21],
    ['emergency', 21],
    ['panic', 21],
];
export class SeverityMapper {
    #table = new Map();
    /** `mapping`: severity short name -> source values, added on top of (and winning over) the defaults. */
    constructor(mapping) {
        for (const [k, v] of DEFAULTS)
            this.#table.set(k, v);
        if (mapping) {
            for (const [name, values] of Object.entries(mapping)) {
                const n = shortNameToNumber(name);
                if (n === undefined) {
                    throw new AgentError('CONFIG_INVALID', `severity parser mapping: "${name}" is not a severity name; use trace, debug, info, warn, error or fatal, optionally followed by 2, 3 or 4`);
                }
                for (const v of values)
                    this.#table.set(String(v).trim().toLowerCase(), n);
            }
        }
    }
    /** The SeverityNumber for a source level text, or 0 (unspecified) when unknown. */
    map(text) {
        return this.#table.get(text.trim().toLowerCase()) ?? 0;
    }
}
//# sourceMappingURL=severity.js.map