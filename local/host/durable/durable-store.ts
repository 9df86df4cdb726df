/**
 * Durable state in Azure Storage (Azurite locally): instances, history, inboxes and entities in tables named after
 * the task hub; text over the 64 KB table property limit goes to a blob. Instance rows are written with etags so two
 * engines over the same tables never both commit an episode.
 */
import { randomUUID } from 'node:crypto';
import { TableClient, odata, type TableEntity, type TransactionAction } from '@azure/data-tables';
import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import { z } from 'zod';
import type { HistoryEvent, RuntimeStatus } from './history-events';
import { HistoryEventSchema, InboxMessageSchema, type InboxMessage } from './inbox-message';

// A table string property holds at most 64 KiB of UTF-16, i.e. 32 K chars; keep a margin.
const MAX_INLINE_CHARS = 30_000;

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
}

export interface InboxEntry {
  id: string;
  message: InboxMessage;
}

export interface HistoryRow {
  event: HistoryEvent;
  /** Id of the inbox message the event came from, so a redelivered message is recognised as consumed. */
  source: string;
}

export interface EntityRecord {
  schedulerId: string;
  exists: boolean;
  state?: string;
  lastModifiedTime: string;
  /** Recently processed request ids: a redelivered operation (after a crash) runs once. */
  processed: string[];
  etag?: string;
}

const RuntimeStatusSchema = z.enum(['Pending', 'Running', 'Completed', 'ContinuedAsNew', 'Failed', 'Terminated', 'Suspended']);

export class ConflictError extends Error {}

export interface DurableStoreOptions {
  connectionString: string;
  taskHub: string;
  /** Throws when the engine was abandoned, so a "killed" engine writes nothing more. */
  guard: () => void;
}

function statusCode(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null && 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : undefined;
}

