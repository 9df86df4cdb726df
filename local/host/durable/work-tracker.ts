/** Counts running/runnable work so whenIdle() can resolve, and bounds concurrency per kind of work. */

export class WorkTracker {
  private busy = 0;
  private waiters: Array<() => void> = [];

  /** Counts `fn` as busy from this call (synchronously) until it settles. */
  track<T>(fn: () => Promise<T>): Promise<T> {
    this.busy++;
    let promise: Promise<T>;
    try {
      promise = fn();
    } catch (error) {
      promise = Promise.reject(error);
    }
    return promise.finally(() => {
      this.busy--;
      if (this.busy === 0) {
        const waiters = this.waiters;
        this.waiters = [];
        for (const w of waiters) w();
      }
    });
  }

  async whenIdle(): Promise<void> {
    for (;;) {
      if (this.busy > 0) await new Promise<void>((resolve) => this.waiters.push(resolve));
      // Let continuations that are about to schedule more work run first.
      await new Promise((resolve) => setImmediate(resolve));
      if (this.busy === 0) return;
    }
  }
}

export class Limiter {
  private running = 0;
  private queue: Array<() => void> = [];

  constructor(private readonly max: number) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.running >= this.max) await new Promise<void>((resolve) => this.queue.push(resolve));
    this.running++;
    try {
      return await fn();
    } finally {
      this.running--;
      this.queue.shift()?.();
    }
  }
}
