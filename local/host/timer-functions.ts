/** Timer triggers: run on demand (admin API, invokeTimer) and, when enabled, on their NCRONTAB schedule against the host clock. */
import type { Timer } from '@azure/functions';
import type { Clock } from './durable';
import { triggerOf, type FunctionRegistration } from './registrations';
import { parseSchedule, type Schedule } from './ncrontab';
import { createInvocationContext, type InvocationServices } from './invocation-context';
import { hostLog } from './log-sink';

interface TimerFunction {
  registration: FunctionRegistration;
  schedule: Schedule;
  runOnStartup: boolean;
  last?: Date;
}

export class TimerFunctions {
  private readonly timers = new Map<string, TimerFunction>();
  private readonly abort = new AbortController();
  private readonly loops: Promise<void>[] = [];

  constructor(
    registrations: FunctionRegistration[],
    private readonly clock: Clock,
    private readonly services: InvocationServices,
    private readonly track: <T>(work: Promise<T>) => Promise<T>,
  ) {
    for (const registration of registrations) {
      const trigger = triggerOf(registration);
      if (trigger.type !== 'timerTrigger') continue;
      this.timers.set(registration.name.toLowerCase(), {
        registration,
        schedule: parseSchedule(String(trigger.schedule)),
        runOnStartup: trigger.runOnStartup === true,
      });
    }
  }

  has(name: string): boolean {
    return this.timers.has(name.toLowerCase());
  }

  names(): string[] {
    return [...this.timers.values()].map((t) => t.registration.name);
  }

  /** Runs the timer function now and resolves when it finished; a failure rejects (and is logged). */
  async invoke(name: string, isPastDue = false): Promise<void> {
    const timer = this.timers.get(name.toLowerCase());
    if (!timer) throw new Error(`no timer function named "${name}"`);
    const now = this.clock.now();
    // The shape the Functions host passes a timer trigger (@azure/functions Timer).
    const input: Timer = {
      isPastDue,
      schedule: { adjustForDST: false },
      scheduleStatus: { last: (timer.last ?? new Date(0)).toISOString(), next: timer.schedule.next(now).toISOString(), lastUpdated: now.toISOString() },
    };
    timer.last = now;
    const context = createInvocationContext(timer.registration, this.services);
    try {
      await this.track(Promise.resolve(timer.registration.handler(input, context)));
    } catch (error) {
      hostLog(this.services.sink, 'error', `Executed '${timer.registration.name}' (Failed): ${error instanceof Error ? error.message : String(error)}`, { function: timer.registration.name, invocationId: context.invocationId });
      throw error;
    }
  }

  /** Starts one loop per timer that sleeps on the clock until the next occurrence (virtual clocks fire on advance()). */
  startSchedules(): void {
    for (const timer of this.timers.values()) {
      this.loops.push(this.loop(timer));
    }
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await Promise.allSettled(this.loops);
  }

  private async loop(timer: TimerFunction): Promise<void> {
    const signal = this.abort.signal;
    if (timer.runOnStartup) await this.invoke(timer.registration.name).catch(() => undefined);
    while (!signal.aborted) {
      const due = timer.schedule.next(this.clock.now());
      try {
        await this.clock.sleepUntil(due, signal);
      } catch {
        return;
      }
      if (signal.aborted) return;
      await this.invoke(timer.registration.name).catch(() => undefined);
    }
  }
}
