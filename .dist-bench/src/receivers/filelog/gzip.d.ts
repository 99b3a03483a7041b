/**
 * Reading gzip-compressed (rotated) files through an already open handle,
 * with positioned reads (the handle stays open: the caller owns it and its
 * place in the descriptor budget). Concatenated gzip members are one stream.
 */
import type { FileHandle } from 'node:fs/promises';
/** The decompressed content, chunk by chunk. Throws on corrupt or truncated data. */
export declare function decompressedChunks(fh: FileHandle): AsyncGenerator<Buffer>;
/** The first `n` decompressed bytes (fewer if the content is shorter). Rejects if nothing decompresses. */
export declare function gunzipHead(fh: FileHandle, n: number): Promise<Buffer>;
