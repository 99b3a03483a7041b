/**
 * chokidar 5 over the glob base directories. Events are only hints: a change
 * to a known file queues it for reading, anything else asks for a discovery
 * pass soon. Correctness never depends on an event arriving (polling runs too).
 */
import { FSWatcher } from 'chokidar';
import type { CompiledGlob } from './glob.js';
export interface WatchHandlers {
    changed(path: string): void;
    structure(path: string): void;
    error(err: unknown): void;
}
export declare function startWatcher(include: readonly CompiledGlob[], exclude: readonly CompiledGlob[], h: WatchHandlers): Promise<FSWatcher>;
