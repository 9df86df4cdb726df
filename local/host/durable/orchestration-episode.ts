/**
 * One orchestration episode: history in, decisions out. Calls the app's wrapped orchestrator (durable-functions'
 * Orchestrator.handle) with the binding the Durable extension would send, then reads back what the replay scheduled,
 * whether it finished, and whether it replayed the same way as before (non-determinism check).
 */
import { randomUUID } from 'node:crypto';
import { InvocationContext, type LogHandler } from '@azure/functions';
import { z } from 'zod';
import { ActionType, EventType, fromJsonText, isSchedulingEvent, type HistoryEvent } from './history-events';
import { scheduledWorkOf, type ScheduledWork } from './replay-recorder';
import type { Handler } from './registry-from-registrations';

// The extension's defaults for the out-of-process protocol (host.json durableTask; docs/amazon-facts.md, Rate limits).
const REPLAY_SCHEMA_V4 = 3;
const MAXIMUM_SHORT_TIMER = '6.00:00:00';
const LONG_RUNNING_TIMER_INTERVAL = '3.00:00:00';

export type EpisodeOutcome =
  | { kind: 'running' }
  | { kind: 'completed'; output: string | undefined }
  | { kind: 'failed'; message: string; details: string }
  | { kind: 'continuedAsNew'; input: string | undefined };

export interface EpisodeResult {
  outcome: EpisodeOutcome;
  customStatus: string | undefined;
  /** Work the replay scheduled that history does not have yet. */
  newWork: ScheduledWork[];
}

export interface EpisodeRequest {
  handler: Handler;
  name: string;
  instanceId: string;
  parentInstanceId?: string;
  past: HistoryEvent[];
  /** Starts with this episode's OrchestratorStarted. */
  fresh: HistoryEvent[];
  logHandler: LogHandler;
}

const OUT_OF_PROC_LABEL = '\n\n$OutOfProcData$:';

const ActionSchema: z.ZodType<{ actionType: number; input?: unknown; compoundActions?: unknown[] }> = z
  .object({ actionType: z.number(), input: z.unknown().optional(), compoundActions: z.array(z.unknown()).optional() })
  .passthrough();

const OrchestratorStateSchema = z
  .object({
    isDone: z.boolean(),
    actions: z.array(z.array(z.unknown())),
    output: z.unknown().optional(),
    error: z.string().optional(),
    customStatus: z.unknown().optional(),
  })
  .passthrough();

function flattenActions(actions: unknown[]): Array<z.infer<typeof ActionSchema>> {
  const flat: Array<z.infer<typeof ActionSchema>> = [];
  for (const raw of actions) {
    const parsed = ActionSchema.safeParse(raw);
    if (!parsed.success) continue;
    flat.push(parsed.data);
    if (parsed.data.compoundActions) flat.push(...flattenActions(parsed.data.compoundActions));
  }
  return flat;
}

function describeScheduled(event: HistoryEvent): string {
  switch (event.EventType) {
    case EventType.TaskScheduled:
      return `activity '${event.Name ?? ''}'`;
    case EventType.TimerCreated:
      return 'a timer';
    case EventType.SubOrchestrationInstanceCreated:
      return `sub-orchestration '${event.Name ?? ''}'`;
    default:
      return `entity operation '${event.Name ?? ''}' on '${event.InstanceId ?? ''}'`;
  }
}

function describeWork(work: ScheduledWork): string {
  switch (work.kind) {
    case 'activity':
      return `activity '${work.name}'`;
    case 'subOrchestration':
      return `sub-orchestration '${work.name}'`;
    case 'timer':
    case 'retryTimer':
      return 'a timer';
    case 'entityCall':
    case 'entitySignal':
      return `entity operation '${work.operation}' on '${work.target}'`;
    case 'unsupported':
      return work.what;
  }
}

function matches(event: HistoryEvent, work: ScheduledWork): boolean {
  switch (work.kind) {
    case 'activity':
      return event.EventType === EventType.TaskScheduled && (event.Name ?? '').toLowerCase() === work.name.toLowerCase();
    case 'subOrchestration':
      return event.EventType === EventType.SubOrchestrationInstanceCreated && (event.Name ?? '').toLowerCase() === work.name.toLowerCase();
    case 'timer':
    case 'retryTimer':
      return event.EventType === EventType.TimerCreated;
    case 'entityCall':
    case 'entitySignal':
      return event.EventType === EventType.EventSent && event.InstanceId === work.target && event.Name === work.operation;
    case 'unsupported':
      return false;
  }
}

