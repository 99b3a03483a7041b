/**
 * Sealed spool entries for exporter and pipeline tests, and a checker over
 * OTLP JSON lines, both using a real key written to a temp dir.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ATTR_TYPE } from '../../src/integrity/canonical.js';
import { generateKeyFiles, loadKeyFile } from '../../src/integrity/node/keyfile.js';
import { encodeResourceLogsProto } from '../../src/otlp/proto.js';
import { getAttr } from '../../src/otlp/types.js';
import { FRAME_FLAG_CONTROL, type SpoolEntry } from '../../src/spool/types.js';
import { checkFiles } from '../../src/verify/check-files.js';
import { writeFile } from 'node:fs/promises';
import { buildStream } from './stream.js';

export async function makeSealedEntries(opts: { records: number; sealEvery?: number; dir?: string; batch?: number }): Promise<{
  entries: SpoolEntry[];
  publicKeyFile: string;
  cleanup(): Promise<void>;
}> {
  const dir = opts.dir ?? (await mkdtemp(join(tmpdir(), 'sealog-keys-')));
  const { keyFile, pubFile } = generateKeyFiles(dir, { force: true });
  const signer = loadKeyFile(keyFile).signer;
  const s = buildStream({ records: opts.records, sealEvery: opts.sealEvery ?? 100, batch: opts.batch ?? 50, signer });
  const entries = s.frames.map((rl) => {
    const first = rl.scopeLogs[0]!.logRecords[0]!;
    return {
      payload: encodeResourceLogsProto(rl),
      meta: new Uint8Array(0),
      records: rl.scopeLogs.reduce((a, sl) => a + sl.logRecords.length, 0),
      flags: getAttr(first.attributes, ATTR_TYPE) ? FRAME_FLAG_CONTROL : 0,
    };
  });
  return {
    entries,
    publicKeyFile: pubFile,
    cleanup: () => (opts.dir ? Promise.resolve() : rm(dir, { recursive: true, force: true })),
  };
}

export async function verifyJsonLines(
  lines: string[],
  publicKeyFile: string,
): Promise<{ intact: boolean; records: number; findings: Array<{ kind: string; seq?: number; message: string }> }> {
  const dir = await mkdtemp(join(tmpdir(), 'sealog-verify-'));
  try {
    const file = join(dir, 'in.jsonl');
    await writeFile(file, lines.join('\n') + '\n');
    const { report } = await checkFiles({ keyFiles: [publicKeyFile], files: [file] });
    const findings = [...report.findings, ...report.streams.flatMap((s) => s.findings)]
      .filter((f) => f.severity === 'violation')
      .map((f) => ({ kind: f.kind, ...(f.seq !== undefined ? { seq: f.seq } : {}), message: f.message }));
    return { intact: report.intact, records: report.streams.reduce((a, s) => a + s.records, 0), findings };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
