import type { CompiledGlob } from './glob.js';
export interface FoundFile {
    path: string;
    /** `${dev}:${ino}`, exact (64-bit safe). */
    id: string;
    dev: string;
    ino: string;
    size: number;
    mtimeMs: number;
}
export interface DiscoveryResult {
    files: FoundFile[];
    /** Directories or files that could not be read (permission, I/O), with the error code. */
    errors: Array<{
        path: string;
        code: string;
    }>;
}
/** Paths (not yet stat'ed) that the include globs select and the exclude globs do not. */
export declare function candidatePaths(include: readonly CompiledGlob[], exclude: readonly CompiledGlob[], errors: DiscoveryResult['errors']): Promise<string[]>;
/** Stats every candidate (following symlinks) and keeps regular files. */
export declare function discover(include: readonly CompiledGlob[], exclude: readonly CompiledGlob[]): Promise<DiscoveryResult>;
