/**
 * The engine's in-memory copy of the instances it drives: the last committed instance row (with its etag) and the
 * history of its current execution. The engine is the only writer of its task hub in a host process, so an episode
 * replays from this copy and reads storage only on first touch, after a restart or after an etag conflict; a stale
 * copy can never commit, because every commit is conditional on the etag it holds.
 */
import { isTerminal } from './history-events';
import type { DurableStore, HistoryRow, InstanceRecord } from './durable-store';

export interface LiveInstance {
  record: InstanceRecord;
  rows: HistoryRow[];
  /** How many of `rows` are stored in the instance's partition (0 for history still in the older table). */
  stored: number;
}

export class LiveInstances {
  private readonly live = new Map<string, LiveInstance>();

  constructor(private readonly store: DurableStore) {}

  /** The copy, if the engine holds one (finished instances are not held). */
  peek(instanceId: string): LiveInstance | undefined {
    return this.live.get(instanceId);
  }

  /** The copy, read from storage when not held; undefined when the instance does not exist. */
  async load(instanceId: string): Promise<LiveInstance | undefined> {
    const held = this.live.get(instanceId);
    if (held) return held;
    const record = await this.store.getInstance(instanceId);
    if (!record) return undefined;
    if (isTerminal(record.runtimeStatus)) return { record, rows: [], stored: 0 };
    const rows = await this.store.readHistory(record);
    const loaded = { record, rows, stored: record.legacyHistory ? 0 : rows.length };
    // Another caller may have committed while we read: keep the newer copy (ours would only cause a conflict).
    const raced = this.live.get(instanceId);
    if (raced) return raced;
    this.live.set(instanceId, loaded);
    return loaded;
  }

  /** After a successful commit: `record` carries the new etag, `rows` the whole committed history of its execution. */
  remember(record: InstanceRecord, rows: HistoryRow[]): void {
    if (isTerminal(record.runtimeStatus)) {
      this.live.delete(record.instanceId);
      return;
    }
    this.live.set(record.instanceId, { record, rows, stored: rows.length });
  }

  /** After a conflict or a failed commit: the next episode reads storage again. */
  forget(instanceId: string): void {
    this.live.delete(instanceId);
  }
}
