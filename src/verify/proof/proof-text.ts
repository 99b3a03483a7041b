/**
 * The proofs in a proof file's text (what `sealog prove` writes): one JSON
 * document (a proof, possibly pretty-printed, or an array of proofs), else
 * JSON lines, one proof a line. Pure: `sealog verify-proof` reads files with
 * it (src/verify/proof-inputs.ts), the browser page dropped files.
 */

/** A proof as read from a file: the parsed JSON, or why the text is not JSON. */
export interface ReadProof {
  where: string;
  value?: unknown;
  error?: string;
}

/** The proofs of `text`, each named `file`, `file[i]` (an array) or `file:line` (JSON lines). */
export function parseProofText(text: string, file: string): ReadProof[] {
  try {
    const whole = JSON.parse(text) as unknown;
    if (Array.isArray(whole)) return whole.map((value, i) => ({ where: `${file}[${i}]`, value }));
    return [{ where: file, value: whole }];
  } catch {
    // Not one document: JSON lines.
  }
  const out: ReadProof[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const where = `${file}:${i + 1}`;
    try {
      out.push({ where, value: JSON.parse(line) as unknown });
    } catch (err) {
      out.push({ where, error: `not JSON (${(err as Error).message})` });
    }
  });
  return out;
}
