/**
 * The local Durable Functions engine: replays the real durable-functions library against history kept in Azure
 * tables (episodes: history in, actions out), runs activities and entity operations in-process, fires timers on
 * the engine's Clock, and serves the durable client's HTTP API on loopback. This module owns scheduling (wake, the
 * concurrency limits), activities, timers and resume; episodes run in episode-runner.ts. Collaborators see the engine
 * only as an EngineContext.
 */
import type { LogHandler } from '@azure/functions';
import { invokeActivity } from './activity-invocation';
import { RealClock, type Clock } from './clock';
import { ClientApiServer } from './client-api-server';
import { ConflictError, DurableStore, type InstanceRecord } from './durable-store';
import type { EngineContext } from './engine-context';
import type { DurableEngine, DurableEngineOptions } from './engine-options';
import { pendingWork, type PendingWork } from './engine-resume';
import { EntityHost } from './entity-host';
import { EpisodeRunner } from './episode-runner';
import { EventType, isTerminal, type HistoryEvent } from './history-events';
import { InstanceControl } from './instance-control';
import { LiveInstances } from './live-instances';
import { taskResultId, timerFiredId } from './message-ids';
import { PendingMessages } from './pending-messages';
import { installReplayRecorder } from './replay-recorder';
import { findHandler, type DurableRegistry } from './registry-from-registrations';
import { Limiter, WorkTracker } from './work-tracker';

class AbandonedError extends Error {}

export class LocalDurableEngine implements DurableEngine, EngineContext {
  readonly store: DurableStore;
  readonly live: LiveInstances;
  readonly pending = new PendingMessages();
  readonly clock: Clock;
  readonly work = new WorkTracker();
  private readonly activityLimiter: Limiter;
  private readonly episodeLimiter: Limiter;
  private readonly wakeState = new Map<string, 'running' | 'again'>();
  private readonly timers = new Map<string, AbortController>();
  private readonly runningActivities = new Set<string>();
  /** Instances whose latest activity failed: a short timer they arm next is the backoff of an activity's retry. */
  private readonly lastActivityFailed = new Set<string>();
  private readonly server: ClientApiServer;
  readonly entities: EntityHost;
  readonly control: InstanceControl;
  private readonly episodes: EpisodeRunner;
  private abandoned = false;
  private stopped = false;

  constructor(readonly options: DurableEngineOptions) {
    installReplayRecorder();
    this.clock = options.clock ?? new RealClock();
    this.store = new DurableStore({
      connectionString: options.connectionString,
      taskHub: options.taskHub,
      guard: () => {
        if (this.abandoned) throw new AbandonedError('durable engine was abandoned');
      },
      onInboxWrite: (targetId) => this.pending.markStored(targetId),
    });
    this.live = new LiveInstances(this.store);
    this.activityLimiter = new Limiter(options.maxConcurrentActivities ?? 10);
    this.episodeLimiter = new Limiter(options.maxConcurrentOrchestrations ?? 10);
    this.entities = new EntityHost(this);
    this.control = new InstanceControl(this, this.entities);
    this.episodes = new EpisodeRunner(this, this.control, this.entities);
    this.server = new ClientApiServer(this.control, options.taskHub, options.systemKey ?? '');
  }

  get registry(): DurableRegistry {
    return this.options.registry;
  }

  get clientBaseUrl(): string {
    return this.server.baseUrl;
  }

  log(entry: Record<string, unknown>): void {
    this.options.log?.({ component: 'durable', ...entry });
  }

  logHandlerFor(functionName: string): LogHandler {
    return (level, ...args) => this.log({ event: 'functionLog', function: functionName, level, message: args.map(String).join(' ') });
  }

