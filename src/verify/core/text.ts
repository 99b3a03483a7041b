/** Seq ranges and times as the checker's messages write them. */
export function rangeText(a: number, b: number): string {
  return a === b ? String(a) : `${a}..${b}`;
}

export function nsToIso(ns: bigint): string {
  const ms = Number(ns / 1_000_000n);
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? `${ns}ns` : d.toISOString();
}
