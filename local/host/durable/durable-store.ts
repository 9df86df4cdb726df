/**
 * Durable state in Azure Storage (Azurite locally): instances with their history, inboxes and entities in tables named
 * after the task hub; text over the 64 KB table property limit goes to a blob. An instance's history rows share its
 * partition in the Instances table, so one episode commits as one entity group transaction (history rows + instance
 * row under its etag): two engines over the same tables never both commit an episode.
 *
 * Longer than the other modules on purpose: it is the one place that knows the table layout (row keys, the packing
 * of large text, the older history table), so no other module has to. Entities and large text are already split out.
 */
import { TableClient, odata, type TableEntity, type TransactionAction } from '@azure/data-tables';
import { BlobServiceClient } from '@azure/storage-blob';
import { z } from 'zod';
import type { HistoryEvent, RuntimeStatus } from './history-events';
import { HistoryEventSchema, InboxMessageSchema, type InboxMessage } from './inbox-message';
import { EntityStore, type EntityRecord } from './entity-store';
import { ConflictError, statusCode } from './storage-errors';
import { LargeText } from './large-text';

export type { EntityRecord } from './entity-store';
export { ConflictError } from './storage-errors';

// Entity group transactions take at most 100 operations and 4 MiB (Table service REST docs, "Performing entity group
// transactions"); keep a margin on the size, counted in characters of the packed row text.
const MAX_BATCH_ACTIONS = 100;
const MAX_BATCH_CHARS = 1_500_000;
// Instance rows written since history moved into the Instances table carry this marker; rows without it have their
// history in the older `${taskHub}History` table, read once and rewritten into the instance's partition on next commit.
const LAYOUT = 2;

export interface InstanceRecord {
  instanceId: string;
  name: string;
  runtimeStatus: RuntimeStatus;
  input?: string;
  output?: string;
  customStatus?: string;
  createdTime: string;
  lastUpdatedTime: string;
  parentInstanceId?: string;
  parentTaskId?: number;
  parentExecution?: number;
  /** Generation: bumped by continueAsNew and by restarting a finished instance id. */
  execution: number;
  historyLength: number;
  etag?: string;
  /** History still in the older History table (written before the layout marker existed). */
  legacyHistory?: boolean;
}

export interface InboxEntry {
  id: string;
  /** Send order across the task hub (a control queue's order). */
  order: number;
  message: InboxMessage;
}

export interface HistoryRow {
  event: HistoryEvent;
  /** Id of the inbox message the event came from, so a redelivered message is recognised as consumed. */
  source: string;
}

const RuntimeStatusSchema = z.enum(['Pending', 'Running', 'Completed', 'ContinuedAsNew', 'Failed', 'Terminated', 'Suspended']);

export interface DurableStoreOptions {
  connectionString: string;
  taskHub: string;
  /** Throws when the engine was abandoned, so a "killed" engine writes nothing more. */
  guard: () => void;
  /** Told after a message was written to a target's inbox. */
  onInboxWrite?: (targetId: string) => void;
}

