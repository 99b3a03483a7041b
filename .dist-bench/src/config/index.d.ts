export { parseConfig, loadConfigFile } from './load.js';
export { ConfigError, formatIssue, type ConfigIssue } from './issues.js';
export { parseDuration, parseSize, formatDuration, formatSize } from './units.js';
export { configFingerprint } from './fingerprint.js';
export { DEFAULTS } from './defaults.js';
export { severityNumberOf } from './receivers.js';
export type * from './types.js';
