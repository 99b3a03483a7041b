/**
 * Whether to try the fast path on the next line. A refused line costs its
 * scan on top of the general decoder, so when the input turns out to be
 * mostly lines the fast path refuses (another writer's shape, say entityRefs
 * or bytesValue everywhere), it is tried only on every `probeEvery`th line,
 * and fully again as soon as it takes lines. Results never depend on it:
 * both paths give the same records.
 */
export class FastPathPolicy {
  #accepted = 0;
  #refused = 0;
  #skipped = 0;

  constructor(
    private readonly minRefused = 8,
    private readonly probeEvery = 16,
  ) {}

  /** True if the next line should go through the fast path. */
  shouldTry(): boolean {
    if (this.#refused < this.minRefused || this.#refused <= this.#accepted) return true;
    if (++this.#skipped < this.probeEvery) return false;
    this.#skipped = 0;
    return true;
  }

  note(accepted: boolean): void {
    if (accepted) this.#accepted++;
    else this.#refused++;
  }
}
