/**
 * The local Durable Functions engine: replays the real durable-functions library against history kept in Azure
 * tables (episodes: history in, actions out), runs activities and entity operations in-process, fires timers on
 * the engine's Clock, and serves the durable client's HTTP API on loopback. Episodes replay from the in-memory copy
 * of each instance (LiveInstances) and commit history + instance row in one conditional table transaction.
 */
import type { LogHandler } from '@azure/functions';
import { invokeActivity } from './activity-invocation';
import { RealClock, type Clock } from './clock';
import { ClientApiServer } from './client-api-server';
import { ConflictError, DurableStore, type HistoryRow, type InstanceRecord } from './durable-store';
import type { DurableEngine, DurableEngineOptions } from './engine-options';
import { resumeAll } from './engine-resume';
import { EntityHost } from './entity-host';
import { EventType, isTerminal, type HistoryEvent } from './history-events';
import { startedEntry, triageInbox } from './inbox-triage';
import { InstanceControl } from './instance-control';
import { LiveInstances } from './live-instances';
import { runOrchestrationEpisode } from './orchestration-episode';
import { PendingMessages } from './pending-messages';
import { installReplayRecorder, retryDelayMs, type ScheduledWork } from './replay-recorder';
import type { Handler } from './registry-from-registrations';
import { Limiter, WorkTracker } from './work-tracker';

function pad(n: number): string {
  return String(n).padStart(6, '0');
}

function lookup(map: Map<string, Handler>, name: string): Handler | undefined {
  const exact = map.get(name);
  if (exact) return exact;
  const lower = name.toLowerCase();
  for (const [key, handler] of map) if (key.toLowerCase() === lower) return handler;
  return undefined;
}

class AbandonedError extends Error {}

export class LocalDurableEngine implements DurableEngine {
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
  private readonly server: ClientApiServer;
  readonly entities: EntityHost;
  readonly control: InstanceControl;
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
    this.control = new InstanceControl(this);
    this.entities = new EntityHost(this);
    this.server = new ClientApiServer(this.control, options.taskHub, options.systemKey ?? '');
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
    await resumeAll(this);
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
      else await this.runEpisode(targetId);
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

  // ---- orchestration episodes -------------------------------------------------------------------------------

