/** Runs a batch of operations on one entity through the app's wrapped entity function (durable-functions Entity.handle). */
import { randomUUID } from 'node:crypto';
import { InvocationContext, type LogHandler } from '@azure/functions';
import { EntityId } from 'durable-functions';
import { z } from 'zod';
import type { Handler } from './registry-from-registrations';

export interface EntityOperation {
  requestId: string;
  operation: string;
  input?: string;
  signal: boolean;
}

export interface EntityBatchResult {
  exists: boolean;
  state: string | undefined;
  results: Array<{ isError: boolean; result: string | undefined }>;
  signals: Array<{ targetSchedulerId: string; operation: string; input: string | undefined }>;
}

const EntityStateSchema = z.object({
  entityExists: z.boolean(),
  entityState: z.string().optional().nullable(),
  results: z.array(z.object({ isError: z.boolean(), result: z.string().optional().nullable() }).passthrough()),
  signals: z.array(
    z
      .object({ target: z.object({ name: z.string(), key: z.string() }).passthrough(), name: z.string(), input: z.string().optional().nullable() })
      .passthrough(),
  ),
});

/** `@name@key`, the scheduler id the Durable extension uses for entity instances (name lowercased). */
export function entitySchedulerId(name: string, key: string): string {
  return `@${name.toLowerCase()}@${key}`;
}

export function parseSchedulerId(schedulerId: string): { name: string; key: string } {
  const at = schedulerId.indexOf('@', 1);
  return { name: schedulerId.substring(1, at), key: schedulerId.substring(at + 1) };
}

export async function runEntityBatch(
  handler: Handler,
  schedulerId: string,
  current: { exists: boolean; state: string | undefined },
  batch: EntityOperation[],
  logHandler: LogHandler,
): Promise<EntityBatchResult> {
  const { name, key } = parseSchedulerId(schedulerId);
  const trigger = {
    self: new EntityId(name, key),
    exists: current.exists,
    state: current.state,
    batch: batch.map((op) => ({ id: op.requestId, name: op.operation, signal: op.signal, input: op.input })),
  };
  const context = new InvocationContext({
    invocationId: randomUUID(),
    functionName: name,
    logHandler,
    options: { trigger: { type: 'entityTrigger', name: 'context' }, extraInputs: [], extraOutputs: [] },
  });
  const state = EntityStateSchema.parse(await handler(trigger, context));
  return {
    exists: state.entityExists,
    state: state.entityState ?? undefined,
    results: batch.map((_op, i) => ({ isError: state.results[i]?.isError ?? false, result: state.results[i]?.result ?? undefined })),
    signals: state.signals.map((s) => ({
      targetSchedulerId: entitySchedulerId(s.target.name, s.target.key),
      operation: s.name,
      input: s.input ? s.input : undefined,
    })),
  };
}
