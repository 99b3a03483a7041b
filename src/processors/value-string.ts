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

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function bytesToHex(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += HEX[b[i]!];
  return s;
}

function toJson(v: AnyValue): string {
  switch (v.type) {
    case 'string':
      return JSON.stringify(v.value);
    case 'bool':
      return v.value ? 'true' : 'false';
    case 'int':
      return v.value.toString();
    case 'double':
      return Number.isFinite(v.value) ? String(v.value) : JSON.stringify(String(v.value));
    case 'bytes':
      return JSON.stringify(bytesToHex(v.value));
    case 'empty':
      return 'null';
    case 'array':
      return `[${v.value.map(toJson).join(',')}]`;
    case 'kvlist':
      return `{${v.value.map((kv) => `${JSON.stringify(kv.key)}:${toJson(kv.value)}`).join(',')}}`;
  }
}

export function valueString(v: AnyValue): string {
  switch (v.type) {
    case 'string':
      return v.value;
    case 'bool':
      return v.value ? 'true' : 'false';
    case 'int':
      return v.value.toString();
    case 'double':
      return String(v.value);
    case 'bytes':
      return bytesToHex(v.value);
    case 'empty':
      return '';
    case 'array':
    case 'kvlist':
      return toJson(v);
  }
}
