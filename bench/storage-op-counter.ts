/** Counts HTTP requests this process sends to the storage account (Azurite): tables, queues and blobs, the durable task hub included. */
import diagnostics from 'node:diagnostics_channel';

interface RequestStart {
  request: { host?: string; getHeader?(name: string): unknown };
}

function hasRequest(message: unknown): message is RequestStart {
  return typeof message === 'object' && message !== null && 'request' in message;
}

export interface StorageOpCounter {
  readonly count: number;
  stop(): void;
}

/** Ports of the storage endpoints in a connection string (`TableEndpoint=http://127.0.0.1:10002/…` and friends). */
export function storagePortsOf(connectionString: string): Set<string> {
  const ports = new Set<string>();
  for (const match of connectionString.matchAll(/(?:Table|Queue|Blob)Endpoint=https?:\/\/[^:/;]+:(\d+)/g)) ports.add(match[1]);
  return ports;
}

export function countStorageOps(connectionString: string): StorageOpCounter {
  const ports = storagePortsOf(connectionString);
  let count = 0;
  const listener = (message: unknown): void => {
    if (!hasRequest(message)) return;
    const host = message.request.getHeader?.('host');
    const port = typeof host === 'string' ? host.split(':')[1] : undefined;
    if (port !== undefined && ports.has(port)) count += 1;
  };
  diagnostics.subscribe('http.client.request.start', listener);
  return {
    get count() { return count; },
    stop() { diagnostics.unsubscribe('http.client.request.start', listener); },
  };
}
