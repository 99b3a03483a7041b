import type { AnchorBinding } from '../integrity/epochs.js';
import { TrustStore } from '../integrity/keys.js';
export interface AuditorTrust {
    trust: TrustStore;
    bindings: AnchorBinding[];
    /** Keyring entries that could not be trusted (reported as warnings). */
    problems: string[];
}
/** Parses `GLOB=PUBFILE`: the first `=` splits, so a glob holds none and a path may. */
export declare function parseKeyFor(spec: string): {
    pattern: string;
    file: string;
};
export declare function loadAuditorTrust(keyFiles: readonly string[], keyFor?: readonly string[]): AuditorTrust;
