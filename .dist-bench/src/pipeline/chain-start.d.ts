import type { ChainState, SealerOptions } from '../integrity/sealer.js';
import { Sealer } from '../integrity/sealer.js';
import { type ResourceLogs } from '../otlp/types.js';
import type { Logger } from '../telemetry/logger.js';
import type { KeyManager } from './key-manager.js';
/** Scope of sealog's own control records (seals, genesis, loss records). */
export declare const CONTROL_SCOPE: import("../otlp/types.js").InstrumentationScope;
export interface ChainStart {
    sealer: Sealer;
    /** The genesis record to write first, for a new chain. */
    genesis?: ResourceLogs;
}
export declare function startChain(o: {
    keys: KeyManager;
    stream: string;
    recovered: ChainState | undefined;
    sealerOpts: SealerOptions;
    logger: Logger;
}): ChainStart;
