/**
 * The string form of an AnyValue, used by `hash` actions and by filter
 * attribute matches:
 * - string: itself; bool: `true`/`false`; int: decimal; double: JavaScript's
 *   shortest round-trip form (`1.5`, `NaN`, `Infinity`); empty: '';
 * - bytes: lowercase hex;
 * - array / kvlist: compact JSON of the nested string forms, ints and doubles
 *   as JSON numbers where finite, kvlist keys in their original order.
 */
import type { AnyValue } from '../otlp/types.js';
export declare function bytesToHex(b: Uint8Array): string;
export declare function valueString(v: AnyValue): string;
