/** SHA-256 as a new 32-byte array, through the provider's fastest path. */
export function sha256Bytes(p, data) {
    if (p.sha256Into) {
        const out = new Uint8Array(32);
        p.sha256Into(data, out, 0);
        return out;
    }
    return p.sha256(data);
}
//# sourceMappingURL=crypto.js.map