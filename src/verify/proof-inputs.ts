/**
 * The file side of `sealog prove` and `sealog verify-proof`: input files
 * (listed by input-files.ts; plain or gzip as `sealog verify` reads them,
 * src/verify/read-lines.ts) fed to a ProofCollector, and proof files read
 * into parsed proofs.
 */
import { readFile } from 'node:fs/promises';
import { AgentError } from '../errors.js';
import { decodeLogsJson } from '../otlp/json.js';
import type { ProofCollector } from './proof/collector.js';
import { lineText, readLineBytes } from './read-lines.js';

/** Feeds every OTLP JSON line of `files` to the collector; lines that are not OTLP JSON claim no record and are counted. */
export async function feedCollector(c: ProofCollector, files: readonly string[]): Promise<{ lines: number; unreadable: number }> {
  let lines = 0;
  let unreadable = 0;
  for (const file of files) {
    try {
      for await (const { bytes, line } of readLineBytes(file)) {
        lines++;
        let data;
        try {
          data = decodeLogsJson(lineText(bytes));
        } catch {
          unreadable++;
          continue;
        }
        c.add(data, `${file}:${line}`);
      }
    } catch (err) {
      throw new AgentError('INPUT_UNREADABLE', `cannot read ${file}: ${(err as Error).message}`);
    }
  }
  return { lines, unreadable };
}

/** A proof as read from a file: the parsed JSON, or why the text is not JSON. */
export interface ReadProof {
  where: string;
  value?: unknown;
  error?: string;
}

/**
 * The proofs in a file: one JSON document (a proof, possibly pretty-printed,
 * or an array of proofs), else JSON lines, one proof a line.
 */
export async function readProofFile(file: string): Promise<ReadProof[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new AgentError('INPUT_UNREADABLE', `cannot read ${file}: ${(err as Error).message}`);
  }
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
