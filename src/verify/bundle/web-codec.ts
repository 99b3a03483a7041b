/**
 * Raw DEFLATE for the ZIP codec from the Compression Streams API
 * (CompressionStream/DecompressionStream 'deflate-raw'): browsers, Deno, and
 * Node 20.12+. No node: imports.
 */
import type { DeflateCodec } from './zip.js';

interface ByteTransform {
  readonly readable: ReadableStream<Uint8Array>;
  readonly writable: WritableStream<Uint8Array>;
}

/** Pushes `data` through `stream` and collects its output, failing once it passes `maxOutput` bytes. */
async function transform(stream: ByteTransform, data: Uint8Array, maxOutput: number): Promise<Uint8Array> {
  const writer = stream.writable.getWriter();
  const writing = writer.write(data).then(() => writer.close());
  // Read errors are the ones reported; a failed write surfaces there too.
  writing.catch(() => undefined);
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxOutput) {
      await reader.cancel().catch(() => undefined);
      throw new Error(`output exceeds ${maxOutput} bytes`);
    }
    chunks.push(value);
  }
  await writing;
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

export const webDeflateCodec: DeflateCodec = {
  deflateRaw: (data) => transform(new CompressionStream('deflate-raw') as ByteTransform, data, Number.POSITIVE_INFINITY),
  inflateRaw: (data, maxOutput) => transform(new DecompressionStream('deflate-raw') as ByteTransform, data, maxOutput),
};