/** Like DurableTask.Core's NonDeterministicOrchestrationException: the replay must re-schedule what history holds. */
function findNonDeterminism(history: HistoryEvent[], work: ScheduledWork[]): string | undefined {
  const byId = new Map(work.map((w) => [w.id, w]));
  for (const event of history) {
    if (!isSchedulingEvent(event)) continue;
    const replayed = byId.get(event.EventId);
    if (!replayed) {
      return (
        `Non-deterministic workflow detected: a previous execution of this orchestration scheduled ${describeScheduled(event)} ` +
        `with sequence ID ${event.EventId}, but the current replay execution hasn't scheduled it. ` +
        'Was a change made to the orchestrator code after this instance had already started running?'
      );
    }
    if (!matches(event, replayed)) {
      return (
        `Non-deterministic workflow detected: a previous execution of this orchestration scheduled ${describeScheduled(event)} ` +
        `with sequence ID ${event.EventId}, but the current replay execution scheduled ${describeWork(replayed)} instead. ` +
        'Was a change made to the orchestrator code after this instance had already started running?'
      );
    }
  }
  return undefined;
}

function jsonOrUndefined(value: unknown): string | undefined {
  return value === undefined ? undefined : JSON.stringify(value);
}

export async function runOrchestrationEpisode(request: EpisodeRequest): Promise<EpisodeResult> {
  const history = [...request.past.map((e) => ({ ...e, IsPlayed: true })), ...request.fresh.map((e) => ({ ...e, IsPlayed: false }))];
  const started = history.find((e) => e.EventType === EventType.ExecutionStarted);
  const binding = {
    history,
    instanceId: request.instanceId,
    isReplaying: request.past.length > 0,
    parentInstanceId: request.parentInstanceId,
    input: fromJsonText(started?.Input),
    upperSchemaVersion: REPLAY_SCHEMA_V4,
    upperSchemaVersionNew: REPLAY_SCHEMA_V4,
    maximumShortTimerDuration: MAXIMUM_SHORT_TIMER,
    longRunningTimerIntervalDuration: LONG_RUNNING_TIMER_INTERVAL,
    defaultHttpAsyncRequestSleepTimeMillseconds: 30000,
  };
  // A fresh context per episode: the library only creates context.df when it is undefined.
  const context = new InvocationContext({
    invocationId: randomUUID(),
    functionName: request.name,
    logHandler: request.logHandler,
    options: { trigger: { type: 'orchestrationTrigger', name: 'context' }, extraInputs: [], extraOutputs: [] },
  });

  let rawState: unknown;
  let thrown: unknown;
  try {
    rawState = await request.handler(binding, context);
  } catch (error) {
    thrown = error;
  }
  const work = scheduledWorkOf((context as unknown as { df?: unknown }).df);

  if (thrown !== undefined) {
    const text = thrown instanceof Error ? thrown.message : String(thrown);
    const at = text.indexOf(OUT_OF_PROC_LABEL);
    const state = at >= 0 ? OrchestratorStateSchema.safeParse(JSON.parse(text.slice(at + OUT_OF_PROC_LABEL.length))) : undefined;
    const message = state?.success && state.data.error !== undefined ? state.data.error : at >= 0 ? text.slice(0, at) : text;
    return {
      outcome: {
        kind: 'failed',
        message: `Orchestrator function '${request.name}' failed: ${message}`,
        details: thrown instanceof Error ? (thrown.stack ?? '') : '',
      },
      customStatus: state?.success ? jsonOrUndefined(state.data.customStatus) : undefined,
      newWork: [],
    };
  }

  const state = OrchestratorStateSchema.parse(rawState);
  const customStatus = jsonOrUndefined(state.customStatus);
  const nonDeterminism = findNonDeterminism(history, work);
  if (nonDeterminism) {
    return { outcome: { kind: 'failed', message: nonDeterminism, details: '' }, customStatus, newWork: [] };
  }
  const scheduledIds = new Set(history.filter(isSchedulingEvent).map((e) => e.EventId));
  const newWork = work.filter((w) => !scheduledIds.has(w.id));
  const unsupported = newWork.find((w) => w.kind === 'unsupported');
  if (unsupported) {
    return {
      outcome: { kind: 'failed', message: `The local durable engine does not support ${describeWork(unsupported)}.`, details: '' },
      customStatus,
      newWork: [],
    };
  }
  if (state.isDone) {
    const continueAsNew = flattenActions(state.actions.flat()).find((a) => a.actionType === ActionType.ContinueAsNew);
    if (continueAsNew) {
      // The library already JSON-quoted string inputs (Utils.processInput).
      const input = typeof continueAsNew.input === 'string' ? continueAsNew.input : jsonOrUndefined(continueAsNew.input);
      return { outcome: { kind: 'continuedAsNew', input }, customStatus, newWork };
    }
    return { outcome: { kind: 'completed', output: jsonOrUndefined(state.output) }, customStatus, newWork };
  }
  return { outcome: { kind: 'running' }, customStatus, newWork };
}
