/** Which feed a prepared document became: a retried submit activity finds it instead of spending another of the 5 submissions per 5 minutes. */
import { isStatus, storageError, tableKey, type TableAccess } from '../../connectors/storage';
import { TABLES } from './names';

export interface FeedSubmissions {
  feedOf(ref: string): Promise<string | undefined>;
  record(ref: string, feedId: string): Promise<void>;
}

export class FeedSubmissionStore implements FeedSubmissions {
  constructor(private readonly tables: TableAccess, private readonly tableName: string = TABLES.submissions) {}

  async feedOf(ref: string): Promise<string | undefined> {
    const table = await this.tables.table(this.tableName);
    try {
      const entity = await table.getEntity<{ feedId: string }>('feed', tableKey(ref));
      return typeof entity.feedId === 'string' ? entity.feedId : undefined;
    } catch (error) {
      if (isStatus(error, 404)) return undefined;
      throw storageError(error, 'read feed submission');
    }
  }

  async record(ref: string, feedId: string): Promise<void> {
    const table = await this.tables.table(this.tableName);
    try {
      await table.upsertEntity({ partitionKey: 'feed', rowKey: tableKey(ref), feedId }, 'Replace');
    } catch (error) {
      throw storageError(error, 'record feed submission');
    }
  }
}
