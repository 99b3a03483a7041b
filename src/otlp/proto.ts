/**
 * OTLP logs protobuf codec (ExportLogsServiceRequest / LogsData, ResourceLogs
 * and the response), hand-written from the field table in shared/OTLP.md §1:
 * the writer is in proto-encode.ts, the reader in proto-decode.ts. See
 * docs/OTLP-CODECS.md.
 */
export {
  encodeExportResponseProto,
  encodeLogsProto,
  encodeResourceLogsProto,
  frameExportRequest,
  resourceLogsProtoSize,
} from './proto-encode.js';
export { decodeExportResponseProto, decodeLogsProto, decodeResourceLogsProto } from './proto-decode.js';
