import type { AttributeAction } from '../config/types.js';
import type { AnyValue, KeyValue } from '../otlp/types.js';
export interface CompiledAction {
    key: string;
    action: AttributeAction['action'];
    /** Literal value, built once and shared (AnyValue scalars are immutable). */
    literal?: AnyValue;
    from?: string;
}
/** `sealog.*` attributes belong to the integrity chain and are never touched. */
export declare function isReserved(key: string): boolean;
export declare function compileActions(actions: readonly AttributeAction[]): CompiledAction[];
/** SHA-256 (lowercase hex) of the value's string form, as a string value. */
export declare function hashValue(v: AnyValue): AnyValue;
/** Applies the actions in order to `attrs`, in place. */
export declare function applyActions(attrs: KeyValue[], actions: readonly CompiledAction[]): void;
