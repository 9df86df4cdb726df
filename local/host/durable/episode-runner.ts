/**
 * One orchestration episode: the instance's waiting messages in, the orchestrator replayed over its history, the new
 * history rows and instance row committed in one conditional table transaction, then the new work dispatched (local
 * work only after the commit; messages to other instances before it, idempotently).
 */
import type { HistoryRow, InstanceRecord } from './durable-store';
import type { EngineContext } from './engine-context';
import type { EntityHost } from './entity-host';
import { EventType, isTerminal, type HistoryEvent } from './history-events';
import { startedEntry, triageInbox } from './inbox-triage';
import type { InstanceControl } from './instance-control';
import { taskScopedId } from './message-ids';
import { runOrchestrationEpisode } from './orchestration-episode';
import { findHandler } from './registry-from-registrations';
import { retryDelayMs, type ScheduledWork } from './replay-recorder';

export class EpisodeRunner {
  constructor(
    private readonly engine: EngineContext,
    private readonly control: InstanceControl,
    private readonly entities: EntityHost,
  ) {}

  async run(instanceId: string): Promise<void> {
    const mark = this.engine.pending.storedMark(instanceId);
    const [live, stored] = await Promise.all([
      this.engine.live.load(instanceId),
      mark !== undefined ? this.engine.store.readInbox(instanceId) : Promise.resolve([]),
    ]);
    const local = this.engine.pending.localEntries(instanceId);
    const storedIds = new Set(stored.map((m) => m.id));
    const dropMessages = async (ids: string[]): Promise<void> => {
      await this.engine.store.deleteFromInbox(
        instanceId,
        ids.filter((id) => storedIds.has(id)),
      );
      this.engine.pending.remove(instanceId, ids);
    };
    if (!live || isTerminal(live.record.runtimeStatus)) {
      // Messages to a finished (or purged) instance are dropped (the extension discards them too).
      if (live) await dropMessages([...stored, ...local].map((m) => m.id));
      else
        this.engine.pending.remove(
          instanceId,
          local.map((m) => m.id),
        );
      this.engine.pending.clearStored(instanceId, mark);
      return;
    }
    const { record: instance, rows } = live;
    const inbox = [...stored, ...local].sort((a, b) => a.order - b.order);
    // The start of an execution is not a message: the instance row holds everything ExecutionStarted carries.
    if (rows.length === 0) inbox.unshift(startedEntry(instance));
    const now = this.engine.clock.now();
    const stamp = now.toISOString();
    const { fresh, discard, status, terminateReason, heldBack } = triageInbox(instance, rows, inbox, stamp);
    const handled = [...discard, ...fresh.map((f) => f.source)];
    const finish = async (): Promise<void> => {
      await dropMessages(handled);
      const handledIds = new Set(handled);
      if (stored.every((m) => handledIds.has(m.id))) this.engine.pending.clearStored(instanceId, mark);
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
      this.engine.log({ event: 'instanceTerminated', instanceId });
    } else if (status === 'Suspended' || !started) {
      // Only control events: record them without running the orchestrator.
    } else {
      const handler = findHandler(this.engine.registry.orchestrations, instance.name);
      const result = handler
        ? await runOrchestrationEpisode({
            handler,
            name: instance.name,
            instanceId,
            parentInstanceId: instance.parentInstanceId,
            past: rows.map((r) => r.event),
            fresh: newRows.map((r) => r.event),
            logHandler: this.engine.logHandlerFor(instance.name),
          })
        : {
            outcome: {
              kind: 'failed' as const,
              message: `The function '${instance.name}' doesn't exist, is disabled, or is not an orchestrator function.`,
              details: '',
            },
            customStatus: undefined,
            newWork: [],
          };
      next.customStatus = result.customStatus;
      if (next.runtimeStatus === 'Pending') next.runtimeStatus = 'Running';
      for (const work of result.newWork) newRows.push({ event: await this.schedule(instance, work, now, after), source: '' });
      const outcome = result.outcome;
      if (outcome.kind === 'completed') {
        newRows.push({
          event: { EventType: EventType.ExecutionCompleted, EventId: -1, Timestamp: stamp, OrchestrationStatus: 'Completed', Result: outcome.output },
          source: '',
        });
        next.runtimeStatus = 'Completed';
        next.output = outcome.output;
        notifyParent = { failed: false, text: outcome.output };
        this.engine.log({ event: 'instanceCompleted', instanceId });
      } else if (outcome.kind === 'failed') {
        newRows.push({
          event: {
            EventType: EventType.ExecutionCompleted,
            EventId: -1,
            Timestamp: stamp,
            OrchestrationStatus: 'Failed',
            Result: outcome.message,
            Details: outcome.details,
          },
          source: '',
        });
        next.runtimeStatus = 'Failed';
        next.output = JSON.stringify(outcome.message);
        notifyParent = { failed: true, text: outcome.message };
        this.engine.log({ event: 'instanceFailed', instanceId });
      } else if (outcome.kind === 'continuedAsNew') {
        newRows.push({ event: { EventType: EventType.ContinueAsNew, EventId: -1, Timestamp: stamp, Input: outcome.input }, source: '' });
        continuedAsNew = true;
        const execution = instance.execution + 1;
        // The next execution starts from the committed instance row (see startedEntry); old history goes after commit.
        next.input = outcome.input;
        next.customStatus = undefined;
        next.runtimeStatus = 'Running';
        after.push(() => {
          void this.engine.store.deleteHistory(instanceId, execution).catch(() => undefined);
          this.engine.wake(instanceId);
        });
        this.engine.log({ event: 'instanceContinuedAsNew', instanceId, execution });
      }
    }
    newRows.push(footer);
    if (notifyParent && instance.parentInstanceId !== undefined && instance.parentTaskId !== undefined) {
      await this.control.notifyParent(instance, notifyParent.failed, notifyParent.text, stamp);
    }
    // Commit point: history rows and the instance row under its etag, in one table transaction.
    const history = [...rows, ...newRows];
    const committed: InstanceRecord = continuedAsNew
      ? { ...next, execution: instance.execution + 1, historyLength: 0 }
      : { ...next, historyLength: history.length };
    const etag = await this.engine.store.commit(instance.execution, live.stored, history.slice(live.stored), committed);
    this.engine.live.remember({ ...committed, etag }, continuedAsNew ? [] : history);
    await finish();
    for (const action of after) action();
    if (heldBack && committed.runtimeStatus !== 'Suspended') this.engine.wake(instanceId);
  }

