/**
 * Resume after a restart: from an unfinished instance's committed history, the work it still waits for — computed,
 * not dispatched (the engine dispatches it, and every piece is idempotent).
 */
import type { InstanceRecord } from '../../../../local/host/durable/durable-store';
import { pendingWork } from '../../../../local/host/durable/engine-resume';
import { EventType, type HistoryEvent } from '../../../../local/host/durable/history-events';
import { taskResultId } from '../../../../local/host/durable/message-ids';

const T = '2026-05-01T08:00:00.000Z';
const instance: InstanceRecord = { instanceId: 'order-1', name: 'order', runtimeStatus: 'Running', createdTime: T, lastUpdatedTime: T, execution: 2, historyLength: 0 };

function event(e: Partial<HistoryEvent> & { EventType: number; EventId: number }): HistoryEvent {
  return { Timestamp: T, ...e } as HistoryEvent;
}

describe('the work an unfinished instance still waits for', () => {
  it('is every activity without a result, timer not fired, sub-orchestration not finished and entity message, in history order', () => {
    const history = [
      event({ EventType: EventType.ExecutionStarted, EventId: -1, Name: 'order' }),
      event({ EventType: EventType.TaskScheduled, EventId: 0, Name: 'done-activity' }),
      event({ EventType: EventType.TaskCompleted, EventId: -1, TaskScheduledId: 0, Result: '1' }),
      event({ EventType: EventType.TaskScheduled, EventId: 1, Name: 'running-activity', Input: '{"n":1}' }),
      event({ EventType: EventType.TimerCreated, EventId: 2, FireAt: '2026-05-01T09:00:00.000Z' }),
      event({ EventType: EventType.TimerCreated, EventId: 3, FireAt: '2026-05-01T08:30:00.000Z' }),
      event({ EventType: EventType.TimerFired, EventId: -1, TimerId: 3 }),
      event({ EventType: EventType.SubOrchestrationInstanceCreated, EventId: 4, Name: 'child', InstanceId: 'order-1:child', Input: '{}' }),
      event({ EventType: EventType.EventSent, EventId: 5, InstanceId: '@counter@k', Name: 'add' }),
      event({ EventType: EventType.EventSent, EventId: 6, InstanceId: 'other-instance', Name: 'hello' }),
    ];
    expect(pendingWork(instance, history, [])).toEqual([
      { kind: 'activity', taskId: 1, name: 'running-activity', input: '{"n":1}' },
      { kind: 'timer', timerId: 2, fireAt: new Date('2026-05-01T09:00:00.000Z') },
      { kind: 'subOrchestration', taskId: 4, name: 'child', childId: 'order-1:child', input: '{}' },
      { kind: 'entityMessage', event: history[8] },
    ]);
  });

  it('leaves out an activity whose result already waits in the stored inbox (stored by a graceful stop)', () => {
    const history = [event({ EventType: EventType.TaskScheduled, EventId: 0, Name: 'stopped-activity' })];
    const stored = { id: taskResultId(instance.execution, 0), order: 1, message: { kind: 'event' as const, execution: 2, event: event({ EventType: EventType.TaskCompleted, EventId: -1, TaskScheduledId: 0 }) } };
    expect(pendingWork(instance, history, [stored])).toEqual([]);
  });
});
