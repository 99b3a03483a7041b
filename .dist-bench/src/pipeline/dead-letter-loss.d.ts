import type { DeadLetterMeta } from '../exporters/dlq.js';
/** Data (non-control) records in a dead-lettered body; all of them when the body cannot be decoded. */
export declare function deadLetterDataRecords(dlqDir: string, meta: DeadLetterMeta): Promise<number>;
export declare function deadLetterReason(exporterId: string, meta: DeadLetterMeta): string;