  /** Turns one newly scheduled piece of work into its history event; side effects on other instances happen now (idempotently), local work after commit. */
  private async schedule(instance: InstanceRecord, work: ScheduledWork, now: Date, after: Array<() => void>): Promise<HistoryEvent> {
    const base = { EventId: work.id, Timestamp: now.toISOString() };
    const { instanceId, execution } = instance;
    switch (work.kind) {
      case 'activity':
        after.push(() => this.engine.dispatchActivity(instanceId, execution, work.id, work.name, work.input));
        return { ...base, EventType: EventType.TaskScheduled, Name: work.name, Input: work.input };
      case 'timer':
      case 'retryTimer': {
        const fireAt = work.kind === 'timer' ? work.fireAt : new Date(now.getTime() + retryDelayMs(work.policy, work.attempt));
        after.push(() => this.engine.armTimer(instanceId, execution, work.id, fireAt));
        return { ...base, EventType: EventType.TimerCreated, FireAt: fireAt.toISOString() };
      }
      case 'subOrchestration': {
        const childId = work.instanceId ?? taskScopedId(instanceId, execution, work.id);
        await this.control.startSubOrchestration(instance, work.id, work.name, childId, work.input);
        return { ...base, EventType: EventType.SubOrchestrationInstanceCreated, Name: work.name, InstanceId: childId, Input: work.input };
      }
      case 'entityCall':
      case 'entitySignal': {
        const requestId = taskScopedId(instanceId, execution, work.id);
        const event: HistoryEvent = {
          ...base,
          EventType: EventType.EventSent,
          InstanceId: work.target,
          Name: work.operation,
          Input: JSON.stringify({
            id: requestId,
            op: work.operation,
            signal: work.kind === 'entitySignal',
            input: work.input,
            parent: instanceId,
            parentExecution: execution,
          }),
        };
        await this.entities.deliverFromHistory(instance, event);
        return event;
      }
      case 'unsupported':
        throw new Error(`unsupported work reached scheduling: ${work.what}`);
    }
  }
}