  private async runEpisode(instanceId: string): Promise<void> {
    const mark = this.pending.storedMark(instanceId);
    const [live, stored] = await Promise.all([this.live.load(instanceId), mark !== undefined ? this.store.readInbox(instanceId) : Promise.resolve([])]);
    const local = this.pending.localEntries(instanceId);
    const storedIds = new Set(stored.map((m) => m.id));
    const dropMessages = async (ids: string[]): Promise<void> => {
      await this.store.deleteFromInbox(instanceId, ids.filter((id) => storedIds.has(id)));
      this.pending.remove(instanceId, ids);
    };
    if (!live || isTerminal(live.record.runtimeStatus)) {
      // Messages to a finished (or purged) instance are dropped (the extension discards them too).
      if (live) await dropMessages([...stored, ...local].map((m) => m.id));
      else this.pending.remove(instanceId, local.map((m) => m.id));
      this.pending.clearStored(instanceId, mark);
      return;
    }
    const { record: instance, rows } = live;
    const inbox = [...stored, ...local].sort((a, b) => a.order - b.order);
    // The start of an execution is not a message: the instance row holds everything ExecutionStarted carries.
    if (rows.length === 0) inbox.unshift(startedEntry(instance));
    const now = this.clock.now();
    const stamp = now.toISOString();
    const { fresh, discard, status, terminateReason, heldBack } = triageInbox(instance, rows, inbox, stamp);
    const handled = [...discard, ...fresh.map((f) => f.source)];
    const finish = async (): Promise<void> => {
      await dropMessages(handled);
      const handledIds = new Set(handled);
      if (stored.every((m) => handledIds.has(m.id))) this.pending.clearStored(instanceId, mark);
    };
    if (fresh.length === 0) {
      await finish();
      return;
    }
    const started = rows.length > 0 || fresh.some((f) => f.event.EventType === EventType.ExecutionStarted);
    const header = { event: { EventType: EventType.OrchestratorStarted, EventId: -1, Timestamp: stamp }, source: '' };
    const footer = { event: { EventType: EventType.OrchestratorCompleted, EventId: -1, Timestamp: stamp }, source: '' };
    const next: InstanceRecord = { ...instance, runtimeStatus: status, lastUpdatedTime: stamp };
    delete next.legacyHistory;
    const newRows: HistoryRow[] = [header, ...fresh];
    const after: Array<() => void> = [];
    let notifyParent: { failed: boolean; text: string | undefined } | undefined;
    let continuedAsNew = false;

    if (terminateReason !== undefined) {
      next.runtimeStatus = 'Terminated';
      next.output = JSON.stringify(terminateReason);
      this.log({ event: 'instanceTerminated', instanceId });
    } else if (status === 'Suspended' || !started) {
      // Only control events: record them without running the orchestrator.
    } else {
      const handler = lookup(this.options.registry.orchestrations, instance.name);
      const result = handler
        ? await runOrchestrationEpisode({
            handler,
            name: instance.name,
            instanceId,
            parentInstanceId: instance.parentInstanceId,
            past: rows.map((r) => r.event),
            fresh: newRows.map((r) => r.event),
            logHandler: this.logHandlerFor(instance.name),
          })
        : { outcome: { kind: 'failed' as const, message: `The function '${instance.name}' doesn't exist, is disabled, or is not an orchestrator function.`, details: '' }, customStatus: undefined, newWork: [] };
      next.customStatus = result.customStatus;
      if (next.runtimeStatus === 'Pending') next.runtimeStatus = 'Running';
      for (const work of result.newWork) newRows.push({ event: await this.schedule(instance, work, now, after), source: '' });
      const outcome = result.outcome;
      if (outcome.kind === 'completed') {
        newRows.push({ event: { EventType: EventType.ExecutionCompleted, EventId: -1, Timestamp: stamp, OrchestrationStatus: 'Completed', Result: outcome.output }, source: '' });
        next.runtimeStatus = 'Completed';
        next.output = outcome.output;
        notifyParent = { failed: false, text: outcome.output };
        this.log({ event: 'instanceCompleted', instanceId });
      } else if (outcome.kind === 'failed') {
        newRows.push({ event: { EventType: EventType.ExecutionCompleted, EventId: -1, Timestamp: stamp, OrchestrationStatus: 'Failed', Result: outcome.message, Details: outcome.details }, source: '' });
        next.runtimeStatus = 'Failed';
        next.output = JSON.stringify(outcome.message);
        notifyParent = { failed: true, text: outcome.message };
        this.log({ event: 'instanceFailed', instanceId });
      } else if (outcome.kind === 'continuedAsNew') {
        newRows.push({ event: { EventType: EventType.ContinueAsNew, EventId: -1, Timestamp: stamp, Input: outcome.input }, source: '' });
        continuedAsNew = true;
        const execution = instance.execution + 1;
        // The next execution starts from the committed instance row (see startedEntry); old history goes after commit.
        next.input = outcome.input;
        next.customStatus = undefined;
        next.runtimeStatus = 'Running';
        after.push(() => {
          void this.store.deleteHistory(instanceId, execution).catch(() => undefined);
          this.wake(instanceId);
        });
        this.log({ event: 'instanceContinuedAsNew', instanceId, execution });
      }
    }
    newRows.push(footer);
    if (notifyParent && instance.parentInstanceId !== undefined && instance.parentTaskId !== undefined) {
      await this.control.notifyParent(instance, notifyParent.failed, notifyParent.text, stamp);
    }
    // Commit point: history rows and the instance row under its etag, in one table transaction.
    const history = [...rows, ...newRows];
    const committed: InstanceRecord = continuedAsNew ? { ...next, execution: instance.execution + 1, historyLength: 0 } : { ...next, historyLength: history.length };
    const etag = await this.store.commit(instance.execution, live.stored, history.slice(live.stored), committed);
    this.live.remember({ ...committed, etag }, continuedAsNew ? [] : history);
    await finish();
    for (const action of after) action();
    if (heldBack && committed.runtimeStatus !== 'Suspended') this.wake(instanceId);
  }

