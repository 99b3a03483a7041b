import { type HolderState } from './lock.js';
import { type SpoolFs } from './spool-fs.js';
export interface SegmentInspection {
    name: string;
    firstId: number;
    lastId: number;
    bytes: number;
    dataFrames: number;
    checkpointFrames: number;
    records: number;
    /** Damage found in this segment, in words. */
    damage: string[];
}
export interface CursorInspection {
    name: string;
    ackedId: number;
    writtenAt?: string;
    lagFrames: number;
    lagRecords: number;
    lagBytes: number;
    problem?: string;
}
export interface SpoolInspection {
    dir: string;
    formatVersion: number;
    lock: {
        held: false;
    } | {
        held: true;
        pid: number;
        host: string;
        since: string;
        holder: HolderState | 'unreadable';
    };
    segments: SegmentInspection[];
    totals: {
        segments: number;
        bytes: number;
        dataFrames: number;
        checkpointFrames: number;
        records: number;
        firstId: number;
        lastId: number;
    };
    cursors: CursorInspection[];
    /** The newest checkpoint and the data frames after it: what a restart recovers pipeline state from. */
    recoveryState: {
        checkpointId?: number;
        checkpointMetaBytes?: number;
        dataFramesAfter: number;
        metaBytesAfter: number;
    };
    /** What the next start's recovery would report or change. */
    findings: string[];
    /** Files that are not part of the spool format (e.g. segments moved aside as .corrupt). */
    otherFiles: string[];
}
/** A frame as inspect reads it; `meta` and `payload` are views valid during the callback only. */
export interface InspectedFrame {
    type: number;
    id: number;
    records: number;
    flags: number;
    meta: Uint8Array;
    payload: Uint8Array;
    segment: string;
    offset: number;
}
export declare function inspectSpool(dir: string, fs?: SpoolFs, onFrame?: (f: InspectedFrame) => void): Promise<SpoolInspection>;
/** Human-readable report. */
export declare function formatInspection(i: SpoolInspection): string;