// Inbox rows are delivered in the order they were sent (like a control queue), not in row-key order.
let lastOrder = 0;
function nextOrder(): number {
  lastOrder = Math.max(lastOrder + 1, Date.now() * 1000);
  return lastOrder;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export class DurableStore {
  readonly instances: TableClient;
  private readonly history: TableClient;
  private readonly inbox: TableClient;
  private readonly entities: TableClient;
  private readonly blobs: ContainerClient;
  private readonly guard: () => void;
  private readonly inboxBlobs = new Map<string, string>();

  constructor(options: DurableStoreOptions) {
    const tableOptions = { allowInsecureConnection: true };
    this.instances = TableClient.fromConnectionString(options.connectionString, `${options.taskHub}Instances`, tableOptions);
    this.history = TableClient.fromConnectionString(options.connectionString, `${options.taskHub}History`, tableOptions);
    this.inbox = TableClient.fromConnectionString(options.connectionString, `${options.taskHub}Inbox`, tableOptions);
    this.entities = TableClient.fromConnectionString(options.connectionString, `${options.taskHub}Entities`, tableOptions);
    this.blobs = BlobServiceClient.fromConnectionString(options.connectionString).getContainerClient(`${options.taskHub.toLowerCase()}-largemessages`);
    this.guard = options.guard;
  }

  async ensure(): Promise<void> {
    await Promise.all([this.instances.createTable(), this.history.createTable(), this.inbox.createTable(), this.entities.createTable(), this.blobs.createIfNotExists()]);
  }

  // ---- large text -------------------------------------------------------------------------------------------

  private async pack(column: string, value: string | undefined): Promise<Record<string, string>> {
    if (value === undefined) return {};
    if (value.length <= MAX_INLINE_CHARS) return { [column]: value };
    const blobName = randomUUID();
    await this.blobs.getBlockBlobClient(blobName).upload(value, Buffer.byteLength(value));
    return { [`${column}Blob`]: blobName };
  }

  private async unpack(entity: Record<string, unknown>, column: string): Promise<string | undefined> {
    const inline = entity[column];
    if (typeof inline === 'string') return inline;
    const blobName = entity[`${column}Blob`];
    if (typeof blobName !== 'string') return undefined;
    const buffer = await this.blobs.getBlockBlobClient(blobName).downloadToBuffer();
    return buffer.toString('utf8');
  }

  private async deleteBlobsOf(entity: Record<string, unknown>): Promise<void> {
    for (const [key, value] of Object.entries(entity)) {
      if (key.endsWith('Blob') && typeof value === 'string') await this.blobs.getBlockBlobClient(value).deleteIfExists();
    }
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
        etag: z.string().optional(),
      })
      .passthrough()
      .parse(entity);
    return {
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
    for await (const entity of this.instances.listEntities<Record<string, unknown>>()) result.push(await this.toInstance(entity));
    return result;
  }

  /** Inserts a new instance row; false if one exists already. */
  async createInstance(record: InstanceRecord): Promise<boolean> {
    this.guard();
    try {
      await this.instances.createEntity(await this.toInstanceEntity(record));
      return true;
    } catch (error) {
      if (statusCode(error) === 409) return false;
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

  private historyKey(execution: number, index: number): string {
    return `${pad(execution, 6)}-${pad(index, 8)}`;
  }

  async readHistory(instanceId: string, execution: number, length: number): Promise<HistoryRow[]> {
    const rows: HistoryRow[] = [];
    const from = this.historyKey(execution, 0);
    const to = this.historyKey(execution, length);
    const query = this.history.listEntities<Record<string, unknown>>({
      queryOptions: { filter: odata`PartitionKey eq ${instanceId} and RowKey ge ${from} and RowKey lt ${to}` },
    });
    for await (const entity of query) {
      const text = await this.unpack(entity, 'event');
      if (text === undefined) throw new Error(`history row ${String(entity.rowKey)} of ${instanceId} has no event`);
      rows.push({ event: HistoryEventSchema.parse(JSON.parse(text)), source: typeof entity.source === 'string' ? entity.source : '' });
    }
    return rows;
  }

  /** Upserts rows at start..; rows past the instance's committed historyLength are ignored on read, so retries are safe. */
  async writeHistory(instanceId: string, execution: number, start: number, rows: HistoryRow[]): Promise<void> {
    this.guard();
    const actions: TransactionAction[] = [];
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      const entity = {
        partitionKey: instanceId,
        rowKey: this.historyKey(execution, start + i),
        source: row.source,
        eventType: row.event.EventType,
        ...(await this.pack('event', JSON.stringify(row.event))),
      };
      actions.push(['upsert', entity, 'Replace']);
    }
    for (let i = 0; i < actions.length; i += 100) {
      this.guard();
      await this.history.submitTransaction(actions.slice(i, i + 100));
    }
  }

  /** Deletes history rows (all, or those of executions before `beforeExecution`). */
  async deleteHistory(instanceId: string, beforeExecution?: number): Promise<void> {
    this.guard();
    const filter =
      beforeExecution === undefined
        ? odata`PartitionKey eq ${instanceId}`
        : odata`PartitionKey eq ${instanceId} and RowKey lt ${this.historyKey(beforeExecution, 0)}`;
    const doomed: TransactionAction[] = [];
    for await (const entity of this.history.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
      await this.deleteBlobsOf(entity);
      doomed.push(['delete', { partitionKey: instanceId, rowKey: String(entity.rowKey) }]);
    }
    for (let i = 0; i < doomed.length; i += 100) await this.history.submitTransaction(doomed.slice(i, i + 100));
  }

  // ---- inbox ------------------------------------------------------------------------------------------------

  /** Idempotent for a given id: redelivering the same message id overwrites, never duplicates. */
  async sendToInbox(targetId: string, messageId: string, message: InboxMessage): Promise<void> {
    this.guard();
    const entity = { partitionKey: targetId, rowKey: messageId, order: nextOrder(), ...(await this.pack('message', JSON.stringify(message))) };
    await this.inbox.upsertEntity(entity, 'Replace');
  }

  async readInbox(targetId: string): Promise<InboxEntry[]> {
    const entries: Array<InboxEntry & { order: number }> = [];
    const query = this.inbox.listEntities<Record<string, unknown>>({ queryOptions: { filter: odata`PartitionKey eq ${targetId}` } });
    for await (const entity of query) {
      const text = await this.unpack(entity, 'message');
      if (text === undefined) continue;
      if (typeof entity.messageBlob === 'string') this.inboxBlobs.set(`${targetId}|${String(entity.rowKey)}`, entity.messageBlob);
      entries.push({ id: String(entity.rowKey), order: typeof entity.order === 'number' ? entity.order : 0, message: InboxMessageSchema.parse(JSON.parse(text)) });
    }
    return entries.sort((a, b) => a.order - b.order).map(({ id, message }) => ({ id, message }));
  }

  async deleteFromInbox(targetId: string, messageIds: string[]): Promise<void> {
    for (const id of messageIds) {
      this.guard();
      // Blob names are remembered from readInbox, which saves a read per deleted message.
      const blob = this.inboxBlobs.get(`${targetId}|${id}`);
      this.inboxBlobs.delete(`${targetId}|${id}`);
      try {
        await this.inbox.deleteEntity(targetId, id);
      } catch (error) {
        if (statusCode(error) !== 404) throw error;
      }
      if (blob) await this.blobs.getBlockBlobClient(blob).deleteIfExists();
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

  async getEntity(schedulerId: string): Promise<EntityRecord | undefined> {
    try {
      const entity = await this.entities.getEntity<Record<string, unknown>>(schedulerId, '');
      const processed = typeof entity.processed === 'string' ? z.array(z.string()).parse(JSON.parse(entity.processed)) : [];
      return {
        schedulerId,
        exists: entity.exists === true,
        state: await this.unpack(entity, 'state'),
        lastModifiedTime: typeof entity.lastModifiedTime === 'string' ? entity.lastModifiedTime : new Date(0).toISOString(),
        processed,
        etag: typeof entity.etag === 'string' ? entity.etag : undefined,
      };
    } catch (error) {
      if (statusCode(error) === 404) return undefined;
      throw error;
    }
  }

  async putEntity(record: EntityRecord): Promise<void> {
    this.guard();
    const entity = {
      partitionKey: record.schedulerId,
      rowKey: '',
      exists: record.exists,
      lastModifiedTime: record.lastModifiedTime,
      processed: JSON.stringify(record.processed),
      ...(await this.pack('state', record.state)),
    };
    try {
      if (record.etag) await this.entities.updateEntity(entity, 'Replace', { etag: record.etag });
      else await this.entities.createEntity(entity);
    } catch (error) {
      const code = statusCode(error);
      if (code === 412 || code === 409) throw new ConflictError(`entity ${record.schedulerId} changed underneath`);
      throw error;
    }
  }

  // ---- purge ------------------------------------------------------------------------------------------------

  async purgeInstance(instanceId: string): Promise<boolean> {
    this.guard();
    const existing = await this.getInstance(instanceId);
    if (!existing) return false;
    await this.deleteHistory(instanceId);
    await this.deleteFromInbox(instanceId, (await this.readInbox(instanceId)).map((e) => e.id));
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
