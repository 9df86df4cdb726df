/** Per-flow, per-hour outcome counters (created, parked, failed, refused …) for the ops page and health; no payloads. */
import { isStatus, storageError, tableKey, type TableAccess } from './table-access';

export interface FlowCount {
  day: string;
  hour: number;
  flow: string;
  outcome: string;
  count: number;
}

export class FlowCounterStore {
  constructor(private readonly tables: TableAccess, private readonly tableName = 'flowcounters') {}

  async increment(flow: string, outcome: string, by = 1, at = new Date()): Promise<void> {
    const table = await this.tables.table(this.tableName);
    const day = at.toISOString().slice(0, 10);
    const hour = at.getUTCHours();
    const rowKey = tableKey(`${flow}|${outcome}|${String(hour).padStart(2, '0')}`);
    for (let attempt = 0; attempt < 10; attempt++) {
      try {
        const current = await table.getEntity<{ count: number }>(day, rowKey);
        await table.updateEntity({ partitionKey: day, rowKey, flow, outcome, hour, count: current.count + by }, 'Replace', { etag: current.etag });
        return;
      } catch (error) {
        if (isStatus(error, 404)) {
          try {
            await table.createEntity({ partitionKey: day, rowKey, flow, outcome, hour, count: by });
            return;
          } catch (createError) {
            if (isStatus(createError, 409)) continue;
            throw storageError(createError, 'count flow outcome');
          }
        }
        if (isStatus(error, 412)) continue;
        throw storageError(error, 'count flow outcome');
      }
    }
  }

  async day(day: string): Promise<FlowCount[]> {
    const table = await this.tables.table(this.tableName);
    const counts: FlowCount[] = [];
    try {
      for await (const e of table.listEntities<{ flow: string; outcome: string; hour: number; count: number }>({ queryOptions: { filter: `PartitionKey eq '${day}'` } })) {
        counts.push({ day, hour: e.hour, flow: e.flow, outcome: e.outcome, count: e.count });
      }
    } catch (error) {
      throw storageError(error, 'read flow counters');
    }
    return counts;
  }
}
