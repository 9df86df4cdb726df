/** Simulated time: real elapsed time multiplied by the time scale, plus manual advances, so rate limits and token lifetimes run faster in tests and benchmarks. */

export interface SimClock {
  /** Simulated epoch milliseconds. */
  now(): number;
  readonly timeScale: number;
  /** Moves simulated time forward (tests). */
  advance(ms: number): void;
}

export function createSimClock(timeScale = 1, realNow: () => number = Date.now): SimClock {
  const origin = realNow();
  let offset = 0;
  return {
    timeScale,
    now: () => origin + (realNow() - origin) * timeScale + offset,
    advance: (ms: number) => { offset += ms; },
  };
}
