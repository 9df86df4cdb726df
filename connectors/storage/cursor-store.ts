/** Resumable consumer (EIP): sweep cursors in Table Storage, advanced with an ETag so two sweeps never move one backwards. */
import { isStatus, storageError, tableKey, type TableAccess } from './table-access';

export interface Cursor {
  value: string;
  updatedAt: string;
}

export class CursorStore {
  constructor(private readonly tables: TableAccess, private readonly tableName = 'cursors') {}

  async get(name: string): Promise<Cursor | undefined> {
    const table = await this.tables.table(this.tableName);
    try {
      const entity = await table.getEntity<{ value: string; updatedAt: string }>('cursor', tableKey(name));
      return { value: entity.value, updatedAt: entity.updatedAt };
    } catch (error) {
      if (isStatus(error, 404)) return undefined;
      throw storageError(error, `read cursor ${name}`);
    }
  }

  /** Moves the cursor forward only: a value that sorts before the stored one is ignored (ISO-8601 sorts as text). */
  async advance(name: string, value: string): Promise<boolean> {
    const table = await this.tables.table(this.tableName);
    for (let attempt = 0; attempt < 5; attempt++) {
      let etag: string | undefined;
      try {
        const current = await table.getEntity<{ value: string }>('cursor', tableKey(name));
        if (current.value >= value) return false;
        etag = current.etag;
      } catch (error) {
        if (!isStatus(error, 404)) throw storageError(error, `read cursor ${name}`);
      }
      const entity = { partitionKey: 'cursor', rowKey: tableKey(name), value, updatedAt: new Date().toISOString() };
      try {
        if (etag) await table.updateEntity(entity, 'Replace', { etag });
        else await table.createEntity(entity);
        return true;
      } catch (error) {
        if (isStatus(error, 412) || isStatus(error, 409)) continue;
        throw storageError(error, `advance cursor ${name}`);
      }
    }
    return false;
  }
}
