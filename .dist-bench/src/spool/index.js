/** The spool's public surface (docs/SPOOL.md). */
export { openSpool, Spool } from './spool.js';
export { nodeSpoolFs, isDiskFullError } from './spool-fs.js';
export { inspectSpool, formatInspection } from './inspect.js';
export { crc32c } from './crc32c.js';
export { FRAME_FLAG_CONTROL } from './types.js';
//# sourceMappingURL=index.js.map