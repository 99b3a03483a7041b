/**
 * What a query's window cannot show, from the index (docs/VERIFY.md "The
 * index"), per (stream, chain) of the streams the query names, as search
 * without an index decides it (src/verify/search/window.ts): no record time
 * places a problem outside the window, so every seq of the chain within
 * --seq is looked at. Then, never assumed:
 *
 *   missing        seqs of the extent the index does not hold (its coverage,
 *                  checked against a count of its rows; when they disagree
 *                  the rows are read and the index is reported changed)
 *   forged_seal    a seal of the extent whose signature does not verify
 *   unverifiable   seqs of the extent no verified seal covers, before the last seal
 *   unsealed_tail  seqs after the chain's last seal
 *   gap, loss      gap and loss records in the extent (their status re-proven)
 *   chain_restart  a genesis whose reason is not `new`, or several chains of
 *                  one stream in the window
 *   absent_prefix  nothing held before the first seq held (it could hold records of the window)
 */
import { parseGap, parseGenesis, parseLoss } from '../../integrity/control.js';
import type { Finding } from '../core/index.js';
import type { RecordMatcher } from '../search/match.js';
import type { Query } from '../search/query.js';
import { recordModel } from '../search/canonical-read.js';
import { SeqRanges } from './coverage.js';
import { num, TYPE_CODE } from './db.js';
import { readRecordBytes, type StoredRecord } from './read.js';
import { checkedSeals } from './reprove.js';
import { ChainProver, type IndexView, type Prefilter } from './search.js';
import type { Completeness, WindowReport } from './types.js';

const MAX_I64 = (1n << 63n) - 1n;

function rangeText(a: number, b: number): string {
  return a === b ? String(a) : `${a}..${b}`;
}

function finding(kind: Finding['kind'], severity: Finding['severity'], stream: string, chain: string, seq: number, seqEnd: number | undefined, message: string, where?: string): Finding {
  const f: Finding = { kind, severity, stream, chain, seq, message };
  if (seqEnd !== undefined && seqEnd !== seq) f.seqEnd = seqEnd;
  if (where !== undefined) f.where = where;
  return f;
}

/** Bits at most in one bitstring_agg (32 MiB); a wider extent (a coverage row claiming a huge seq) is counted by hashing. */
const MAX_BITS = 1 << 28;

/**
 * How many distinct seqs of lo..hi the index's rows of `chain` hold. A
 * bitmap over the extent (one bit a seq) costs a tenth of count(DISTINCT),
 * which hashes every row: 0.1 s against 0.9-1.3 s for 2.5M rows.
 */
async function distinctSeqs(view: IndexView, chain: number, lo: number, hi: number): Promise<number> {
  const where = 'FROM records WHERE chain = ? AND seq BETWEEN ? AND ?';
  const params = [chain, BigInt(lo), BigInt(hi)];
  const sql = hi - lo < MAX_BITS ? `SELECT coalesce(bit_count(bitstring_agg(seq, ${lo}, ${hi})), 0) ${where}` : `SELECT count(DISTINCT seq) ${where}`;
  return num((await view.db.rows(sql, params))[0]![0]!);
}

/** The parts of `ranges` not in `minus`. */
function subtract(ranges: Array<[number, number]>, minus: Array<[number, number]>): Array<[number, number]> {
  const m = SeqRanges.of(minus);
  return ranges.flatMap(([a, b]) => m.holes(a, b));
}

