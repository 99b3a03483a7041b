/**
 * Epoch continuity, keys per chain, anchors per stream (docs/PROTOCOL.md
 * §8.1): a stolen current key cannot re-sign earlier epochs, one stream's
 * announcements never vouch for another, one host's key never vouches for
 * another host's stream.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyCertStatement } from '../../src/integrity/control.js';
import type { Signer } from '../../src/integrity/crypto.js';
import { globMatches } from '../../src/integrity/epochs.js';
import { TrustStore } from '../../src/integrity/keys.js';
import { nodeCrypto, signerFromSeed } from '../../src/integrity/node/crypto.js';
import { Sealer, type ChainState } from '../../src/integrity/sealer.js';
import { kv, newResource, newScope, str, type LogRecord, type LogsData, type ResourceLogs } from '../../src/otlp/types.js';
import { Verifier, verifyPassesSync, type VerifyReport } from '../../src/verify/core/index.js';
import { appRecords, asLines, T0 } from '../helpers/stream.js';

const NOW = T0 + 1_000_000_000_000n;
const seqOf = (r: LogRecord): number => Number((r.attributes.find((a) => a.key === 'sealog.seq')!.value as { value: bigint }).value);
const firstSeq = (rl: ResourceLogs): number => seqOf(rl.scopeLogs[0]!.logRecords[0]!);
const isSeal = (rl: ResourceLogs): boolean => rl.scopeLogs[0]!.logRecords[0]!.eventName === 'sealog.seal';

function keysFor(host: number, epochs: number): Signer[] {
  return Array.from({ length: epochs }, (_, e) => signerFromSeed(new Uint8Array(32).fill(host * 16 + e + 1), e));
}

/** The keyring a host writes: epoch e ≥ 1 certified by epoch e-1, with the time it came into force. */
function keyring(keys: Signer[], sinceNs: (e: number) => bigint) {
  return keys.slice(1).map((k, i) => ({
    epoch: k.epoch,
    anchorId: keys[0]!.keyId,
    publicKey: k.publicKey,
    sinceNs: sinceNs(k.epoch),
    cert: keys[i]!.sign(keyCertStatement(keys[0]!.keyId, k.epoch, k.publicKey, sinceNs(k.epoch))),
  }));
}

interface Built {
  frames: ResourceLogs[];
  /** State before batch b (index b), for an attacker who resumes the chain there. */
  states: ChainState[];
  batches: LogsData[];
  rotatedAt: bigint[];
  clock: { t: bigint };
}

const controlResource = newResource([kv('service.name', str('sealog')), kv('host.name', str('h'))]);
const controlScope = newScope('sealog.integrity', '2');

/** A stream whose key rotates after every `rotateEvery` batches of 5 records (seal every 5). */
function rotatedStream(keys: Signer[], opts: { stream?: string; chain?: string; batches: number; rotateEvery: number }): Built {
  const clock = { t: T0 };
  const rotatedAt: bigint[] = [0n];
  const base = { crypto: nodeCrypto, now: () => (clock.t += 1_000_000n), sealEveryRecords: 1000, controlResource, controlScope };
  const { sealer, genesis } = Sealer.genesis({ ...base, signer: keys[0]! }, { stream: opts.stream ?? 'h/logs', chain: opts.chain ?? 'c0' }, 'new');
  const frames: ResourceLogs[] = [genesis];
  const states: ChainState[] = [];
  const batches: LogsData[] = [];
  let epoch = 0;
  for (let b = 0; b < opts.batches; b++) {
    states.push(sealer.snapshot());
    const batch = appRecords(5, b * 5);
    batches.push(batch);
    sealer.stamp(structuredClone(batch), (rl) => frames.push(rl));
    const rotate = (b + 1) % opts.rotateEvery === 0 && epoch + 1 < keys.length;
    if (rotate) {
      rotatedAt.push(clock.t);
      frames.push(sealer.seal({ nextKey: keys[epoch + 1]!.publicKey }));
      epoch++;
      sealer.setSigner(keys[epoch]!);
    } else {
      frames.push(sealer.seal());
    }
  }
  return { frames, states, batches, rotatedAt, clock };
}

