/**
 * UTF-8 validation without Node, for the fast path's scanner in the browser
 * (Node's `isUtf8` from node:buffer does it natively there). ASCII, which
 * OTLP JSON lines mostly are, is checked by a plain loop; from the first
 * byte above 0x7f on, the browser's strict decoder decides.
 */
const strict = new TextDecoder('utf-8', { fatal: true });

export function isUtf8(bytes: Uint8Array): boolean {
  const n = bytes.length;
  let i = 0;
  while (i < n && bytes[i]! < 0x80) i++;
  if (i === n) return true;
  // Every byte before i is ASCII, so i starts a character (or is an invalid byte, which the decoder refuses).
  try {
    strict.decode(bytes.subarray(i));
    return true;
  } catch {
    return false;
  }
}