export async function windowCompleteness(view: IndexView, q: Query, matcher: RecordMatcher, pre: Prefilter): Promise<Completeness> {
  if (pre.empty) return { windows: [], complete: true };
  // Every chain of the streams the query names (whatever --resource: a deleted record's resource is unknown),
  // over all its seqs within --seq: no record time is trusted to place a problem outside the window.
  const chains = [...view.chains.keys()].filter((c) => matcher.streamMatches(view.chains.get(c)!.stream));
  const timed = q.sinceNs !== undefined || q.untilNs !== undefined;
  const since = q.sinceNs === undefined ? 0n : q.sinceNs > MAX_I64 ? MAX_I64 : q.sinceNs;
  const until = q.untilNs === undefined ? MAX_I64 : q.untilNs > MAX_I64 ? MAX_I64 : q.untilNs;
  const timeCond = timed ? `r.time BETWEEN ${since} AND ${until}` : 'TRUE';
  const extents: Array<{ chain: number; lo: number; hi: number; inWindow: number; inLo?: number; inHi?: number; firstTime: bigint; empty: boolean }> = [];
  if (chains.length) {
    // Control records' times are the agent's clock, not the application's: they count no record in the window.
    // The newest seq of each chain (its coverage, checked against the rows in chainWindow), and the records in the time
    // window apart: a WHERE on time lets DuckDB skip the row groups outside it (a FILTER beside a chain-wide max read them all).
    const last = new Map((await view.db.rows(`SELECT chain, max(seq_to) FROM coverage WHERE chain IN (${chains.join(',')}) GROUP BY chain`)).map((r) => [num(r[0]!), num(r[1]!)]));
    const inWin = new Map(
      (
        await view.db.rows(
          `SELECT r.chain, count(DISTINCT r.seq), min(r.seq), max(r.seq), min(r.time) FROM records r WHERE r.chain IN (${chains.join(',')}) AND r.type = ${TYPE_CODE.none} AND ${timeCond} GROUP BY r.chain`,
        )
      ).map((r) => [num(r[0]!), r] as const),
    );
    for (const chain of chains) {
      const hi = last.get(chain);
      if (hi === undefined) continue;
      const r = inWin.get(chain);
      extents.push({
        chain,
        lo: 1,
        hi,
        inWindow: r ? num(r[1]!) : 0,
        ...(r ? { inLo: num(r[2]!), inHi: num(r[3]!) } : {}),
        firstTime: r ? (r[4] as bigint) : since,
        empty: !r,
      });
    }
  }
  const windows: WindowReport[] = [];
  for (const e of extents) {
    const w = await chainWindow(view, q, e);
    if (w) windows.push(w);
  }
  // Several chains of one stream in the window: every one but the first (by its first time in the window) is a restart.
  const byStream = new Map<string, Array<{ w: WindowReport; t: bigint }>>();
  windows.forEach((w, i) => (byStream.get(w.stream) ?? byStream.set(w.stream, []).get(w.stream)!).push({ w, t: extents[i]!.firstTime }));
  for (const list of byStream.values()) {
    if (list.length < 2) continue;
    list.sort((a, b) => (a.t < b.t ? -1 : a.t > b.t ? 1 : a.w.chain < b.w.chain ? -1 : 1));
    for (const { w } of list.slice(1)) {
      if (w.findings.some((f) => f.kind === 'chain_restart')) continue;
      w.findings.push(finding('chain_restart', 'warning', w.stream, w.chain, w.seqFrom ?? 1, undefined, `the stream started chain ${w.chain} (its spool was lost, or it restarted): the window holds ${list.length} chains of ${w.stream}`));
    }
  }
  windows.sort((a, b) => (a.stream < b.stream ? -1 : a.stream > b.stream ? 1 : a.chain < b.chain ? -1 : a.chain > b.chain ? 1 : 0));
  for (const w of windows) w.findings.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
  return { windows, complete: windows.every((w) => w.findings.every((f) => f.severity === 'note')) };
}

