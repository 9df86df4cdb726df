/** Storage queue clients by name, created on first use (Azurite and Azure Storage alike). */
import { QueueServiceClient, type QueueClient } from '@azure/storage-queue';
import { fromStorageError } from './messaging-errors';

export class StorageQueueClients {
  private readonly service: QueueServiceClient;
  private readonly ready = new Map<string, Promise<QueueClient>>();

  constructor(connectionString: string) {
    this.service = QueueServiceClient.fromConnectionString(connectionString);
  }

  /** The queue client, after createIfNotExists has succeeded once for it in this process. */
  get(storageName: string): Promise<QueueClient> {
    let pending = this.ready.get(storageName);
    if (!pending) {
      const client = this.service.getQueueClient(storageName);
      pending = client.createIfNotExists().then(() => client, (error: unknown) => {
        this.ready.delete(storageName);
        throw fromStorageError(error, 'create', storageName);
      });
      this.ready.set(storageName, pending);
    }
    return pending;
  }
}
