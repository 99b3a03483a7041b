import type { ChainState } from '../integrity/sealer.js';
import type { FilePosition } from './types.js';
export interface FrameMeta {
    checkpoint: boolean;
    chain?: ChainState;
    positions: FilePosition[];
}
export declare function encodeMeta(m: FrameMeta): Uint8Array;
export declare function decodeMeta(b: Uint8Array): FrameMeta;
export interface RecoveredState {
    chain?: ChainState;
    /** Committed positions by receiver id, then by file key. */
    positions: Map<string, Map<string, FilePosition>>;
    problems: string[];
}
/** Folds the metas the spool returns (checkpoint first, then deltas) into one state. */
export declare function recoverState(metas: readonly Uint8Array[]): RecoveredState;
