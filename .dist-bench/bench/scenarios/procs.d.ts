/**
 * Every process and temp dir the bench creates is registered here, so that
 * they are all gone at the end: on a normal finish, on an error, and on
 * Ctrl-C (SIGINT/SIGTERM), each child is killed by its own pid and each temp
 * dir removed.
 */
import type { ChildProcess } from 'node:child_process';
/** Registers a child; it is forgotten once it exits. */
export declare function track<T extends ChildProcess>(child: T): T;
/** A fresh directory under os.tmpdir(), removed by cleanupAll() at the latest. */
export declare function tempDir(prefix: string): string;
export declare function removeDir(dir: string): void;
/** Resolves with the exit code (or the signal name) once the child has exited. */
export declare function exited(child: ChildProcess): Promise<number | string>;
/**
 * Sends `signal`, waits up to graceMs for the exit, then SIGKILLs.
 * Resolves with the exit code or signal name.
 */
export declare function stopChild(child: ChildProcess, signal?: NodeJS.Signals, graceMs?: number): Promise<number | string>;
/** Kills every tracked child (SIGKILL, by pid) and removes every temp dir. Synchronous, so it can run in an exit handler. */
export declare function cleanupAll(): void;
/** Installs exit and signal handlers that run cleanupAll(). */
export declare function installCleanup(): void;
