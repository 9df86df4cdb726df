/**
 * Learns which sequence id the replay gave each durable task. durable-functions assigns ids inside its executor
 * (TaskOrchestrationExecutor.trackOpenTask / recordFireAndForgetAction) and does not return them; the Durable
 * extension recomputes them on its side. We are in-process with the pinned library (3.5.0), so we observe its
 * assignments directly: that also covers the ids it takes without emitting an action (retry timers and
 * reschedules of callActivityWithRetry, the chunks of a long timer).
 */
import { ActionType } from './history-events';

/** The part of the library's internal objects we read; everything is checked before use. */
interface TaskView {
  id?: unknown;
  actionObj?: unknown;
  parent?: unknown;
  children?: unknown;
  retryOptions?: unknown;
  innerTask?: unknown;
}

export interface RetryPolicy {
  firstRetryIntervalInMilliseconds: number;
  maxNumberOfAttempts: number;
  backoffCoefficient: number;
  maxRetryIntervalInMilliseconds: number;
}

/** What the replay asked for at one sequence id. */
export type ScheduledWork =
  | { kind: 'activity'; id: number; name: string; input: string | undefined }
  | { kind: 'subOrchestration'; id: number; name: string; instanceId: string | undefined; input: string | undefined }
  | { kind: 'timer'; id: number; fireAt: Date }
  | { kind: 'retryTimer'; id: number; attempt: number; policy: RetryPolicy }
  | { kind: 'entityCall'; id: number; target: string; operation: string; input: string | undefined }
  | { kind: 'entitySignal'; id: number; target: string; operation: string; input: string | undefined }
  | { kind: 'unsupported'; id: number; what: string };

const RECORD = Symbol.for('m3sync.durable.replayRecord');
const PATCHED = Symbol.for('m3sync.durable.replayRecorderInstalled');
type Recorded = Array<{ id: number; task?: TaskView; action?: unknown }>;

function isObject(value: unknown): value is Record<string | symbol, unknown> {
  return typeof value === 'object' && value !== null;
}

let installed = false;

/** Wraps the executor's id assignment once per process (module registry), keeping the original behaviour. */
export function installReplayRecorder(): void {
  if (installed) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod: unknown = require('durable-functions/lib/src/orchestrations/TaskOrchestrationExecutor');
  const executorClass = isObject(mod) ? mod.TaskOrchestrationExecutor : undefined;
  const proto: unknown = typeof executorClass === 'function' ? executorClass.prototype : undefined;
  if (!isObject(proto) || typeof proto.trackOpenTask !== 'function' || typeof proto.recordFireAndForgetAction !== 'function') {
    throw new Error('durable-functions internals changed: TaskOrchestrationExecutor.trackOpenTask not found (pin durable-functions 3.5.0)');
  }
  if (proto[PATCHED]) {
    installed = true;
    return;
  }
  const originalTrack = proto.trackOpenTask as (this: unknown, task: unknown) => void;
  const originalFireAndForget = proto.recordFireAndForgetAction as (this: unknown, action: unknown, inc?: number) => void;
  proto.trackOpenTask = function trackOpenTask(this: Record<string | symbol, unknown>, task: unknown): void {
    const before = isObject(task) ? task.id : undefined;
    originalTrack.call(this, task);
    if (isObject(task) && before === false && typeof task.id === 'number') recordOf(this).push({ id: task.id, task });
  };
  proto.recordFireAndForgetAction = function recordFireAndForgetAction(this: Record<string | symbol, unknown>, action: unknown, inc?: number): void {
    const id = this.sequenceNumber;
    const willContinueAsNew = this.willContinueAsNew === true;
    originalFireAndForget.call(this, action, inc);
    if (!willContinueAsNew && typeof id === 'number') recordOf(this).push({ id, action });
  };
  proto[PATCHED] = true;
  installed = true;
}

function recordOf(executor: Record<string | symbol, unknown>): Recorded {
  // Own property only: each episode has its own executor.
  let record = Object.prototype.hasOwnProperty.call(executor, RECORD) ? (executor[RECORD] as Recorded) : undefined;
  if (!record) {
    record = [];
    executor[RECORD] = record;
  }
  return record;
}

