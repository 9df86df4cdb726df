/** Text columns of durable rows: inline up to a table property's size, else moved to a blob named in `<column>Blob`. */
import { randomUUID } from 'node:crypto';
import type { ContainerClient } from '@azure/storage-blob';

// A table string property holds at most 64 KiB of UTF-16, i.e. 32 K chars; keep a margin.
export const MAX_INLINE_CHARS = 30_000;

export class LargeText {
  constructor(private readonly blobs: ContainerClient) {}

  async ensure(): Promise<void> {
    await this.blobs.createIfNotExists();
  }

  async pack(column: string, value: string | undefined): Promise<Record<string, string>> {
    if (value === undefined) return {};
    if (value.length <= MAX_INLINE_CHARS) return { [column]: value };
    const blobName = randomUUID();
    await this.blobs.getBlockBlobClient(blobName).upload(value, Buffer.byteLength(value));
    return { [`${column}Blob`]: blobName };
  }

  async unpack(entity: Record<string, unknown>, column: string): Promise<string | undefined> {
    const inline = entity[column];
    if (typeof inline === 'string') return inline;
    const blobName = entity[`${column}Blob`];
    if (typeof blobName !== 'string') return undefined;
    const buffer = await this.blobs.getBlockBlobClient(blobName).downloadToBuffer();
    return buffer.toString('utf8');
  }

  async deleteBlob(blobName: string): Promise<void> {
    await this.blobs.getBlockBlobClient(blobName).deleteIfExists();
  }

  async deleteBlobsOf(entity: Record<string, unknown>): Promise<void> {
    for (const [key, value] of Object.entries(entity)) {
      if (key.endsWith('Blob') && typeof value === 'string') await this.deleteBlob(value);
    }
  }
}
