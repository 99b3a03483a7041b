/**
 * `sealog spool ...`: tools that look into a local spool directory.
 *
 *   sealog spool inspect --dir DIR [--json]   (also shows the chain head and key epoch)
 *
 * Inspect is read-only: it takes no lock and opens every file read-only, so
 * it is safe while an agent runs. Exit 0, or 2 if the directory is unreadable.
 */
import type { Command } from 'commander';
export interface TextSink {
    write(s: string): unknown;
}
/** Writes the report of the spool in `dir`; returns the exit code (0, or 2 if unreadable). */
export declare function runSpoolInspect(dir: string, json: boolean, out: TextSink, err: TextSink): Promise<number>;
/** Adds `spool` with its `inspect` subcommand and returns the `spool` command, for more subcommands. */
export declare function registerSpoolCommands(program: Command, io?: {
    out: TextSink;
    err: TextSink;
}): Command;
