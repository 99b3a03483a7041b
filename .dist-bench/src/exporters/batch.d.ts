/**
 * Turns spool frames into export payloads. A frame's payload is one encoded
 * ResourceLogs message, so a protobuf request is built by framing the stored
 * bytes (never decoding and re-encoding them); JSON and the file exporter
 * transcode the stored bytes straight to OTLP/JSON (src/otlp/proto-json.ts),
 * without building the object model.
 *
 * `sealsOnly` keeps only the control records (every log record with a
 * `sealog.type` attribute: seals, genesis, loss records) in their original
 * resource and scope; frames without FRAME_FLAG_CONTROL hold none and are
 * skipped without being decoded.
 */
import type { LogsData, ResourceLogs } from '../otlp/types.js';
import { type SpoolFrame } from '../spool/types.js';
export declare const CONTROL_TYPE_ATTR = "sealog.type";
export declare const SEQ_ATTR = "sealog.seq";
export declare const STREAM_ATTR = "sealog.stream";
export interface EncodedBatch {
    /** The request body (uncompressed); empty when there is nothing to send. */
    body: Uint8Array;
    /** Log records in body. */
    records: number;
}
export declare function isControlFrame(frame: SpoolFrame): boolean;
/** The same ResourceLogs holding only its control records, or undefined if it has none. */
export declare function keepControlRecords(rl: ResourceLogs): ResourceLogs | undefined;
/** An ExportLogsServiceRequest in protobuf, by framing the stored payloads (into `alloc`'s buffer when given). */
export declare function buildProtoBatch(frames: readonly SpoolFrame[], sealsOnly: boolean, alloc?: (size: number) => Uint8Array): EncodedBatch;
/** The frames as LogsData (decoded once), filtered to control records when sealsOnly. */
export declare function buildLogsData(frames: readonly SpoolFrame[], sealsOnly: boolean): {
    data: LogsData;
    records: number;
};
/**
 * An ExportLogsServiceRequest as compact OTLP/JSON (one line) followed by
 * `trailer` (ASCII, e.g. a newline); an empty body when it holds no records.
 * Throws DecodeError for a payload that cannot be decoded.
 */
export declare function buildJsonDocument(frames: readonly SpoolFrame[], sealsOnly: boolean, trailer?: string): EncodedBatch;
/** An ExportLogsServiceRequest as compact OTLP/JSON (one line, no trailing newline). */
export declare function buildJsonBatch(frames: readonly SpoolFrame[], sealsOnly: boolean): EncodedBatch;
export interface SeqRange {
    stream: string;
    first: number;
    last: number;
}
/** Lowest and highest `sealog.seq` per stream (resource attribute `sealog.stream`) in data. */
export declare function seqRanges(data: LogsData): SeqRange[];
