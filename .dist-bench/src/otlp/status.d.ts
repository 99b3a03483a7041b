export interface RpcStatus {
    /** gRPC status code (0 OK, 3 INVALID_ARGUMENT, 8 RESOURCE_EXHAUSTED, 14 UNAVAILABLE, ...). */
    code: number;
    message: string;
    /** From a RetryInfo detail: how long the client should wait before retrying. */
    retryDelayMs?: number;
    /** From a BadRequest detail: which fields were invalid and why. */
    badRequest?: Array<{
        field: string;
        description: string;
    }>;
}
export declare const RETRY_INFO_TYPE = "type.googleapis.com/google.rpc.RetryInfo";
export declare const BAD_REQUEST_TYPE = "type.googleapis.com/google.rpc.BadRequest";
export declare function encodeStatusProto(s: RpcStatus): Uint8Array;
export declare function decodeStatusProto(buf: Uint8Array): RpcStatus;
export declare function encodeStatusJson(s: RpcStatus): string;
export declare function decodeStatusJson(input: string | Uint8Array): RpcStatus;
