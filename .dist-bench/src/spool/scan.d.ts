import type { Segment } from './segment.js';
import { type SpoolFs } from './spool-fs.js';
import type { SpoolFrame } from './types.js';
export type ScannedFrame = SpoolFrame & {
    type: 1 | 2;
    meta: Uint8Array;
    segment: string;
    offset: number;
};
export declare function scanSegments(segments: readonly Segment[], fs: SpoolFs, chunkBytes: number): AsyncGenerator<ScannedFrame>;
