import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateVectors } from '../../scripts/gen-vectors.js';
import { fromHex, toHex } from '../../src/integrity/bytes.js';
import { canonicalRecord } from '../../src/integrity/canonical.js';
import { ChainHasher } from '../../src/integrity/chain.js';
import type { CryptoProvider } from '../../src/integrity/crypto.js';
import { TrustStore } from '../../src/integrity/keys.js';
import { nodeCrypto } from '../../src/integrity/node/crypto.js';
import { portableCrypto } from '../../src/integrity/portable-crypto.js';
import { verifyPassesSync } from '../../src/verify/core/index.js';
import { decodeLogsJson } from '../../src/otlp/json.js';

interface Vectors {
  public_key_hex: string;
  stream: string;
  chain: string;
  anchor_hash: string;
  lines: string[];
  records: Array<{ seq: number; context_sha256: string; canonical: string; hash: string }>;
  negatives: Array<{
    name: string;
    lines: string[];
    publicKeyHex?: string;
    options?: { maxAgeSeconds?: number; strict?: boolean };
    expect: Array<{ kind: string; severity: string; seq?: number; seqEnd?: number }>;
  }>;
  gap: {
    lines: string[];
    statements: Array<{ seq: number; statement: string; sig: string }>;
    expect: Array<{ kind: string; severity: string; seq: number }>;
    negatives: Array<{ name: string; lines: string[]; expect: Array<{ kind: string; severity: string; seq?: number; seqEnd?: number }> }>;
  };
}

const vectors = JSON.parse(readFileSync(new URL('./protocol-v1.json', import.meta.url), 'utf8')) as Vectors;
const NOW = 1_767_225_600_000_000_000n + 3_600_000_000_000n;

function verify(crypto: CryptoProvider, lines: string[], pubHex: string, opts: { maxAgeSeconds?: number; strict?: boolean } = {}) {
  const trust = new TrustStore(crypto);
  trust.addAnchor(fromHex(pubHex)!);
  const options = {
    crypto,
    trust,
    nowNs: () => NOW,
    ...(opts.strict ? { strict: true } : {}),
    ...(opts.maxAgeSeconds ? { maxAgeNs: BigInt(opts.maxAgeSeconds) * 1_000_000_000n } : {}),
  };
  return verifyPassesSync(options, (v) => lines.forEach((l, i) => v.addLogsData(decodeLogsJson(l), `vector:${i + 1}`))).report();
}

type Expected = { kind: string; severity: string; seq?: number; seqEnd?: number };

/** Every finding of a report, as the vectors list them. */
function findingsOf(r: ReturnType<typeof verify>): Expected[] {
  return [...r.findings, ...r.streams.flatMap((s) => s.findings)].map((f) => ({
    kind: f.kind,
    severity: f.severity,
    ...(f.seq !== undefined ? { seq: f.seq } : {}),
    ...(f.seqEnd !== undefined ? { seqEnd: f.seqEnd } : {}),
  }));
}

const order = (x: { kind: string; seq?: number }) => `${String(x.seq ?? 'z').padStart(6, '0')} ${x.kind}`;
const sorted = (xs: readonly Expected[]): Expected[] => [...xs].sort((a, b) => order(a).localeCompare(order(b)));

describe('protocol v1 known-answer vectors', () => {
  it('the committed vectors are what scripts/gen-vectors.ts produces', () => {
    expect(JSON.parse(JSON.stringify(generateVectors()))).toEqual(vectors);
  });

  for (const [name, crypto] of [
    ['node:crypto', nodeCrypto],
    ['@noble (portable)', portableCrypto],
  ] as const) {
    it(`recomputes every canonical encoding, context and chain hash (${name})`, () => {
      const hasher = new ChainHasher(crypto);
      expect(toHex(hasher.anchor(vectors.stream, vectors.chain))).toBe(vectors.anchor_hash);
      const bySeq = new Map(vectors.records.map((r) => [r.seq, r]));
      let prev = hasher.anchor(vectors.stream, vectors.chain);
      const seen: number[] = [];
      for (const line of vectors.lines) {
        for (const rl of decodeLogsJson(line).resourceLogs) {
          for (const sl of rl.scopeLogs) {
            const ctx = hasher.context(rl.resource, sl.scope);
            for (const r of sl.logRecords) {
              const seq = Number((r.attributes.find((a) => a.key === 'sealog.seq')!.value as { value: bigint }).value);
              const want = bySeq.get(seq)!;
              expect(toHex(ctx)).toBe(want.context_sha256);
              expect(toHex(canonicalRecord(r))).toBe(want.canonical);
              const h = hasher.link(seq, prev, ctx, r);
              expect(toHex(h)).toBe(want.hash);
              prev = h;
              seen.push(seq);
            }
          }
        }
      }
      expect(seen).toEqual(vectors.records.map((r) => r.seq));
    });

    it(`the clean stream verifies intact with every seal signature checked (${name})`, () => {
      const r = verify(crypto, vectors.lines, vectors.public_key_hex);
      expect(r.streams).toHaveLength(1);
      expect(r.streams[0]!.findings).toEqual([]);
      expect(r.intact).toBe(true);
      expect(r.streams[0]!.seals).toBe(3);
    });

    it(`gap records: each is a "gap" finding at its seq, signatures over the given statements, a violation with --strict (${name})`, () => {
      const r = verify(crypto, vectors.gap.lines, vectors.public_key_hex);
      expect(r.intact).toBe(true);
      expect(r.streams[0]!.findings.map((f) => ({ kind: f.kind, severity: f.severity, seq: f.seq }))).toEqual(vectors.gap.expect);
      for (const s of vectors.gap.statements) expect(crypto.verifyEd25519(fromHex(vectors.public_key_hex)!, fromHex(s.statement)!, fromHex(s.sig)!)).toBe(true);
      const strict = verify(crypto, vectors.gap.lines, vectors.public_key_hex, { strict: true });
      expect(strict.intact).toBe(false);
      expect(strict.streams[0]!.findings.filter((f) => f.kind === 'gap').every((f) => f.severity === 'violation')).toBe(true);
    });

    for (const neg of vectors.gap.negatives) {
      it(`gap negative "${neg.name}": exactly its listed findings (${name})`, () => {
        const r = verify(crypto, neg.lines, vectors.public_key_hex);
        expect(r.intact).toBe(false);
        expect(sorted(findingsOf(r))).toEqual(sorted(neg.expect));
      });
    }

    for (const neg of vectors.negatives) {
      it(`negative "${neg.name}": exactly its listed findings (${name})`, () => {
        const r = verify(crypto, neg.lines, neg.publicKeyHex ?? vectors.public_key_hex, neg.options);
        expect(r.intact).toBe(false);
        expect(sorted(findingsOf(r))).toEqual(sorted(neg.expect));
      });
    }
  }
});
