import type { SealogConfig } from './types.js';
/**
 * Hex SHA-256 of the canonical JSON of one part of the config: a receiver,
 * processor or exporter id, a pipeline name (`logs`, `logs/x`), or one of
 * `agent`, `integrity`, `spool`, `service`. Equal settings give equal digests
 * whatever their order in the YAML. Returns '' when `c` has no such part, so
 * comparing the old and new config's digests tells added, removed and changed
 * parts apart from unchanged ones.
 */
export declare function configFingerprint(c: SealogConfig, componentId: string): string;
