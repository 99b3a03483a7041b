/**
 * HTTP header parsing for OTLP/HTTP: content type, content encoding,
 * Accept-Encoding, Content-Length. Pure: no I/O.
 */
export type WireFormat = 'proto' | 'json';
export type BodyEncoding = 'identity' | 'gzip' | 'deflate';
/** The OTLP wire format a Content-Type names (parameters such as charset are ignored), or undefined. */
export declare function formatOfContentType(header: string | undefined): WireFormat | undefined;
/** The body encoding a Content-Encoding names; undefined when it is not supported. */
export declare function parseContentEncoding(header: string | undefined): BodyEncoding | undefined;
/** True when Accept-Encoding lists gzip (or `*`) without q=0. */
export declare function acceptsGzip(header: string | undefined): boolean;
/**
 * Content-Length as a number; undefined when absent; NaN when it is not a
 * plain non-negative decimal integer.
 */
export declare function parseContentLength(header: string | undefined): number | undefined;
/** True when a deflate body starts with a zlib (RFC 1950) header rather than raw deflate (RFC 1951). */
export declare function hasZlibHeader(body: Uint8Array): boolean;
