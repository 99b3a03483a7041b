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
import { parseProofText, type ReadProof } from './proof/proof-text.js';
import { lineText, readLineBytes } from './read-lines.js';

export type { ReadProof };

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

/**
 * The proofs in a file (proof/proof-text.ts): one JSON document (a proof,
 * possibly pretty-printed, or an array of proofs), else JSON lines, one
 * proof a line.
 */
export async function readProofFile(file: string): Promise<ReadProof[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new AgentError('INPUT_UNREADABLE', `cannot read ${file}: ${(err as Error).message}`);
  }
  return parseProofText(text, file);
}
