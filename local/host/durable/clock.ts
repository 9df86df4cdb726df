/** The engine's notion of time: real wall-clock time, or virtual time that tests advance explicitly. */

export interface Clock {
  now(): Date;
  /** resolves when virtual or real time reaches `at` */
  sleepUntil(at: Date, signal?: AbortSignal): Promise<void>;
}

function abortError(): Error {
  const error = new Error('sleep aborted');
  error.name = 'AbortError';
  return error;
}

// setTimeout's delay is a signed 32-bit int; longer sleeps (durable timers can be days) are chained.
const MAX_TIMEOUT_MS = 2_147_000_000;

export class RealClock implements Clock {
  now(): Date {
    return new Date();
  }

  sleepUntil(at: Date, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(abortError());
      let timer: NodeJS.Timeout | undefined;
      const onAbort = (): void => {
        if (timer) clearTimeout(timer);
        reject(abortError());
      };
      const arm = (): void => {
        const remaining = at.getTime() - Date.now();
        if (remaining <= 0) {
          signal?.removeEventListener('abort', onAbort);
          resolve();
          return;
        }
        timer = setTimeout(arm, Math.min(remaining, MAX_TIMEOUT_MS));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      arm();
    });
  }
}

interface Sleeper {
  at: number;
  resolve: () => void;
}

/** Time stands still until advance()/set(); sleepers whose time has come are woken in due order. */
export class VirtualClock implements Clock {
  private current: number;
  private sleepers: Sleeper[] = [];

  constructor(start: Date = new Date('2025-01-01T00:00:00.000Z')) {
    this.current = start.getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  sleepUntil(at: Date, signal?: AbortSignal): Promise<void> {
    if (at.getTime() <= this.current) return Promise.resolve();
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(abortError());
      const sleeper: Sleeper = {
        at: at.getTime(),
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = (): void => {
        this.sleepers = this.sleepers.filter((s) => s !== sleeper);
        reject(abortError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.sleepers.push(sleeper);
    });
  }

  advance(ms: number): Promise<void> {
    return this.set(new Date(this.current + ms));
  }

  /** Moves time to `at` (never backwards), waking sleepers one due time at a time so each sees its own "now". */
  async set(at: Date): Promise<void> {
    const target = Math.max(at.getTime(), this.current);
    for (;;) {
      const due = this.sleepers.filter((s) => s.at <= target).sort((a, b) => a.at - b.at);
      const first = due[0];
      if (!first) break;
      this.current = Math.max(this.current, first.at);
      const wake = due.filter((s) => s.at === first.at);
      this.sleepers = this.sleepers.filter((s) => !wake.includes(s));
      for (const s of wake) s.resolve();
      // Let the woken continuations run before the clock moves on.
      await new Promise((r) => setImmediate(r));
    }
    this.current = target;
  }
}