function verify(lines: LogsData[], anchors: Signer[], extra: { keyring?: ReturnType<typeof keyring>; strict?: boolean } = {}): VerifyReport {
  const trust = new TrustStore(nodeCrypto);
  for (const a of anchors) trust.addAnchor(a.publicKey, `host-${a.keyId}.pub`);
  if (extra.keyring) expect(trust.addKeyring(extra.keyring, false)).toEqual([]);
  return verifyPassesSync({ crypto: nodeCrypto, trust, nowNs: () => NOW, ...(extra.strict ? { strict: true } : {}) }, (v) => lines.forEach((d, i) => v.addLogsData(d, `t:${i + 1}`))).report();
}

const violations = (r: VerifyReport) => [...r.findings, ...r.streams.flatMap((s) => s.findings)].filter((f) => f.severity === 'violation').map((f) => `${f.kind}@${f.seq ?? '-'}`);

/** The attacker holds `key` (the host's current one), edits batch `from` and re-seals everything after it, dated now. */
function resignFrom(b: Built, key: Signer, from: number): ResourceLogs[] {
  const state = b.states[from]!;
  const clock = { t: NOW - 1_000_000_000n };
  const sealer = Sealer.resume({ crypto: nodeCrypto, signer: key, now: () => (clock.t += 1_000n), sealEveryRecords: 1000, controlResource, controlScope }, state);
  sealer.setSigner(key);
  const kept = b.frames.filter((rl) => firstSeq(rl) <= state.seq);
  const out = [...kept];
  for (let i = from; i < b.batches.length; i++) {
    const batch = structuredClone(b.batches[i]!);
    if (i === from) batch.resourceLogs[0]!.scopeLogs[0]!.logRecords[2]!.body = str('the attacker was never here');
    sealer.stamp(batch, (rl) => out.push(rl));
    out.push(sealer.seal());
  }
  return out;
}

