/** Scans everything the app could have persisted — every table, blob container and queue in Azurite, plus captured logs — for personal data. */
import { TableServiceClient, TableClient } from '@azure/data-tables';
import { BlobServiceClient } from '@azure/storage-blob';
import { QueueServiceClient } from '@azure/storage-queue';

export interface PiiFinding {
  where: string;
  value: string;
}

function decodeQueueText(text: string): string {
  try {
    const decoded = Buffer.from(text, 'base64').toString('utf8');
    return /[^\x09\x0a\x0d\x20-\x7e\u00a0-\uffff]/.test(decoded) ? text : `${text}\n${decoded}`;
  } catch {
    return text;
  }
}

export async function scanStorageForPii(connectionString: string, values: readonly string[], logs: readonly string[] = []): Promise<PiiFinding[]> {
  const findings: PiiFinding[] = [];
  const check = (where: string, text: string): void => {
    for (const value of values) if (text.includes(value) || text.includes(JSON.stringify(value).slice(1, -1))) findings.push({ where, value });
  };
  const tables = TableServiceClient.fromConnectionString(connectionString, { allowInsecureConnection: true });
  for await (const table of tables.listTables()) {
    const client = TableClient.fromConnectionString(connectionString, table.name!, { allowInsecureConnection: true });
    for await (const entity of client.listEntities()) check(`table ${table.name}`, JSON.stringify(entity));
  }
  const blobs = BlobServiceClient.fromConnectionString(connectionString);
  for await (const container of blobs.listContainers()) {
    const client = blobs.getContainerClient(container.name);
    for await (const blob of client.listBlobsFlat()) {
      const content = await client.getBlobClient(blob.name).downloadToBuffer();
      check(`blob ${container.name}/${blob.name}`, content.toString('utf8'));
    }
  }
  const queues = QueueServiceClient.fromConnectionString(connectionString);
  for await (const queue of queues.listQueues()) {
    const peeked = await queues.getQueueClient(queue.name).peekMessages({ numberOfMessages: 32 });
    for (const message of peeked.peekedMessageItems) check(`queue ${queue.name}`, decodeQueueText(message.messageText));
  }
  logs.forEach((line, i) => check(`log line ${i}`, line));
  return findings;
}
