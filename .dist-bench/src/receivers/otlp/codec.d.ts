import { type RpcStatus } from '../../otlp/status.js';
import type { ExportLogsServiceResponse, LogsData } from '../../otlp/types.js';
import { type Failure } from './failures.js';
import type { WireFormat } from './negotiate.js';
export type DecodeResult = {
    ok: true;
    data: LogsData;
} | {
    ok: false;
    failure: Failure;
};
/** Decodes an (already decompressed) ExportLogsServiceRequest; never throws. */
export declare function decodeRequest(format: WireFormat, body: Uint8Array, maxDepth: number): DecodeResult;
export declare function decodeFailure(format: WireFormat, err: unknown): Failure;
export declare function encodeResponse(format: WireFormat, response: ExportLogsServiceResponse): Uint8Array;
export declare function statusOf(failure: Failure): RpcStatus;
export declare function encodeFailure(format: WireFormat, failure: Failure): Uint8Array;