describe('epoch continuity', () => {
  const keys = keysFor(1, 12);
  const built = rotatedStream(keys, { batches: 24, rotateEvery: 2 });
  const ring = keyring(keys, (e) => built.rotatedAt[e]! - 500_000n);

  it('the genuine stream, rotated 11 times, verifies under the anchor alone and under the keyring', () => {
    for (const extra of [{}, { keyring: ring }]) {
      const r = verify(asLines(built.frames), [keys[0]!], extra);
      expect(r.streams[0]!.findings).toEqual([]);
      expect(r.streams[0]!.epochs).toEqual([...Array(12).keys()]);
      expect(r.streams[0]!.anchor).toBe(keys[0]!.keyId);
    }
  });

  it('a stolen current key (epoch 11) re-signing from epoch 5 on is an epoch_jump at the first re-signed seal, keyring and all', () => {
    const from = 10; // batch 10 is sealed under epoch 5
    const forged = resignFrom(built, keys[11]!, from);
    const firstForgedSeal = forged.find((rl) => isSeal(rl) && firstSeq(rl) > built.states[from]!.seq)!;
    const r = verify(asLines(forged), [keys[0]!], { keyring: ring });
    expect(r.intact).toBe(false);
    const v = violations(r);
    expect(v[0]).toBe(`epoch_jump@${firstSeq(firstForgedSeal)}`);
    // Every re-signed seal is refused; nothing else is claimed.
    const forgedSeals = forged.filter((rl) => isSeal(rl) && firstSeq(rl) > built.states[from]!.seq).map(firstSeq);
    expect(v).toEqual(forgedSeals.map((s) => `epoch_jump@${s}`));
    // Without the keyring, key 11 is simply unknown to this chain.
    expect(violations(verify(asLines(forged), [keys[0]!]))).toEqual(forgedSeals.map((s) => `unknown_key@${s}`));
  });

  it('claiming the old epoch with the new key is unknown_key (§9.2), not a forged seal', () => {
    const forged = resignFrom(built, signerFromSeed(new Uint8Array(32).fill(1 * 16 + 11 + 1), 5), 10);
    const r = verify(asLines(forged), [keys[0]!], { keyring: ring });
    const v = violations(r);
    expect(v.length).toBeGreaterThan(0);
    expect(new Set(v.map((x) => x.split('@')[0]))).toEqual(new Set(['unknown_key']));
    expect(r.streams[0]!.findings[0]!.message).toContain('claims epoch 5 but key');
  });

  it('an epoch change without the announcing seal, inside the records present, is an epoch_jump even with the keyring', () => {
    const ann = built.frames.findIndex((rl, i) => i > 5 && isSeal(rl) && rl.scopeLogs[0]!.logRecords[0]!.body.type === 'kvlist' && (rl.scopeLogs[0]!.logRecords[0]!.body.value.some((e) => e.key === 'next_key')));
    const cut = built.frames.filter((_, i) => i !== ann);
    const annSeq = firstSeq(built.frames[ann]!);
    const nextSeal = built.frames.slice(ann + 1).find(isSeal)!;
    const v = violations(verify(asLines(cut), [keys[0]!], { keyring: ring }));
    expect(v).toContain(`missing@${annSeq}`);
    expect(v).toContain(`epoch_jump@${firstSeq(nextSeal)}`);
  });

  it('at the start of what is present (an absent prefix) the keyring stands in for the announcement', () => {
    const start = built.frames.findIndex((rl) => firstSeq(rl) > built.states[15]!.seq);
    const tail = built.frames.slice(start);
    const r = verify(asLines(tail), [keys[0]!], { keyring: ring });
    expect(violations(r)).toEqual([]);
    expect(r.streams[0]!.findings.map((f) => f.kind)).toEqual(['absent_prefix']);
    // Without it the first seal's key is unknown.
    expect(violations(verify(asLines(tail), [keys[0]!]))[0]).toMatch(/^unknown_key@/);
  });

  it('a seal dated before its key came into force is predated_seal (keyring certificate time)', () => {
    const late = keyring(keys, (e) => built.rotatedAt[e]! + 1_000_000_000_000n);
    const start = built.frames.findIndex((rl) => firstSeq(rl) > built.states[15]!.seq);
    const r = verify(asLines(built.frames.slice(start)), [keys[0]!], { keyring: late });
    expect(violations(r)[0]).toMatch(/^predated_seal@/);
  });

  it('epochs never decrease: an old epoch-0 seal put back after epoch 1 is caught', () => {
    const two = rotatedStream(keysFor(2, 2), { batches: 4, rotateEvery: 2 });
    const k = keysFor(2, 2);
    // A seal of epoch 0, signed genuinely, replayed at the end (as a key-0 holder would).
    const clock = { t: T0 };
    const st = Sealer.resume({ crypto: nodeCrypto, signer: k[0]!, now: () => (clock.t += 1n), sealEveryRecords: 1000, controlResource, controlScope }, two.states[3]!);
    st.setSigner(k[0]!);
    const frames = two.frames.filter((rl) => firstSeq(rl) <= two.states[3]!.seq);
    st.stamp(structuredClone(two.batches[3]!), (rl) => frames.push(rl));
    frames.push(st.seal());
    const v = violations(verify(asLines(frames), [k[0]!]));
    expect(v).toEqual([`epoch_jump@${firstSeq(frames[frames.length - 1]!)}`]);
  });
});

describe('keys apply to the chain that announced them only', () => {
  const keys = keysFor(3, 3);
  const a = rotatedStream(keys, { stream: 'h/a', chain: 'ca', batches: 6, rotateEvery: 2 });
  const b = rotatedStream(keys, { stream: 'h/b', chain: 'cb', batches: 6, rotateEvery: 2 });
  // Stream b's oldest records are gone (retention): its first present seal is of epoch 1.
  const bTail = b.frames.filter((rl) => firstSeq(rl) > b.states[3]!.seq);

  it('without the keyring, b\'s epoch-1 seals are unknown_key whichever stream is read first', () => {
    const ab = verify([...asLines(a.frames), ...asLines(bTail)], [keys[0]!]);
    const ba = verify([...asLines(bTail), ...asLines(a.frames)], [keys[0]!]);
    expect(violations(ab)).toEqual(violations(ba));
    expect(violations(ab).length).toBeGreaterThan(0);
    expect(violations(ab).every((x) => x.startsWith('unknown_key@'))).toBe(true);
    expect(ab.streams.find((s) => s.stream === 'h/a')!.findings).toEqual([]);
  });
});

