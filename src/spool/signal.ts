/** A one-shot broadcast: wait() resolves at the next notify(), or when the signal aborts. */
export class Signal {
  #waiters = new Set<() => void>();

  wait(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = (): void => {
        this.#waiters.delete(done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      this.#waiters.add(done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }

  notify(): void {
    if (this.#waiters.size === 0) return;
    for (const w of [...this.#waiters]) w();
  }
}
