import type { AnyValue, ExportLogsServiceResponse, LogsData } from './types.js';
/** Compact one-line OTLP/JSON of an ExportLogsServiceRequest / LogsData (no trailing newline). */
export declare function encodeLogsJson(data: LogsData): string;
/**
 * An AnyValue as a plain JSON-compatible value in OTLP/JSON shape
 * (`{"intValue":"5"}`, `{"arrayValue":{"values":[...]}}`, ...). JSON.stringify
 * of it equals the encoder's text except for the number formatting of -0 and
 * of tiny or huge doubles and the escaping of \b and \f.
 */
export declare function anyValueToJson(v: AnyValue): unknown;
export declare function encodeExportResponseJson(r: ExportLogsServiceResponse): string;