describe('streams bound to their hosts\' anchors', () => {
  const hostA = keysFor(4, 1);
  const hostB = keysFor(5, 1);
  const a = rotatedStream(hostA, { stream: 'host-a/logs', chain: 'ca', batches: 3, rotateEvery: 99 });

  it('host B re-signing host A\'s whole stream verifies under B unbound, is anchor_mismatch when bound, and unbound_stream with --strict', () => {
    // B's holder rebuilds A's stream from its genesis, signed with B's key.
    const clock = { t: T0 };
    const { sealer, genesis } = Sealer.genesis({ crypto: nodeCrypto, signer: hostB[0]!, now: () => (clock.t += 1_000_000n), sealEveryRecords: 1000, controlResource, controlScope }, { stream: 'host-a/logs', chain: 'ca' }, 'new');
    const forged: ResourceLogs[] = [genesis];
    for (const batch of a.batches) {
      sealer.stamp(structuredClone(batch), (rl) => forged.push(rl));
      forged.push(sealer.seal());
    }
    const anchors = [hostA[0]!, hostB[0]!];
    const unbound = verify(asLines(forged), anchors);
    expect(unbound.intact).toBe(true);
    expect(unbound.streams[0]!.anchor).toBe(hostB[0]!.keyId);
    expect(unbound.streams[0]!.anchorSource).toBe(`host-${hostB[0]!.keyId}.pub`);
    expect(violations(verify(asLines(forged), anchors, { strict: true }))).toEqual(['unbound_stream@-']);

    const trust = new TrustStore(nodeCrypto);
    for (const k of anchors) trust.addAnchor(k.publicKey);
    const bindings = [{ pattern: 'host-a/*', anchorIds: new Set([hostA[0]!.keyId]) }, { pattern: 'host-b/*', anchorIds: new Set([hostB[0]!.keyId]) }];
    const run = (frames: ResourceLogs[]) => {
      const v = new Verifier({ crypto: nodeCrypto, trust, nowNs: () => NOW, bindings, strict: true });
      asLines(frames).forEach((d, i) => v.addLogsData(d, `t:${i + 1}`));
      return v.finish();
    };
    const bound = run(forged);
    const controlSeqs = forged.filter((rl) => rl.scopeLogs[0]!.logRecords[0]!.eventName.startsWith('sealog.')).map(firstSeq);
    expect(violations(bound)).toEqual(controlSeqs.map((s) => `anchor_mismatch@${s}`));
    const genuine = run(a.frames);
    expect(genuine.intact).toBe(true);
    expect(genuine.streams[0]!.binding).toBe('host-a/*');
    expect(genuine.streams[0]!.anchor).toBe(hostA[0]!.keyId);
  });

  it('globs: * matches any characters, / included; the rest is literal', () => {
    expect(globMatches('web-*', 'web-1/logs')).toBe(true);
    expect(globMatches('*/logs', 'a/b/logs')).toBe(true);
    expect(globMatches('web-?', 'web-1')).toBe(false);
    expect(globMatches('a*b*c', 'abc')).toBe(true);
    expect(globMatches('a*b*c', 'acb')).toBe(false);
    expect(globMatches('exact', 'exact')).toBe(true);
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (x, y, z) => globMatches(`${x.replace(/\*/g, '')}*${z.replace(/\*/g, '')}`, `${x.replace(/\*/g, '')}${y}${z.replace(/\*/g, '')}`)),
    );
  });
});

