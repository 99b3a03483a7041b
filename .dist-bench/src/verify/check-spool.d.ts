import type { ChainState } from '../integrity/sealer.js';
import { type VerifyReport } from '../integrity/verifier.js';
import { type SpoolInspection } from '../spool/inspect.js';
export interface SpoolCheck {
    inspection: SpoolInspection;
    report: VerifyReport;
    /** The chain state saved with the newest frame: what a restart continues from. */
    head?: ChainState;
}
/** The chain state in the newest frame meta that has one. */
export declare function spoolHead(dir: string): Promise<{
    inspection: SpoolInspection;
    head?: ChainState;
}>;
export declare function checkSpool(dir: string, keyFiles: string[], opts?: {
    strict?: boolean;
    keyFor?: string[];
}): Promise<SpoolCheck>;
