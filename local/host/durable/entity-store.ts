/** Durable entity state rows (one per entity, with the request ids it processed recently) in the task hub's Entities table. */
import type { TableClient } from '@azure/data-tables';
import { z } from 'zod';
import { ConflictError, statusCode } from './storage-errors';
import type { LargeText } from './large-text';

export interface EntityRecord {
  schedulerId: string;
  exists: boolean;
  state?: string;
  lastModifiedTime: string;
  /** Recently processed request ids: a redelivered operation (after a crash) runs once. */
  processed: string[];
  etag?: string;
}

export class EntityStore {
  constructor(
    private readonly table: TableClient,
    private readonly text: LargeText,
  ) {}

  async ensure(): Promise<void> {
    await this.table.createTable();
  }

  async get(schedulerId: string): Promise<EntityRecord | undefined> {
    try {
      const entity = await this.table.getEntity<Record<string, unknown>>(schedulerId, '');
      const processed = typeof entity.processed === 'string' ? z.array(z.string()).parse(JSON.parse(entity.processed)) : [];
      return {
        schedulerId,
        exists: entity.exists === true,
        state: await this.text.unpack(entity, 'state'),
        lastModifiedTime: typeof entity.lastModifiedTime === 'string' ? entity.lastModifiedTime : new Date(0).toISOString(),
        processed,
        etag: typeof entity.etag === 'string' ? entity.etag : undefined,
      };
    } catch (error) {
      if (statusCode(error) === 404) return undefined;
      throw error;
    }
  }

  async put(record: EntityRecord): Promise<void> {
    const entity = {
      partitionKey: record.schedulerId,
      rowKey: '',
      exists: record.exists,
      lastModifiedTime: record.lastModifiedTime,
      processed: JSON.stringify(record.processed),
      ...(await this.text.pack('state', record.state)),
    };
    try {
      if (record.etag) await this.table.updateEntity(entity, 'Replace', { etag: record.etag });
      else await this.table.createEntity(entity);
    } catch (error) {
      const code = statusCode(error);
      if (code === 412 || code === 409) throw new ConflictError(`entity ${record.schedulerId} changed underneath`);
      throw error;
    }
  }
}
