/**
 * Scans everything the app could have persisted — every table (parked items, order links, durable history and
 * instances), blob container (claim checks, large history payloads), queue (work and dead letters), plus captured
 * logs or pages — for personal data. A value is found in any case and with any spacing (`JANE  DOE` for `Jane Doe`),
 * also JSON-escaped, because M3 and Amazon echo names back in their own spelling.
 */
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
    // oxlint-disable-next-line no-control-regex -- the pattern names the control characters text may hold
    return /[^\x09\x0a\x0d\x20-\x7e\u00a0-\uffff]/.test(decoded) ? text : `${text}\n${decoded}`;
  } catch {
    return text;
  }
}

/** Case and spacing do not hide a value. */
function loose(text: string): string {
  return text.toLowerCase().replace(/\s+/g, '');
}

export async function scanStorageForPii(connectionString: string, values: readonly string[], logs: readonly string[] = []): Promise<PiiFinding[]> {
  const findings: PiiFinding[] = [];
  const wanted = values.map((value) => ({ value, loose: [loose(value), loose(JSON.stringify(value).slice(1, -1))] }));
  const check = (where: string, text: string): void => {
    const haystack = loose(text);
    for (const { value, loose: forms } of wanted) if (forms.some((form) => form !== '' && haystack.includes(form))) findings.push({ where, value });
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
