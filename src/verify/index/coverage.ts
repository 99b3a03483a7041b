/**
 * The seqs of one chain the index holds, as sorted disjoint ranges. Records
 * mostly arrive in seq order, so adding the next seq extends the last range
 * in constant time; anything else is a binary search. Pure.
 */
export class SeqRanges {
  /** from, to, from, to, ... sorted, disjoint and not adjacent. */
  readonly r: number[] = [];

  static of(ranges: Iterable<[number, number]>): SeqRanges {
    const s = new SeqRanges();
    for (const [a, b] of ranges) s.addRange(a, b);
    return s;
  }

  /** Adds one seq; false when it was held already. */
  add(seq: number): boolean {
    const r = this.r;
    const n = r.length;
    if (n === 0 || seq > r[n - 1]! + 1) {
      r.push(seq, seq);
      return true;
    }
    if (seq === r[n - 1]! + 1) {
      r[n - 1] = seq;
      return true;
    }
    if (this.has(seq)) return false;
    this.addRange(seq, seq);
    return true;
  }

  addRange(from: number, to: number): void {
    const r = this.r;
    const out: number[] = [];
    let i = 0;
    while (i < r.length && r[i + 1]! < from - 1) {
      out.push(r[i]!, r[i + 1]!);
      i += 2;
    }
    let a = from;
    let b = to;
    while (i < r.length && r[i]! <= b + 1) {
      a = Math.min(a, r[i]!);
      b = Math.max(b, r[i + 1]!);
      i += 2;
    }
    out.push(a, b);
    while (i < r.length) out.push(r[i]!, r[i + 1]!), (i += 2);
    r.length = 0;
    r.push(...out);
  }

  has(seq: number): boolean {
    const r = this.r;
    let lo = 0;
    let hi = r.length / 2 - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (seq < r[mid * 2]!) hi = mid - 1;
      else if (seq > r[mid * 2 + 1]!) lo = mid + 1;
      else return true;
    }
    return false;
  }

  ranges(): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    for (let i = 0; i < this.r.length; i += 2) out.push([this.r[i]!, this.r[i + 1]!]);
    return out;
  }

  /** The ranges of [from, to] not held. */
  holes(from: number, to: number): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    let at = from;
    for (let i = 0; i < this.r.length && at <= to; i += 2) {
      const a = this.r[i]!;
      const b = this.r[i + 1]!;
      if (b < at) continue;
      if (a > at) out.push([at, Math.min(a - 1, to)]);
      at = Math.max(at, b + 1);
    }
    if (at <= to) out.push([at, to]);
    return out;
  }

  /** How many seqs of [from, to] are held. */
  countIn(from: number, to: number): number {
    let n = 0;
    for (let i = 0; i < this.r.length; i += 2) {
      const a = Math.max(from, this.r[i]!);
      const b = Math.min(to, this.r[i + 1]!);
      if (b >= a) n += b - a + 1;
    }
    return n;
  }
}
