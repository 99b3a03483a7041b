/** The spool's public surface (docs/SPOOL.md). */
export { openSpool, Spool } from './spool.js';
export type { SpoolOptions, ScannedFrame } from './spool.js';
export type { RecoveryReport } from './recovery.js';
export { nodeSpoolFs, isDiskFullError } from './spool-fs.js';
export type { SpoolFs, SpoolFileHandle, OpenMode } from './spool-fs.js';
export { inspectSpool, formatInspection } from './inspect.js';
export type { SpoolInspection, SegmentInspection, CursorInspection } from './inspect.js';
export { crc32c } from './crc32c.js';
export { FRAME_FLAG_CONTROL } from './types.js';
export type { SpoolEntry, SpoolFrame, SpoolReader, SpoolStats, ReadOptions } from './types.js';