  async start(): Promise<void> {
    await this.store.ensure();
    await this.server.listen();
    await this.resumeAll();
    this.log({ event: 'engineStarted', clientBaseUrl: this.clientBaseUrl });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const controller of this.timers.values()) controller.abort();
    this.timers.clear();
    await this.server.close();
    await this.work.whenIdle();
    this.log({ event: 'engineStopped' });
  }

  /** Simulates a killed process: nothing more is written, timers die, the HTTP server closes. For crash tests. */
  async abandon(): Promise<void> {
    this.abandoned = true;
    this.stopped = true;
    for (const controller of this.timers.values()) controller.abort();
    this.timers.clear();
    await this.server.close();
  }

  clientInputData(): unknown {
    return this.server.clientInputData();
  }

  whenIdle(): Promise<void> {
    return this.work.whenIdle();
  }

  // ---- scheduling -------------------------------------------------------------------------------------------

  /** Runs the instance (orchestration episode or entity batch) soon; serialized per instance. */
  wake(targetId: string): void {
    if (this.stopped) return;
    const state = this.wakeState.get(targetId);
    if (state) {
      this.wakeState.set(targetId, 'again');
      return;
    }
    this.wakeState.set(targetId, 'running');
    void this.work.track(async () => {
      try {
        do {
          this.wakeState.set(targetId, 'running');
          await this.episodeLimiter.run(() => this.runOnce(targetId));
        } while (this.wakeState.get(targetId) === 'again' && !this.stopped);
      } finally {
        this.wakeState.delete(targetId);
      }
    });
  }

  private async runOnce(targetId: string): Promise<void> {
    try {
      if (targetId.startsWith('@')) await this.entities.process(targetId);
      else await this.episodes.run(targetId);
    } catch (error) {
      if (error instanceof AbandonedError) return;
      // Whatever failed, the in-memory copy may no longer match storage: the next episode reads it again.
      this.live.forget(targetId);
      if (error instanceof ConflictError) {
        this.log({ event: 'conflict', instanceId: targetId });
        this.wakeState.set(targetId, 'again');
        return;
      }
      this.log({ event: 'engineError', instanceId: targetId, error: error instanceof Error ? error.message : String(error) });
    }
  }

  // ---- resume after a restart --------------------------------------------------------------------------------

  /** Every unfinished instance in storage gets its pending work dispatched again and is woken; so is every target with stored messages. */
  private async resumeAll(): Promise<void> {
    const targets = new Set(await this.store.inboxTargets());
    for (const target of targets) this.pending.markStored(target);
    for (const instance of await this.store.listInstances()) {
      if (isTerminal(instance.runtimeStatus)) continue;
      const live = await this.live.load(instance.instanceId);
      if (!live) continue;
      const inbox = targets.has(instance.instanceId) ? await this.store.readInbox(instance.instanceId) : [];
      for (const work of pendingWork(
        live.record,
        live.rows.map((r) => r.event),
        inbox,
      ))
        await this.redispatch(live.record, work);
      this.log({ event: 'instanceResumed', instanceId: instance.instanceId });
      this.wake(instance.instanceId);
    }
    for (const target of targets) this.wake(target);
  }

  private async redispatch(instance: InstanceRecord, work: PendingWork): Promise<void> {
    switch (work.kind) {
      case 'activity':
        return this.dispatchActivity(instance.instanceId, instance.execution, work.taskId, work.name, work.input);
      case 'timer':
        return this.armTimer(instance.instanceId, instance.execution, work.timerId, work.fireAt);
      case 'subOrchestration':
        return this.control.startSubOrchestration(instance, work.taskId, work.name, work.childId, work.input);
      case 'entityMessage':
        return this.entities.deliverFromHistory(instance, work.event);
    }
  }

  // ---- activities and timers --------------------------------------------------------------------------------

  dispatchActivity(instanceId: string, execution: number, taskId: number, name: string, input: string | undefined): void {
    const key = `${instanceId}|${execution}|${taskId}`;
    if (this.stopped || this.runningActivities.has(key)) return;
    this.runningActivities.add(key);
    void this.work.track(async () => {
      try {
        const handler = findHandler(this.registry.activities, name);
        this.log({ event: 'activityStarted', instanceId, function: name, taskId });
        const event = await this.activityLimiter.run(() => {
          // A killed process runs nothing more, not even activities that were waiting for a slot.
          if (this.abandoned) throw new AbandonedError('durable engine was abandoned');
          return invokeActivity({ handler, name, taskId, input, clock: this.clock, logHandler: this.logHandlerFor(name) });
        });
        this.log({ event: event.EventType === EventType.TaskCompleted ? 'activityCompleted' : 'activityFailed', instanceId, function: name, taskId });
        if (event.EventType === EventType.TaskCompleted) this.lastActivityFailed.delete(instanceId);
        else this.lastActivityFailed.add(instanceId);
        const message = { kind: 'event' as const, execution, event };
        // Results are handed over in memory (see PendingMessages). During a graceful stop no episode will run any
        // more, so the result is stored for the next start instead of making it run the activity again.
        if (this.stopped) await this.store.sendToInbox(instanceId, taskResultId(execution, taskId), message);
        else this.pending.deliver(instanceId, taskResultId(execution, taskId), message);
        this.wake(instanceId);
      } catch (error) {
        if (!(error instanceof AbandonedError)) this.log({ event: 'engineError', instanceId, error: error instanceof Error ? error.message : String(error) });
      } finally {
        this.runningActivities.delete(key);
      }
    });
  }

  armTimer(instanceId: string, execution: number, timerId: number, fireAt: Date): void {
    const key = `${instanceId}|${execution}|${timerId}`;
    if (this.stopped || this.timers.has(key)) return;
    const controller = new AbortController();
    this.timers.set(key, controller);
    const fired = this.clock.sleepUntil(fireAt, controller.signal).then(
      () => {
        this.timers.delete(key);
        if (this.stopped) return;
        const event: HistoryEvent = {
          EventType: EventType.TimerFired,
          EventId: -1,
          Timestamp: this.clock.now().toISOString(),
          TimerId: timerId,
          FireAt: fireAt.toISOString(),
        };
        this.pending.deliver(instanceId, timerFiredId(execution, timerId), { kind: 'event', execution, event });
        this.wake(instanceId);
      },
      () => this.timers.delete(key),
    );
    // The backoff of an activity's retry (callActivityWithRetry: 5 s, 10 s, 20 s …) is an activity call still in
    // progress, not a quiet instance: on the real clock, whenIdle() waits for it when it is due soon. Longer timers
    // (an outage pause, a pending order's recheck, awaited events) stay uncounted, as does every timer on a virtual
    // clock, which only moves when a test advances it.
    if (
      this.clock instanceof RealClock &&
      this.lastActivityFailed.has(instanceId) &&
      fireAt.getTime() - this.clock.now().getTime() <= RETRY_BACKOFF_COUNTED_MS
    ) {
      void this.work.track(() => fired);
    }
  }
}

/** Timers due within this long after a failed activity count as work in progress (whenIdle waits for them). */
const RETRY_BACKOFF_COUNTED_MS = 30_000;

export function createDurableEngine(options: DurableEngineOptions): DurableEngine {
  return new LocalDurableEngine(options);
}