// Inbox rows are delivered in the order they were sent (like a control queue), not in row-key order.
let lastOrder = 0;
export function nextOrder(): number {
  lastOrder = Math.max(lastOrder + 1, Date.now() * 1000);
  return lastOrder;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export class DurableStore {
  /** Instance rows (RowKey '') and their history rows (RowKey `h<execution>-<index>`), partitioned by instance id. */
  readonly instances: TableClient;
  /** History rows written before they moved into the Instances table: read for old instances, never written. */
  private readonly legacyHistory: TableClient;
  private readonly inbox: TableClient;
  private readonly entityStates: EntityStore;
  private readonly text: LargeText;
  private readonly guard: () => void;
  private readonly onInboxWrite: (targetId: string) => void;
  private readonly inboxBlobs = new Map<string, string>();

  constructor(options: DurableStoreOptions) {
    const tableOptions = { allowInsecureConnection: true };
    this.instances = TableClient.fromConnectionString(options.connectionString, `${options.taskHub}Instances`, tableOptions);
    this.legacyHistory = TableClient.fromConnectionString(options.connectionString, `${options.taskHub}History`, tableOptions);
    this.inbox = TableClient.fromConnectionString(options.connectionString, `${options.taskHub}Inbox`, tableOptions);
    this.text = new LargeText(
      BlobServiceClient.fromConnectionString(options.connectionString).getContainerClient(`${options.taskHub.toLowerCase()}-largemessages`),
    );
    this.entityStates = new EntityStore(TableClient.fromConnectionString(options.connectionString, `${options.taskHub}Entities`, tableOptions), this.text);
    this.guard = options.guard;
    this.onInboxWrite = options.onInboxWrite ?? (() => undefined);
  }

  async ensure(): Promise<void> {
    await Promise.all([
      this.instances.createTable(),
      this.legacyHistory.createTable(),
      this.inbox.createTable(),
      this.entityStates.ensure(),
      this.text.ensure(),
    ]);
  }

  private pack(column: string, value: string | undefined): Promise<Record<string, string>> {
    return this.text.pack(column, value);
  }

  private unpack(entity: Record<string, unknown>, column: string): Promise<string | undefined> {
    return this.text.unpack(entity, column);
  }

  private deleteBlobsOf(entity: Record<string, unknown>): Promise<void> {
    return this.text.deleteBlobsOf(entity);
  }

  // ---- instances --------------------------------------------------------------------------------------------

  private async toInstance(entity: Record<string, unknown>): Promise<InstanceRecord> {
    const row = z
      .object({
        partitionKey: z.string(),
        name: z.string(),
        runtimeStatus: RuntimeStatusSchema,
        createdTime: z.string(),
        lastUpdatedTime: z.string(),
        parentInstanceId: z.string().optional(),
        parentTaskId: z.number().optional(),
        parentExecution: z.number().optional(),
        execution: z.number(),
        historyLength: z.number(),
        layout: z.number().optional(),
        etag: z.string().optional(),
      })
      .passthrough()
      .parse(entity);
    const record: InstanceRecord = {
      instanceId: row.partitionKey,
      name: row.name,
      runtimeStatus: row.runtimeStatus,
      input: await this.unpack(entity, 'input'),
      output: await this.unpack(entity, 'output'),
      customStatus: await this.unpack(entity, 'customStatus'),
      createdTime: row.createdTime,
      lastUpdatedTime: row.lastUpdatedTime,
      parentInstanceId: row.parentInstanceId,
      parentTaskId: row.parentTaskId,
      parentExecution: row.parentExecution,
      execution: row.execution,
      historyLength: row.historyLength,
      etag: row.etag,
    };
    if (row.layout !== LAYOUT && row.historyLength > 0) record.legacyHistory = true;
    return record;
  }

  private async toInstanceEntity(record: InstanceRecord): Promise<TableEntity<Record<string, unknown>>> {
    const entity: TableEntity<Record<string, unknown>> = {
      partitionKey: record.instanceId,
      rowKey: '',
      name: record.name,
      runtimeStatus: record.runtimeStatus,
      createdTime: record.createdTime,
      lastUpdatedTime: record.lastUpdatedTime,
      execution: record.execution,
      historyLength: record.historyLength,
      layout: LAYOUT,
      ...(await this.pack('input', record.input)),
      ...(await this.pack('output', record.output)),
      ...(await this.pack('customStatus', record.customStatus)),
    };
    if (record.parentInstanceId !== undefined) entity.parentInstanceId = record.parentInstanceId;
    if (record.parentTaskId !== undefined) entity.parentTaskId = record.parentTaskId;
    if (record.parentExecution !== undefined) entity.parentExecution = record.parentExecution;
    return entity;
  }

  async getInstance(instanceId: string): Promise<InstanceRecord | undefined> {
    try {
      const entity = await this.instances.getEntity<Record<string, unknown>>(instanceId, '');
      return await this.toInstance(entity);
    } catch (error) {
      if (statusCode(error) === 404) return undefined;
      throw error;
    }
  }

  async listInstances(): Promise<InstanceRecord[]> {
    const result: InstanceRecord[] = [];
    const query = this.instances.listEntities<Record<string, unknown>>({ queryOptions: { filter: odata`RowKey eq ${''}` } });
    for await (const entity of query) result.push(await this.toInstance(entity));
    return result;
  }

  /** Inserts a new instance row; returns its etag, or undefined if one exists already. */
  async createInstance(record: InstanceRecord): Promise<string | undefined> {
    this.guard();
    try {
      const response = await this.instances.createEntity(await this.toInstanceEntity(record));
      return response.etag ?? '*';
    } catch (error) {
      if (statusCode(error) === 409) return undefined;
      throw error;
    }
  }

  /** Replaces the row if its etag still matches (ConflictError otherwise); returns the new etag. */
  async replaceInstance(record: InstanceRecord): Promise<string | undefined> {
    this.guard();
    try {
      const response = await this.instances.updateEntity(await this.toInstanceEntity(record), 'Replace', { etag: record.etag ?? '*' });
      return response.etag;
    } catch (error) {
      const code = statusCode(error);
      if (code === 412 || code === 404) throw new ConflictError(`instance ${record.instanceId} changed underneath (HTTP ${code})`);
      throw error;
    }
  }

  // ---- history ----------------------------------------------------------------------------------------------

  private historyKey(execution: number, index: number, legacy = false): string {
    return `${legacy ? '' : 'h'}${pad(execution, 6)}-${pad(index, 8)}`;
  }

  /** The committed history of the record's current execution (rows past historyLength are leftovers of failed commits). */
  async readHistory(record: InstanceRecord): Promise<HistoryRow[]> {
    const { instanceId, execution, historyLength } = record;
    if (historyLength === 0) return [];
    const legacy = record.legacyHistory === true;
    const rows: HistoryRow[] = [];
    const from = this.historyKey(execution, 0, legacy);
    const to = this.historyKey(execution, historyLength, legacy);
    const query = (legacy ? this.legacyHistory : this.instances).listEntities<Record<string, unknown>>({
      queryOptions: { filter: odata`PartitionKey eq ${instanceId} and RowKey ge ${from} and RowKey lt ${to}` },
    });
    for await (const entity of query) {
      const text = await this.unpack(entity, 'event');
      if (text === undefined) throw new Error(`history row ${String(entity.rowKey)} of ${instanceId} has no event`);
      rows.push({ event: HistoryEventSchema.parse(JSON.parse(text)), source: typeof entity.source === 'string' ? entity.source : '' });
    }
    return rows;
  }

  /**
   * The commit point of an episode: history rows of `execution` from index `start`, then the instance row under its
   * etag, in one entity group transaction when they fit (else the leading rows go first: rows past the committed
   * historyLength are ignored on read, so a failed commit leaves nothing visible). Returns the new etag;
   * ConflictError when the instance row changed underneath.
   */
  async commit(execution: number, start: number, rows: HistoryRow[], next: InstanceRecord): Promise<string | undefined> {
    this.guard();
    const instanceId = next.instanceId;
    const batches: TransactionAction[][] = [[]];
    let chars = 0;
    for (let i = 0; i < rows.length; i++) {
      const packed = await this.pack('event', JSON.stringify(rows[i].event));
      const entity = {
        partitionKey: instanceId,
        rowKey: this.historyKey(execution, start + i),
        source: rows[i].source,
        eventType: rows[i].event.EventType,
        ...packed,
      };
      const size = (packed.event?.length ?? 100) + rows[i].source.length;
      if (batches[batches.length - 1].length >= MAX_BATCH_ACTIONS - 1 || chars + size > MAX_BATCH_CHARS) {
        batches.push([]);
        chars = 0;
      }
      batches[batches.length - 1].push(['upsert', entity, 'Replace']);
      chars += size;
    }
    const instanceEntity = await this.toInstanceEntity(next);
    batches[batches.length - 1].push(['update', instanceEntity, 'Replace', { etag: next.etag ?? '*' }]);
    try {
      for (let i = 0; i < batches.length - 1; i++) {
        this.guard();
        await this.instances.submitTransaction(batches[i]);
      }
      this.guard();
      const response = await this.instances.submitTransaction(batches[batches.length - 1]);
      return response.subResponses[response.subResponses.length - 1]?.etag;
    } catch (error) {
      const code = statusCode(error);
      if (code === 412 || code === 404) throw new ConflictError(`instance ${instanceId} changed underneath (HTTP ${code})`);
      throw error;
    }
  }

  /** Deletes history rows (all, or those of executions before `beforeExecution`); never the instance row. */
  async deleteHistory(instanceId: string, beforeExecution?: number, legacy = false): Promise<void> {
    this.guard();
    const table = legacy ? this.legacyHistory : this.instances;
    const lowest = legacy ? '' : 'h';
    const filter =
      beforeExecution === undefined
        ? odata`PartitionKey eq ${instanceId} and RowKey gt ${lowest}`
        : odata`PartitionKey eq ${instanceId} and RowKey gt ${lowest} and RowKey lt ${this.historyKey(beforeExecution, 0, legacy)}`;
    const doomed: TransactionAction[] = [];
    for await (const entity of table.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
      await this.deleteBlobsOf(entity);
      doomed.push(['delete', { partitionKey: instanceId, rowKey: String(entity.rowKey) }]);
    }
    for (let i = 0; i < doomed.length; i += MAX_BATCH_ACTIONS) await table.submitTransaction(doomed.slice(i, i + MAX_BATCH_ACTIONS));
  }

  // ---- inbox ------------------------------------------------------------------------------------------------

  /** Idempotent for a given id: redelivering the same message id overwrites, never duplicates. */
  async sendToInbox(targetId: string, messageId: string, message: InboxMessage): Promise<void> {
    this.guard();
    const entity = { partitionKey: targetId, rowKey: messageId, order: nextOrder(), ...(await this.pack('message', JSON.stringify(message))) };
    await this.inbox.upsertEntity(entity, 'Replace');
    this.onInboxWrite(targetId);
  }

  async readInbox(targetId: string): Promise<InboxEntry[]> {
    const entries: InboxEntry[] = [];
    const query = this.inbox.listEntities<Record<string, unknown>>({ queryOptions: { filter: odata`PartitionKey eq ${targetId}` } });
    for await (const entity of query) {
      const text = await this.unpack(entity, 'message');
      if (text === undefined) continue;
      if (typeof entity.messageBlob === 'string') this.inboxBlobs.set(`${targetId}|${String(entity.rowKey)}`, entity.messageBlob);
      entries.push({
        id: String(entity.rowKey),
        order: typeof entity.order === 'number' ? entity.order : 0,
        message: InboxMessageSchema.parse(JSON.parse(text)),
      });
    }
    return entries.sort((a, b) => a.order - b.order);
  }

  /** Deletes consumed messages: one table transaction per 100 (they share the target's partition), one by one if one is gone. */
  async deleteFromInbox(targetId: string, messageIds: string[]): Promise<void> {
    const ids = [...new Set(messageIds)];
    for (let i = 0; i < ids.length; i += MAX_BATCH_ACTIONS) {
      const chunk = ids.slice(i, i + MAX_BATCH_ACTIONS);
      this.guard();
      if (chunk.length > 1) {
        try {
          await this.inbox.submitTransaction(chunk.map((id): TransactionAction => ['delete', { partitionKey: targetId, rowKey: id }]));
          await this.forgetInboxBlobs(targetId, chunk);
          continue;
        } catch (error) {
          if (statusCode(error) !== 404) throw error;
        }
      }
      for (const id of chunk) {
        this.guard();
        try {
          await this.inbox.deleteEntity(targetId, id);
        } catch (error) {
          if (statusCode(error) !== 404) throw error;
        }
      }
      await this.forgetInboxBlobs(targetId, chunk);
    }
  }

  // Blob names are remembered from readInbox, which saves a read per deleted message.
  private async forgetInboxBlobs(targetId: string, ids: string[]): Promise<void> {
    for (const id of ids) {
      const blob = this.inboxBlobs.get(`${targetId}|${id}`);
      this.inboxBlobs.delete(`${targetId}|${id}`);
      if (blob) await this.text.deleteBlob(blob);
    }
  }

  async inboxTargets(): Promise<string[]> {
    const targets = new Set<string>();
    for await (const entity of this.inbox.listEntities<Record<string, unknown>>({ queryOptions: { select: ['PartitionKey'] } })) {
      targets.add(String(entity.partitionKey));
    }
    return [...targets];
  }

  // ---- entities ---------------------------------------------------------------------------------------------

  getEntity(schedulerId: string): Promise<EntityRecord | undefined> {
    return this.entityStates.get(schedulerId);
  }

  putEntity(record: EntityRecord): Promise<void> {
    this.guard();
    return this.entityStates.put(record);
  }

  // ---- purge ------------------------------------------------------------------------------------------------

  async purgeInstance(instanceId: string): Promise<boolean> {
    this.guard();
    const existing = await this.getInstance(instanceId);
    if (!existing) return false;
    await this.deleteHistory(instanceId);
    await this.deleteHistory(instanceId, undefined, true);
    await this.deleteFromInbox(
      instanceId,
      (await this.readInbox(instanceId)).map((e) => e.id),
    );
    try {
      const entity = await this.instances.getEntity<Record<string, unknown>>(instanceId, '');
      await this.deleteBlobsOf(entity);
      await this.instances.deleteEntity(instanceId, '');
    } catch (error) {
      if (statusCode(error) !== 404) throw error;
    }
    return true;
  }
}
