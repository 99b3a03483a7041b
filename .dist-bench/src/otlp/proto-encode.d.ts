/**
 * OTLP logs protobuf writer. Canonical output: fields in field-number order,
 * zero values and empty embedded messages left out, AnyValue members always
 * written when set, repeated elements always written, ids that are empty or
 * all zero left out. Two passes (sizes, then one exact-size write); see
 * proto-writer.ts.
 */
import type { ByteArena } from './arena.js';
import type { ExportLogsServiceResponse, LogsData, ResourceLogs } from './types.js';
/**
 * The ResourceLogs message bytes (no outer tag or length). With an arena the
 * bytes are written into it (no allocation once it is warm) and the result is
 * a view of it, valid until the arena is reset.
 */
export declare function encodeResourceLogsProto(rl: ResourceLogs, arena?: ByteArena): Uint8Array;
/** ExportLogsServiceRequest (= LogsData) bytes. */
export declare function encodeLogsProto(data: LogsData): Uint8Array;
/**
 * Builds ExportLogsServiceRequest bytes from already-encoded ResourceLogs
 * messages by framing only (tag 0x0A + varint length + bytes each). With
 * `alloc`, the bytes go into the buffer it returns for the exact size (it
 * may be larger; the result is then a view of its start).
 */
export declare function frameExportRequest(resourceLogs: readonly Uint8Array[], alloc?: (size: number) => Uint8Array): Uint8Array;
export declare function encodeExportResponseProto(r: ExportLogsServiceResponse): Uint8Array;