async function chainWindow(view: IndexView, q: Query, e: { chain: number; lo: number; hi: number; inWindow: number; inLo?: number; inHi?: number; empty: boolean }): Promise<WindowReport | undefined> {
  const { stream, chain } = view.chains.get(e.chain)!;
  const db = view.db;
  const findings: Finding[] = [];
  const cov = SeqRanges.of((await db.rows('SELECT seq_from, seq_to FROM coverage WHERE chain = ? ORDER BY seq_from', [e.chain])).map((r) => [num(r[0]!), num(r[1]!)] as [number, number]));
  let lo = e.lo;
  let hi = e.hi;
  const seqFrom = q.seqFrom ?? 1;
  const seqTo = q.seqTo ?? Number.MAX_SAFE_INTEGER;
  if (lo < seqFrom) lo = seqFrom;
  if (hi > seqTo) hi = seqTo;
  if (lo > hi) return undefined;
  const firstHeld = cov.ranges()[0]?.[0];
  if (firstHeld !== undefined && firstHeld > lo) {
    findings.push(finding('absent_prefix', 'warning', stream, chain, lo, firstHeld - 1, `the index holds no record of this chain before seq ${firstHeld} (retention, or not indexed); they could hold records of this window`));
    lo = firstHeld;
  }
  // Held seqs: the coverage, checked against the rows.
  const rowsHeld = await distinctSeqs(view, e.chain, lo, hi);
  let holes = cov.holes(lo, hi);
  if (rowsHeld !== cov.countIn(lo, hi)) {
    const gaps = await db.rows(
      `SELECT seq, nxt FROM (SELECT seq, lead(seq) OVER (ORDER BY seq) AS nxt FROM (SELECT DISTINCT seq FROM records WHERE chain = ? AND seq BETWEEN ? AND ?)) WHERE nxt IS NULL OR nxt > seq + 1 ORDER BY seq`,
      [e.chain, BigInt(lo), BigInt(hi)],
    );
    const held = new SeqRanges();
    const first = num((await db.rows('SELECT coalesce(min(seq), 0) FROM records WHERE chain = ? AND seq BETWEEN ? AND ?', [e.chain, BigInt(lo), BigInt(hi)]))[0]![0]!);
    let at = first;
    for (const g of gaps) {
      if (at > 0) held.addRange(at, num(g[0]!));
      at = g[1] === null ? 0 : num(g[1]!);
    }
    holes = held.holes(lo, hi);
    findings.push(finding('missing', 'violation', stream, chain, lo, hi, `the index's coverage of seqs ${rangeText(lo, hi)} says ${cov.countIn(lo, hi)} records, its rows hold ${rowsHeld}: the index was changed; the missing ranges below are from its rows`));
  }
  for (const [a, b] of holes) {
    findings.push(finding('missing', 'violation', stream, chain, a, b, `records ${rangeText(a, b)} are not in the index: deleted from the input before it was indexed, never delivered, or removed from the index`));
  }
  // Seals: each one of the extent verified (its bytes, its chain position: the seq its row names is in what it signs);
  // what it covers is read from its signed bytes. What no verified seal covers is unverifiable, or an unsealed tail.
  const keys = view.keys.forStream(stream);
  const lastSealRow = await db.rows('SELECT max(seq) FROM seals WHERE chain = ?', [e.chain]);
  const lastSeal = lastSealRow[0]![0] === null ? 0 : num(lastSealRow[0]![0]!);
  const covered = new SeqRanges();
  const seals = await view.sealsMeeting(e.chain, lo, hi);
  // An event-loop turn between slices of seals: the search's hits, read beside this, are not held up behind them.
  const checks = await checkedSeals(view.crypto, seals.map((s) => s.ev), keys, () => new Promise<void>((r) => setImmediate(r)));
  for (const [i, { from, to, ev }] of seals.entries()) {
    const c = checks[i]!;
    if (c.ok) {
      covered.addRange(c.fields.from, c.fields.to);
      covered.add(ev.seq);
    } else findings.push(finding('forged_seal', 'violation', stream, chain, ev.seq, undefined, `the seal at seq ${ev.seq} (claimed range ${from}..${to}) does not verify: ${c.reason}`));
  }
  const unsealed = subtract(covered.holes(lo, hi), holes);
  for (const [a, b] of unsealed) {
    if (a > lastSeal) findings.push(finding('unsealed_tail', 'warning', stream, chain, a, b, `records ${rangeText(a, b)} come after the last seal of the chain in the index (seq ${lastSeal || 'none'}): no signature covers them yet`));
    else {
      // Seal records themselves are covered by the next seal; a range ending at the last seal is the tail before it.
      findings.push(finding('unverifiable', 'warning', stream, chain, a, b, `no verified seal in the index covers records ${rangeText(a, b)}`));
    }
  }
  // Gap, loss and genesis records of the extent, re-proven.
  const ctl = await readRecordBytes(db, `r.chain = ${e.chain} AND r.seq BETWEEN ${lo} AND ${hi} AND r.type IN (${TYPE_CODE.genesis}, ${TYPE_CODE.loss}, ${TYPE_CODE.gap})`);
  if (ctl.length) {
    const prover = new ChainProver(view, e.chain);
    const bySeq = new Map<number, StoredRecord[]>();
    for (const r of ctl) (bySeq.get(r.seq) ?? bySeq.set(r.seq, []).get(r.seq)!).push(r);
    const proven = await prover.prove(bySeq, Math.min(...bySeq.keys()), Math.max(...bySeq.keys()));
    for (const r of ctl) {
      const p = proven.get(r)!;
      const status = p.status === 'verified' ? '' : ` (its status: ${p.status}: ${p.reason})`;
      let rec;
      try {
        rec = recordModel(r.record, 0);
      } catch {
        continue;
      }
      if (r.type === TYPE_CODE.gap) {
        const g = parseGap(rec);
        const what = g.ok ? `receiver ${g.value.receiver} could not read ${g.value.path} bytes ${g.value.from}..${g.value.to ?? ''} (${g.value.reason})` : 'a gap record';
        findings.push(finding('gap', 'warning', stream, chain, r.seq, undefined, `declared gap: ${what}${status}`, r.where));
      } else if (r.type === TYPE_CODE.loss) {
        const l = parseLoss(rec);
        const what = l.ok ? `${l.value.count} record(s) dropped: ${l.value.reason}` : 'a loss record';
        findings.push(finding('loss', 'warning', stream, chain, r.seq, undefined, `declared loss: ${what}${status}`, r.where));
      } else {
        const g = parseGenesis(rec);
        if (g.ok && g.value.reason !== 'new') findings.push(finding('chain_restart', 'warning', stream, chain, r.seq, undefined, `the chain started over (genesis reason ${g.value.reason})${status}`, r.where));
      }
    }
  }
  const held = cov.ranges();
  const lastSeq = held.length ? held[held.length - 1]![1] : 0;
  if (e.inWindow === 0 && findings.length === 0) return undefined;
  return { stream, chain, ...(e.inLo !== undefined ? { seqFrom: e.inLo, seqTo: e.inHi! } : {}), recordsInWindow: e.inWindow, findings, reachesEnd: hi >= lastSeq, lastSeq };
}
