import type { SealogConfig } from './types.js';
import type { EnvLookup } from './env.js';
export { ConfigError, formatIssue, type ConfigIssue } from './issues.js';
export { parseDuration, parseSize } from './units.js';
export { configFingerprint } from './fingerprint.js';
/** Parses and validates config text. `source` names the file in messages. Throws ConfigError. */
export declare function parseConfig(text: string, source: string, env?: EnvLookup): SealogConfig;
/** Reads and parses a config file. An unreadable file is a ConfigError with line 0. */
export declare function loadConfigFile(path: string, env?: EnvLookup): SealogConfig;