  taskMessageId(execution: number, taskId: number): string {
    return `task-${pad(execution)}-${taskId}`;
  }

  /** Turns one newly scheduled piece of work into its history event; side effects on other instances happen now (idempotently), local work after commit. */
  private async schedule(instance: InstanceRecord, work: ScheduledWork, now: Date, after: Array<() => void>): Promise<HistoryEvent> {
    const base = { EventId: work.id, Timestamp: now.toISOString() };
    const { instanceId, execution } = instance;
    switch (work.kind) {
      case 'activity':
        after.push(() => this.dispatchActivity(instanceId, execution, work.id, work.name, work.input));
        return { ...base, EventType: EventType.TaskScheduled, Name: work.name, Input: work.input };
      case 'timer':
      case 'retryTimer': {
        const fireAt = work.kind === 'timer' ? work.fireAt : new Date(now.getTime() + retryDelayMs(work.policy, work.attempt));
        after.push(() => this.armTimer(instanceId, execution, work.id, fireAt));
        return { ...base, EventType: EventType.TimerCreated, FireAt: fireAt.toISOString() };
      }
      case 'subOrchestration': {
        const childId = work.instanceId ?? `${instanceId}:${pad(execution)}:${work.id}`;
        await this.control.startSubOrchestration(instance, work.id, work.name, childId, work.input);
        return { ...base, EventType: EventType.SubOrchestrationInstanceCreated, Name: work.name, InstanceId: childId, Input: work.input };
      }
      case 'entityCall':
      case 'entitySignal': {
        const requestId = `${instanceId}:${pad(execution)}:${work.id}`;
        const event: HistoryEvent = {
          ...base,
          EventType: EventType.EventSent,
          InstanceId: work.target,
          Name: work.operation,
          Input: JSON.stringify({ id: requestId, op: work.operation, signal: work.kind === 'entitySignal', input: work.input, parent: instanceId, parentExecution: execution }),
        };
        await this.entities.deliverFromHistory(instance, event);
        return event;
      }
      case 'unsupported':
        throw new Error(`unsupported work reached scheduling: ${work.what}`);
    }
  }

  // ---- activities and timers --------------------------------------------------------------------------------

  dispatchActivity(instanceId: string, execution: number, taskId: number, name: string, input: string | undefined): void {
    const key = `${instanceId}|${execution}|${taskId}`;
    if (this.stopped || this.runningActivities.has(key)) return;
    this.runningActivities.add(key);
    void this.work.track(async () => {
      try {
        const handler = lookup(this.options.registry.activities, name);
        this.log({ event: 'activityStarted', instanceId, function: name, taskId });
        const event = await this.activityLimiter.run(() => {
          // A killed process runs nothing more, not even activities that were waiting for a slot.
          if (this.abandoned) throw new AbandonedError('durable engine was abandoned');
          return invokeActivity({ handler, name, taskId, input, clock: this.clock, logHandler: this.logHandlerFor(name) });
        });
        this.log({ event: event.EventType === EventType.TaskCompleted ? 'activityCompleted' : 'activityFailed', instanceId, function: name, taskId });
        const message = { kind: 'event' as const, execution, event };
        // Results are handed over in memory (see PendingMessages). During a graceful stop no episode will run any
        // more, so the result is stored for the next start instead of making it run the activity again.
        if (this.stopped) await this.store.sendToInbox(instanceId, this.taskMessageId(execution, taskId), message);
        else this.pending.deliver(instanceId, this.taskMessageId(execution, taskId), message);
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
    this.clock.sleepUntil(fireAt, controller.signal).then(
      () => {
        this.timers.delete(key);
        if (this.stopped) return;
        const event: HistoryEvent = { EventType: EventType.TimerFired, EventId: -1, Timestamp: this.clock.now().toISOString(), TimerId: timerId, FireAt: fireAt.toISOString() };
        this.pending.deliver(instanceId, `timer-${pad(execution)}-${timerId}`, { kind: 'event', execution, event });
        this.wake(instanceId);
      },
      () => this.timers.delete(key),
    );
  }
}

export function createDurableEngine(options: DurableEngineOptions): DurableEngine {
  return new LocalDurableEngine(options);
}
