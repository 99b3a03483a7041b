/**
 * OTLP/JSON codec for logs (ExportLogsServiceRequest / LogsData and the
 * response), per shared/OTLP.md §2 and §5: the writer is in json-encode.ts,
 * the reader in json-decode.ts. See docs/OTLP-CODECS.md.
 */
export { anyValueToJson, encodeExportResponseJson, encodeLogsJson } from './json-encode.js';
export { anyValueFromJson, decodeExportResponseJson, decodeLogsJson, decodeLogsJsonValue } from './json-decode.js';
//# sourceMappingURL=json.js.map