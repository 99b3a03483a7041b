/**
 * The OTLP logs model and its codecs. Pure: no `node:` imports, runs in a browser.
 * See docs/OTLP-CODECS.md.
 */
export * from './types.js';
export { DecodeError, DEFAULT_MAX_DEPTH, type DecodeOptions } from './decode-error.js';
export { anyValueFromJson, anyValueToJson, decodeExportResponseJson, decodeLogsJson, decodeLogsJsonValue, encodeExportResponseJson, encodeLogsJson, } from './json.js';
export { decodeExportResponseProto, decodeLogsProto, decodeResourceLogsProto, encodeExportResponseProto, encodeLogsProto, encodeResourceLogsProto, frameExportRequest, } from './proto.js';
export { BAD_REQUEST_TYPE, RETRY_INFO_TYPE, decodeStatusJson, decodeStatusProto, encodeStatusJson, encodeStatusProto, type RpcStatus, } from './status.js';
export { anyValueEqual, bytesEqual, keyValueEqual, logRecordEqual, logsDataEqual, resourceEqual, resourceLogsEqual, scopeEqual, } from './equal.js';
export { severityEnumName } from './json-values.js';