/** The ids assigned during the episode whose orchestration context is `df` (context.df after the handler ran). */
export function scheduledWorkOf(df: unknown): ScheduledWork[] {
  const executor = isObject(df) ? df.taskOrchestratorExecutor : undefined;
  if (!isObject(executor)) return [];
  const record = Object.prototype.hasOwnProperty.call(executor, RECORD) ? (executor[RECORD] as Recorded) : [];
  return record.map(({ id, task, action }) => (task ? describeTask(id, task) : describeAction(id, action)));
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Activity inputs arrive pre-processed by the library (strings already JSON-quoted: Utils.processInput). */
function activityInput(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function plainInput(value: unknown): string | undefined {
  return value === undefined ? undefined : JSON.stringify(value);
}

function describeAction(id: number, action: unknown): ScheduledWork {
  if (!isObject(action)) return { kind: 'unsupported', id, what: 'unknown action' };
  switch (action.actionType) {
    case ActionType.CallActivity:
    case ActionType.CallActivityWithRetry:
      return { kind: 'activity', id, name: str(action.functionName) ?? '', input: activityInput(action.input) };
    case ActionType.CallSubOrchestrator:
    case ActionType.CallSubOrchestratorWithRetry:
      return { kind: 'subOrchestration', id, name: str(action.functionName) ?? '', instanceId: str(action.instanceId), input: plainInput(action.input) };
    case ActionType.CreateTimer:
      return { kind: 'timer', id, fireAt: action.fireAt instanceof Date ? action.fireAt : new Date(String(action.fireAt)) };
    case ActionType.CallEntity:
      return { kind: 'entityCall', id, target: str(action.instanceId) ?? '', operation: str(action.operation) ?? '', input: plainInput(action.input) };
    case ActionType.SignalEntity:
      return { kind: 'entitySignal', id, target: str(action.instanceId) ?? '', operation: str(action.operation) ?? '', input: plainInput(action.input) };
    case ActionType.CallHttp:
      return { kind: 'unsupported', id, what: 'callHttp' };
    case ActionType.LockEntities:
    case ActionType.ReleaseEntities:
      return { kind: 'unsupported', id, what: 'entity locks (critical sections)' };
    default:
      return { kind: 'unsupported', id, what: `action type ${String(action.actionType)}` };
  }
}

function retryPolicyOf(options: unknown): RetryPolicy {
  const o = isObject(options) ? options : {};
  const num = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
  return {
    firstRetryIntervalInMilliseconds: num(o.firstRetryIntervalInMilliseconds, 0),
    maxNumberOfAttempts: num(o.maxNumberOfAttempts, 1),
    backoffCoefficient: num(o.backoffCoefficient, 1),
    maxRetryIntervalInMilliseconds: num(o.maxRetryIntervalInMilliseconds, Number.MAX_SAFE_INTEGER),
  };
}

function describeTask(id: number, task: TaskView): ScheduledWork {
  // A NoOpTask child of a RetryableTask: children = [first attempt, timer, attempt, timer, attempt, ...].
  const parent = task.parent;
  if (isObject(parent) && parent.retryOptions !== undefined && Array.isArray(parent.children) && parent.innerTask !== task) {
    const index = parent.children.indexOf(task);
    if (index % 2 === 1) return { kind: 'retryTimer', id, attempt: (index + 1) / 2, policy: retryPolicyOf(parent.retryOptions) };
    const inner = parent.innerTask;
    return describeAction(id, isObject(inner) ? inner.actionObj : undefined);
  }
  return describeAction(id, task.actionObj);
}

/** Backoff before retry `attempt` (1 = after the first failure), per RetryOptions; 0 once attempts are exhausted. */
export function retryDelayMs(policy: RetryPolicy, attempt: number): number {
  // The library fails the task only when the timer after the last attempt fires, so that timer need not wait.
  if (attempt >= policy.maxNumberOfAttempts) return 0;
  const delay = policy.firstRetryIntervalInMilliseconds * Math.pow(policy.backoffCoefficient, attempt - 1);
  return Math.min(delay, policy.maxRetryIntervalInMilliseconds);
}
