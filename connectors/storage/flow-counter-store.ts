/** Per-flow, per-hour outcome counters (created, parked, failed, refused …) for the ops page and health; no payloads. */
import { isStatus, storageError, tableKey, type TableAccess } from './table-access';

export interface FlowCount {
  day: string;
  hour: number;
  flow: string;
  outcome: string;
  count: number;
}

/** Rows per counter and hour: enough that parallel activities rarely meet on one, few enough to sum cheaply. */
const SHARDS = 8;

export class FlowCounterStore {
  constructor(private readonly tables: TableAccess, private readonly tableName = 'flowcounters') {}

  /**
   * Adds to one of SHARDS rows of the hour, picked at random: every order of a flow increments the same counter, and
   * one row would make concurrent activities collide on its ETag and retry (measured: most of an order's storage
   * time under load). `day` sums the shards.
   */
  async increment(flow: string, outcome: string, by = 1, at = new Date()): Promise<void> {
    const table = await this.tables.table(this.tableName);
    const day = at.toISOString().slice(0, 10);
    const hour = at.getUTCHours();
    const shard = Math.floor(Math.random() * SHARDS);
    const rowKey = tableKey(`${flow}|${outcome}|${String(hour).padStart(2, '0')}|${shard}`);
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
    const sums = new Map<string, FlowCount>();
    try {
      for await (const e of table.listEntities<{ flow: string; outcome: string; hour: number; count: number }>({ queryOptions: { filter: `PartitionKey eq '${day}'` } })) {
        const key = `${e.flow}|${e.outcome}|${e.hour}`;
        const sum = sums.get(key) ?? { day, hour: e.hour, flow: e.flow, outcome: e.outcome, count: 0 };
        sum.count += e.count;
        sums.set(key, sum);
      }
    } catch (error) {
      throw storageError(error, 'read flow counters');
    }
    return [...sums.values()];
  }
}
