/** A governor clock on virtual time: sleeps resolve only when a spec advances the clock (no real waiting). */
import type { GovernorClock } from '../../connectors/amazon';

export class VirtualGovernorClock implements GovernorClock {
  private t: number;
  private timers: Array<{ at: number; resolve: () => void }> = [];

  constructor(start = 0) {
    this.t = start;
  }

  now = (): number => this.t;
  sleep = (ms: number): Promise<void> => new Promise((resolve) => { this.timers.push({ at: this.t + ms, resolve }); });

  /** Moves time forward, firing due timers in order and letting promise callbacks run between them. */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      await flushMicrotasks();
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers[0];
      if (!next || next.at > end) break;
      this.timers.shift();
      this.t = next.at;
      next.resolve();
    }
    this.t = end;
    await flushMicrotasks();
  }
}

export async function flushMicrotasks(): Promise<void> {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
}
