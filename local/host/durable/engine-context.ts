/**
 * What the engine's collaborators (instance control, entity host, episode runner) use of the engine. They depend on
 * this narrow view, never on durable-engine.ts, so the engine module can import them without an import cycle.
 */
import type { LogHandler } from '@azure/functions';
import type { Clock } from './clock';
import type { DurableStore } from './durable-store';
import type { LiveInstances } from './live-instances';
import type { PendingMessages } from './pending-messages';
import type { DurableRegistry } from './registry-from-registrations';

export interface EngineContext {
  readonly store: DurableStore;
  /** The engine's in-memory copy of the instances it drives. */
  readonly live: LiveInstances;
  /** Messages handed over in memory, and which targets have stored messages waiting. */
  readonly pending: PendingMessages;
  readonly clock: Clock;
  readonly registry: DurableRegistry;
  log(entry: Record<string, unknown>): void;
  logHandlerFor(functionName: string): LogHandler;
  /** Runs the instance (orchestration episode) or entity (operation batch) soon; serialized per target. */
  wake(targetId: string): void;
  /** Runs an activity (at most once at a time per instance, execution and task) and hands its result to the instance. */
  dispatchActivity(instanceId: string, execution: number, taskId: number, name: string, input: string | undefined): void;
  /** Delivers TimerFired to the instance at `fireAt` on the engine's clock (once per instance, execution and timer). */
  armTimer(instanceId: string, execution: number, timerId: number, fireAt: Date): void;
}
