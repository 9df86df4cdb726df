/**
 * Every id a message gets in an instance's (or entity's) inbox, and the ids derived from an orchestrator's task. They
 * live in one place because redelivery is recognised by id: a message sent twice (after a crash, on resume) must get
 * the same id both times, and a message whose id already sourced a history row is dropped.
 */
import { randomUUID } from 'node:crypto';

/** Executions are zero-padded so that ids of one instance sort by execution. */
function executionKey(execution: number): string {
  return String(execution).padStart(6, '0');
}

/** An execution's start (rebuilt from the instance row; the start message of older versions had this id too). */
export function startMessageId(execution: number): string {
  return `start-${executionKey(execution)}`;
}

/** The result of activity `taskId`, handed over in memory or (during a graceful stop) stored. */
export function taskResultId(execution: number, taskId: number): string {
  return `task-${executionKey(execution)}-${taskId}`;
}

export function timerFiredId(execution: number, timerId: number): string {
  return `timer-${executionKey(execution)}-${timerId}`;
}

/** A sub-orchestration's completion or failure, sent to the parent execution that scheduled task `taskId`. */
export function subOrchestrationResultId(parentExecution: number, taskId: number): string {
  return `sub-${executionKey(parentExecution)}-${taskId}`;
}

/** The id of whatever task `taskId` of an execution addresses elsewhere: a child's default instance id, an entity request id. */
export function taskScopedId(instanceId: string, execution: number, taskId: number): string {
  return `${instanceId}:${executionKey(execution)}:${taskId}`;
}

export function entityOperationId(requestId: string): string {
  return `op-${requestId}`;
}

export function entityResponseId(requestId: string): string {
  return `response-${requestId}`;
}

/** An event raised by a client: every raise is a new message. */
export function raisedEventId(): string {
  return `event-${randomUUID()}`;
}

/** A terminate/suspend/resume request: every request is a new message. */
export function controlMessageId(kind: 'terminate' | 'suspend' | 'resume'): string {
  return `${kind}-${randomUUID()}`;
}
