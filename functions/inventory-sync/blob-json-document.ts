/**
 * One JSON document in blob storage, changed by optimistic concurrency (read with its ETag, write If-Match, retry on a
 * conflict). The inventory buffer and states are whole-channel documents: a 100k-SKU sweep is one read and one write
 * instead of a thousand table transactions, and nothing of it passes through orchestration history.
 */
import { BlobServiceClient, RestError, type ContainerClient } from '@azure/storage-blob';
import type { z } from 'zod';
import { storageError, type StorageAccount } from '../../connectors/storage';

export class BlobDocuments {
  private readonly container: ContainerClient;
  private ready?: Promise<void>;

  constructor(account: StorageAccount, containerName = 'inventory') {
    const service = typeof account === 'string'
      ? BlobServiceClient.fromConnectionString(account)
      : new BlobServiceClient(`https://${account.accountName}.blob.core.windows.net`, account.credential);
    this.container = service.getContainerClient(containerName);
  }

  private ensure(): Promise<void> {
    this.ready ??= this.container.createIfNotExists().then(() => undefined, (error: unknown) => {
      this.ready = undefined;
      throw storageError(error, 'create the inventory container');
    });
    return this.ready;
  }

  async read<T>(name: string, schema: z.ZodType<T, z.ZodTypeDef, unknown>, empty: () => T): Promise<{ value: T; etag?: string }> {
    await this.ensure();
    try {
      const response = await this.container.getBlockBlobClient(name).download();
      const chunks: Buffer[] = [];
      for await (const chunk of response.readableStreamBody ?? []) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
      return { value: schema.parse(JSON.parse(Buffer.concat(chunks).toString('utf8'))), etag: response.etag };
    } catch (error) {
      if (error instanceof RestError && error.statusCode === 404) return { value: empty() };
      throw storageError(error, `read ${name}`);
    }
  }

  /** Applies `change` until it lands on the version it read; `change` returns false when there is nothing to write. */
  async update<T>(name: string, schema: z.ZodType<T, z.ZodTypeDef, unknown>, empty: () => T, change: (value: T) => boolean): Promise<void> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const { value, etag } = await this.read(name, schema, empty);
      if (!change(value)) return;
      const body = Buffer.from(JSON.stringify(value), 'utf8');
      try {
        await this.container.getBlockBlobClient(name).uploadData(body, {
          blobHTTPHeaders: { blobContentType: 'application/json' },
          conditions: etag === undefined ? { ifNoneMatch: '*' } : { ifMatch: etag },
        });
        return;
      } catch (error) {
        if (error instanceof RestError && (error.statusCode === 412 || error.statusCode === 409)) continue;
        throw storageError(error, `write ${name}`);
      }
    }
    throw storageError(new Error('too many concurrent writers'), `write ${name}`);
  }

  async names(prefix: string): Promise<string[]> {
    await this.ensure();
    const names: string[] = [];
    try {
      for await (const blob of this.container.listBlobsFlat({ prefix })) names.push(blob.name);
    } catch (error) {
      throw storageError(error, `list ${prefix}`);
    }
    return names.sort();
  }
}

/** Blob name segment for a seller, region or marketplace group (encoded so "/" and friends cannot nest). */
export function segment(value: string): string {
  return encodeURIComponent(value);
}
