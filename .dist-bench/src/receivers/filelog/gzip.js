import { createGunzip } from 'node:zlib';
/** Compressed bytes per read; bounds the decompressed bytes buffered at once. */
const READ_CHUNK = 64 * 1024;
/** The decompressed content, chunk by chunk. Throws on corrupt or truncated data. */
export async function* decompressedChunks(fh) {
    const gunzip = createGunzip({ chunkSize: 64 * 1024 });
    const out = [];
    let failure = null;
    let ended = false;
    let wake = null;
    const notify = () => {
        const w = wake;
        wake = null;
        w?.();
    };
    gunzip.on('data', (c) => out.push(c));
    gunzip.on('error', (e) => {
        failure = e;
        notify();
    });
    gunzip.on('end', () => {
        ended = true;
        notify();
    });
    const buf = Buffer.allocUnsafe(READ_CHUNK);
    let pos = 0;
    try {
        for (;;) {
            const { bytesRead } = await fh.read(buf, 0, READ_CHUNK, pos);
            if (bytesRead === 0)
                break;
            pos += bytesRead;
            const chunk = Buffer.from(buf.subarray(0, bytesRead));
            await new Promise((resolve) => {
                wake = resolve;
                gunzip.write(chunk, () => notify());
            });
            while (out.length > 0)
                yield out.shift();
            if (failure)
                throw failure;
        }
        if (!ended && !failure) {
            await new Promise((resolve) => {
                wake = resolve;
                gunzip.end();
            });
        }
        while (out.length > 0)
            yield out.shift();
        if (failure)
            throw failure;
    }
    finally {
        gunzip.destroy();
    }
}
/** The first `n` decompressed bytes (fewer if the content is shorter). Rejects if nothing decompresses. */
export async function gunzipHead(fh, n) {
    const parts = [];
    let got = 0;
    try {
        for await (const chunk of decompressedChunks(fh)) {
            parts.push(chunk);
            got += chunk.length;
            if (got >= n)
                break;
        }
    }
    catch (err) {
        // A head that decompressed before a truncated end is still a head.
        if (got === 0)
            throw err;
    }
    const all = Buffer.concat(parts, got);
    return all.length > n ? Buffer.from(all.subarray(0, n)) : all;
}
//# sourceMappingURL=gzip.js.map