/** The public contract of the local Durable engine: options in, engine out. */
import type { Clock } from './clock';
import type { DurableRegistry } from './registry-from-registrations';

export interface DurableEngineOptions {
  /** Azurite / Azure Storage: tables for instances + history, blobs for large payloads. */
  connectionString: string;
  /** Table names derive from it: `${taskHub}Instances`, `${taskHub}History`. */
  taskHub: string;
  registry: DurableRegistry;
  /** Default RealClock. */
  clock?: Clock;
  maxConcurrentActivities?: number;
  maxConcurrentOrchestrations?: number;
  log?: (entry: Record<string, unknown>) => void;
  /**
   * The `durabletask_extension` system key the host's webhook API accepts: the webhook URLs handed to a durableClient
   * binding carry it as `code` (and in requiredQueryStringParameters), as in Azure. Empty: no key in the URLs.
   */
  systemKey?: string;
}

export interface DurableEngine {
  /** Creates tables, starts the client API server on 127.0.0.1 (free port), resumes every non-terminal instance found in storage. */
  start(): Promise<void>;
  /** Graceful: waits for running work, stops accepting new work. */
  stop(): Promise<void>;
  /** The value the host puts into a function's `df.input.durableClient()` extra input, so df.getClient(context) works unchanged. */
  clientInputData(): unknown;
  /**
   * Resolves when no orchestration episode, activity or entity operation is running or runnable. Awaited events and
   * future timers don't count, except (on the real clock) the short backoff of a failed activity's retry.
   */
  whenIdle(): Promise<void>;
  readonly clientBaseUrl: string;
}