describe('a restart after rotation starts at the epoch its stream reached (§8.1)', () => {
  const keys = keysFor(6, 4);
  // Chain c0 rotates to epoch 1, then 2, and its last seal announces epoch 3.
  const first = rotatedStream(keys, { stream: 'h/logs', chain: 'c0', batches: 6, rotateEvery: 2 });
  /** A new chain of `stream` (the spool was lost), signed from its genesis on by `key`, dated after c0. */
  function restart(key: Signer, stream = 'h/logs', chain = 'c1'): ResourceLogs[] {
    const clock = { t: first.clock.t + 1_000_000_000n };
    const { sealer, genesis } = Sealer.genesis({ crypto: nodeCrypto, signer: key, now: () => (clock.t += 1_000_000n), sealEveryRecords: 1000, controlResource, controlScope }, { stream, chain }, 'spool_lost');
    const out: ResourceLogs[] = [genesis];
    for (let b = 0; b < 3; b++) {
      sealer.stamp(appRecords(5, 100 + b * 5), (rl) => out.push(rl));
      out.push(sealer.seal());
    }
    return out;
  }
  const kinds = (r: VerifyReport) => r.streams.map((s) => `${s.chain}:${s.findings.map((f) => `${f.kind}:${f.severity}@${f.seq ?? '-'}`).join(',')}`);

  it('verifies with the anchor alone: INTACT apart from the chain_restart, pinned on the new chain, in any order', () => {
    const second = restart(keys[3]!);
    const lines = [...asLines(first.frames), ...asLines(second)];
    const r = verify(lines, [keys[0]!]);
    expect(r.intact).toBe(true);
    expect(kinds(r)).toEqual(['c0:', 'c1:chain_restart:warning@1']);
    expect(r.streams[1]!.epochs).toEqual([3]);
    expect(r.streams[1]!.anchor).toBe(keys[0]!.keyId);
    // The same with the keyring, and whatever the order of the lines.
    const ring = keyring(keys, (e) => first.rotatedAt[e]! - 500_000n);
    expect(kinds(verify(lines, [keys[0]!], { keyring: ring }))).toEqual(kinds(r));
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: lines.length, maxLength: lines.length }), (w) => {
        const shuffled = lines.map((l, i) => [w[i]!, i, l] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map((x) => x[2]);
        expect(verify(shuffled, [keys[0]!])).toEqual(r);
      }),
      { numRuns: 15 },
    );
  });

  it('a key the stream never reached, or reached only in another stream, is still unknown_key', () => {
    const stranger = signerFromSeed(new Uint8Array(32).fill(99), 3);
    const r = verify([...asLines(first.frames), ...asLines(restart(stranger))], [keys[0]!]);
    expect(violations(r).length).toBeGreaterThan(0);
    expect(violations(r).every((v) => v.startsWith('unknown_key@'))).toBe(true);
    // Its genesis did not verify, yet it is still ordered after c0 (by its records' time) and the restart is its finding.
    expect(r.streams.map((s) => s.chain)).toEqual(['c0', 'c1']);
    expect(r.streams[0]!.findings).toEqual([]);
    expect(r.streams[1]!.findings.filter((f) => f.kind === 'chain_restart')).toHaveLength(1);
    // Stream h/other restarts under key 3, which only h/logs announced: keys never cross streams.
    const other = verify([...asLines(first.frames), ...asLines(restart(keys[3]!, 'h/other', 'c9'))], [keys[0]!]);
    expect(other.streams.find((s) => s.stream === 'h/other')!.findings.filter((f) => f.severity === 'violation').every((f) => f.kind === 'unknown_key')).toBe(true);
    expect(other.intact).toBe(false);
  });

  it('a restart dated before its key came into force is predated_seal', () => {
    const clock = { t: first.rotatedAt[3]! - 10_000_000n };
    const { sealer, genesis } = Sealer.genesis({ crypto: nodeCrypto, signer: keys[3]!, now: () => (clock.t += 1_000n), sealEveryRecords: 1000, controlResource, controlScope }, { stream: 'h/logs', chain: 'c1' }, 'spool_lost');
    const early: ResourceLogs[] = [genesis];
    sealer.stamp(appRecords(5, 200), (rl) => early.push(rl));
    early.push(sealer.seal());
    const r = verify([...asLines(first.frames), ...asLines(early)], [keys[0]!]);
    expect(violations(r)[0]).toBe('predated_seal@1');
  });
});
