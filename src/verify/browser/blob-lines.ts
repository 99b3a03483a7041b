/**
 * The lines of a File (or any Blob) as the checker reads them, in the
 * browser: streamed with Blob.stream(), gunzipped by DecompressionStream
 * when the content is gzip (magic bytes, not the name), never held whole,
 * and split as `sealog verify` splits a file (../line-split.ts).
 */
import { LineSplitter, type LineBytes } from '../line-split.js';

export async function isGzipBlob(blob: Blob): Promise<boolean> {
  const b = new Uint8Array(await blob.slice(0, 2).arrayBuffer());
  return b.length === 2 && b[0] === 0x1f && b[1] === 0x8b;
}

/** The blob's content, gunzipped when it is gzip; `onBytes` counts the bytes read from the blob itself. */
export async function blobContent(blob: Blob, onBytes?: (n: number) => void): Promise<ReadableStream<Uint8Array>> {
  const gz = await isGzipBlob(blob);
  let s = blob.stream() as ReadableStream<Uint8Array>;
  if (onBytes) {
    s = s.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, ctl) {
          onBytes(chunk.byteLength);
          ctl.enqueue(chunk);
        },
      }),
    );
  }
  return gz ? s.pipeThrough(new DecompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>) : s;
}

export async function* blobLines(blob: Blob, onBytes?: (n: number) => void): AsyncGenerator<LineBytes> {
  const reader = (await blobContent(blob, onBytes)).getReader();
  const lines = new LineSplitter();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      for (const l of lines.push(value)) yield l;
    }
    for (const l of lines.end()) yield l;
  } finally {
    // Also when the consumer stops early (a filter scan superseded): the rest is not read.
    await reader.cancel().catch(() => undefined);
  }
}
