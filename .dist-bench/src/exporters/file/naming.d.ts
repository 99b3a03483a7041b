export interface BackupName {
    name: string;
    /** Sort key: timestamp then collision counter, so string order is age order. */
    key: string;
    compressed: boolean;
}
/** `2022-09-14T05-02-14.173` for a UTC time. */
export declare function rotationStamp(d: Date): string;
/** The path a live file is renamed to on rotation (uncompressed form); `n` > 0 disambiguates. */
export declare function backupPath(livePath: string, when: Date, n?: number): string;
/** A matcher for the backups of a live file, in its directory. */
export declare function backupMatcher(livePath: string): (name: string) => BackupName | undefined;
/** Which backups to delete so at most maxBackups remain (0 = keep all): the oldest first. */
export declare function backupsToPrune(backups: readonly BackupName[], maxBackups: number): BackupName[];
