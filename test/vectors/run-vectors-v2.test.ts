/**
 * Protocol v2 vectors (test/vectors/protocol-v2.json): every case gives
 * exactly its listed findings — no more, no fewer — in every file order, with
 * node:crypto and with @noble.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateVectorsV2, type V2Case } from '../../scripts/gen-vectors-v2.js';
import { fromHex } from '../../src/integrity/bytes.js';
import type { CryptoProvider } from '../../src/integrity/crypto.js';
import { TrustStore, type KeyringEntry } from '../../src/integrity/keys.js';
import { nodeCrypto } from '../../src/integrity/node/crypto.js';
import { portableCrypto } from '../../src/integrity/portable-crypto.js';
import { verifyPassesSync } from '../../src/verify/core/index.js';
import { decodeLogsJson } from '../../src/otlp/json.js';

interface KeyJson {
  epoch: number;
  key_id: string;
  public_key_hex: string;
}
interface RingJson {
  epoch: number;
  anchor_id: string;
  public_key: string;
  cert: string;
  since_ns: string;
}
interface V2 {
  now_ns: string;
  keys: Record<string, KeyJson[]>;
  keyrings: Record<string, RingJson[]>;
  cases: V2Case[];
}

const vectors = JSON.parse(readFileSync(new URL('./protocol-v2.json', import.meta.url), 'utf8')) as V2;

function run(crypto: CryptoProvider, c: V2Case, order: number[]) {
  const trust = new TrustStore(crypto);
  for (const a of c.trust.anchors) trust.addAnchor(fromHex(vectors.keys[a]![0]!.public_key_hex)!, `${a}.pub`);
  if (c.trust.keyring) {
    const entries: KeyringEntry[] = vectors.keyrings[c.trust.keyring]!.map((e) => ({ epoch: e.epoch, anchorId: e.anchor_id, publicKey: fromHex(e.public_key)!, cert: fromHex(e.cert)!, sinceNs: BigInt(e.since_ns) }));
    expect(trust.addKeyring(entries, false)).toEqual([]);
  }
  const bindings = (c.trust.bindings ?? []).map((b) => ({ pattern: b.pattern, anchorIds: new Set([vectors.keys[b.anchor]![0]!.key_id]) }));
  const opts = { crypto, trust, bindings, nowNs: () => BigInt(vectors.now_ns), ...(c.options?.strict ? { strict: true } : {}) };
  return verifyPassesSync(opts, (v) => {
    for (const f of order) c.files[f]!.forEach((l, i) => v.addLogsData(decodeLogsJson(l), `file${f}:${i + 1}`));
  }).report();
}

const key = (f: { kind: string; seq?: number }) => `${String(f.seq ?? 'z').padStart(6, '0')} ${f.kind}`;

describe('protocol v2 known-answer vectors', () => {
  it('the committed vectors are what scripts/gen-vectors-v2.ts produces', () => {
    expect(JSON.parse(JSON.stringify(generateVectorsV2()))).toEqual(vectors);
  });

  for (const [name, crypto] of [
    ['node:crypto', nodeCrypto],
    ['@noble (portable)', portableCrypto],
  ] as const) {
    for (const c of vectors.cases) {
      it(`${c.name}: exactly the listed findings, in every file order (${name})`, () => {
        for (const order of c.file_orders ?? [c.files.map((_, i) => i)]) {
          const r = run(crypto, c, order);
          const got = [...r.findings, ...r.streams.flatMap((s) => s.findings)]
            .map((f) => ({ kind: f.kind, severity: f.severity, ...(f.seq !== undefined ? { seq: f.seq } : {}), ...(f.seqEnd !== undefined ? { seqEnd: f.seqEnd } : {}) }))
            .sort((a, b) => key(a).localeCompare(key(b)));
          expect(got, `file order ${order.join(',')}`).toEqual([...c.expect].sort((a, b) => key(a).localeCompare(key(b))));
          expect(r.streams.map((s) => s.anchor ?? null)).toEqual(c.anchors ?? [c.anchor ?? null]);
        }
      });
    }
  }
});
