/** Durable entities: operations delivered through the entity's inbox, run one batch at a time per entity, state persisted. */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { InstanceRecord } from './durable-store';
import type { EngineContext } from './engine-context';
import { parseSchedulerId, runEntityBatch, type EntityOperation } from './entity-batch';
import { EventType, type HistoryEvent } from './history-events';
import { entityOperationId, entityResponseId } from './message-ids';
import { findHandler } from './registry-from-registrations';

// How many processed request ids an entity remembers to drop redeliveries after a crash.
const REMEMBERED_REQUESTS = 500;

const RequestMessageSchema = z.object({ id: z.string(), op: z.string(), signal: z.boolean(), input: z.string().optional() }).passthrough();

export class EntityHost {
  constructor(private readonly engine: EngineContext) {}

  /** Sends the operation an orchestrator's EventSent describes (idempotent: the message id derives from the request id). */
  async deliverFromHistory(instance: InstanceRecord, event: HistoryEvent): Promise<void> {
    const request = RequestMessageSchema.parse(JSON.parse(event.Input ?? '{}'));
    const target = event.InstanceId ?? '';
    await this.engine.store.sendToInbox(target, entityOperationId(request.id), {
      kind: 'entityOperation',
      requestId: request.id,
      operation: request.op,
      input: request.input,
      signal: request.signal,
      parentInstanceId: request.signal ? undefined : instance.instanceId,
      parentExecution: request.signal ? undefined : instance.execution,
    });
    this.engine.wake(target);
  }

  /** A signal from a client (or from another entity). */
  async signal(schedulerId: string, operation: string, input: string | undefined): Promise<void> {
    const requestId = randomUUID();
    await this.engine.store.sendToInbox(schedulerId, entityOperationId(requestId), { kind: 'entityOperation', requestId, operation, input, signal: true });
    this.engine.wake(schedulerId);
  }

  async process(schedulerId: string): Promise<void> {
    const store = this.engine.store;
    const inbox = await store.readInbox(schedulerId);
    if (inbox.length === 0) return;
    const record = (await store.getEntity(schedulerId)) ?? {
      schedulerId,
      exists: false,
      state: undefined,
      lastModifiedTime: this.engine.clock.now().toISOString(),
      processed: [],
    };
    const seen = new Set(record.processed);
    const batch: Array<EntityOperation & { parentInstanceId?: string; parentExecution?: number }> = [];
    for (const entry of inbox) {
      const m = entry.message;
      if (m.kind === 'entityOperation' && !seen.has(m.requestId)) batch.push({ ...m });
    }
    const { name } = parseSchedulerId(schedulerId);
    const handler = findHandler(this.engine.registry.entities, name);
    const stamp = this.engine.clock.now().toISOString();
    let results: Array<{ isError: boolean; result: string | undefined }>;
    if (batch.length === 0) {
      results = [];
    } else if (!handler) {
      results = batch.map(() => ({ isError: true, result: JSON.stringify(`The entity '${name}' doesn't exist.`) }));
    } else {
      const outcome = await runEntityBatch(handler, schedulerId, { exists: record.exists, state: record.state }, batch, this.engine.logHandlerFor(name));
      record.exists = outcome.exists;
      record.state = outcome.exists ? outcome.state : undefined;
      results = outcome.results;
      for (const s of outcome.signals) await this.signal(s.targetSchedulerId, s.operation, s.input);
    }
    // Responses go out before the state commit: a crash in between re-runs the batch (at-least-once, like Azure).
    for (let i = 0; i < batch.length; i++) {
      const op = batch[i];
      if (op.signal || op.parentInstanceId === undefined) continue;
      const r = results[i];
      const response = r.isError
        ? { result: JSON.stringify(this.errorText(r.result, op.operation, name)), exceptionType: 'Error' }
        : r.result !== undefined
          ? { result: r.result }
          : {};
      const event: HistoryEvent = { EventType: EventType.EventRaised, EventId: -1, Timestamp: stamp, Name: op.requestId, Input: JSON.stringify(response) };
      await store.sendToInbox(op.parentInstanceId, entityResponseId(op.requestId), { kind: 'event', execution: op.parentExecution, event });
      this.engine.wake(op.parentInstanceId);
    }
    record.processed = [...record.processed, ...batch.map((b) => b.requestId)].slice(-REMEMBERED_REQUESTS);
    record.lastModifiedTime = stamp;
    await store.putEntity(record);
    await store.deleteFromInbox(
      schedulerId,
      inbox.map((e) => e.id),
    );
    if (batch.length) this.engine.log({ event: 'entityBatch', entityId: schedulerId, operations: batch.length });
  }

  private errorText(raw: string | undefined, operation: string, name: string): string {
    const generic = `Operation '${operation}' on entity '${name}' failed`;
    if (raw === undefined) return generic;
    try {
      const parsed: unknown = JSON.parse(raw);
      return typeof parsed === 'string' ? parsed : generic;
    } catch {
      return generic;
    }
  }

  async readState(schedulerId: string): Promise<{ exists: boolean; state: string | undefined }> {
    const record = await this.engine.store.getEntity(schedulerId);
    return { exists: record?.exists ?? false, state: record?.state };
  }
}
