/**
 * What a receiver admits besides its concurrency limit: at most N requests in
 * progress per client address (so one client, however many connections it
 * opens, cannot take every slot), and a bound on the request bytes held at
 * once across both transports (the memory limiter: over it, 503 /
 * RESOURCE_EXHAUSTED rather than memory the host does not have).
 */

/** Counts requests per client address and refuses one above `limit`. */
export class PerClientLimiter {
  readonly #counts = new Map<string, number>();

  constructor(readonly limit: number) {}

  tryAcquire(client: string): boolean {
    const n = this.#counts.get(client) ?? 0;
    if (n >= this.limit) return false;
    this.#counts.set(client, n + 1);
    return true;
  }

  release(client: string): void {
    const n = this.#counts.get(client);
    if (n === undefined) return;
    if (n <= 1) this.#counts.delete(client);
    else this.#counts.set(client, n - 1);
  }
}

/** Bytes held by requests in progress; a reservation above `limit` is refused (one request alone is always admitted). */
export class ByteBudget {
  #used = 0;

  constructor(
    readonly limit: number,
    private readonly onChange?: (used: number) => void,
  ) {}

  get used(): number {
    return this.#used;
  }

  /** `held`: what the caller itself already holds (a request adding to its own reservation is alone when that is all there is). */
  tryReserve(bytes: number, held = 0): boolean {
    if (this.#used > held && this.#used + bytes > this.limit) return false;
    this.#used += bytes;
    this.onChange?.(this.#used);
    return true;
  }

  release(bytes: number): void {
    this.#used = Math.max(0, this.#used - bytes);
    this.onChange?.(this.#used);
  }
}

/** The client part of a gRPC peer string (`ipv4:1.2.3.4:5`, `ipv6:[::1]:5`, `1.2.3.4:5`): the address without the port. */
export function peerAddress(peer: string): string {
  const p = peer.replace(/^(ipv4|ipv6|unix):/, '');
  if (p.startsWith('[')) return p.slice(1, p.indexOf(']'));
  const colon = p.lastIndexOf(':');
  return colon > 0 && p.indexOf(':') === colon ? p.slice(0, colon) : p;
}
