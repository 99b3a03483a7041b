export declare const RECORDS_PER_REQUEST = 1000;
export type ClientMessage = {
    type: 'ready';
    bodyBytes: number;
} | {
    type: 'done';
    requests: number;
    retries: number;
} | {
    type: 'failed';
    message: string;
};
/** The request every client sends: `client` picks which input lines it carries. */
export declare function buildRequest(client: number): Uint8Array;
