/** Claim check (EIP): documents too large for a queue message go to blob storage; the message carries the reference. */
import { randomUUID } from 'node:crypto';
import { BlobServiceClient, RestError } from '@azure/storage-blob';
import { PermanentError } from '../../core/errors';
import { storageError, type StorageAccount } from './table-access';

export class ClaimCheckStore {
  private readonly service: BlobServiceClient;
  private ready?: Promise<void>;

  constructor(account: StorageAccount, private readonly container = 'claim-checks') {
    this.service = typeof account === 'string'
      ? BlobServiceClient.fromConnectionString(account)
      : new BlobServiceClient(`https://${account.accountName}.blob.core.windows.net`, account.credential);
  }

  private ensure(): Promise<void> {
    if (!this.ready) {
      this.ready = this.service.getContainerClient(this.container).createIfNotExists().then(() => undefined, (error: unknown) => {
        this.ready = undefined;
        throw storageError(error, 'create claim-check container');
      });
    }
    return this.ready;
  }

  async put(content: Buffer | string, contentType = 'application/json'): Promise<string> {
    await this.ensure();
    const name = randomUUID();
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    try {
      await this.service.getContainerClient(this.container).getBlockBlobClient(name).uploadData(bytes, { blobHTTPHeaders: { blobContentType: contentType } });
    } catch (error) {
      throw storageError(error, 'store claim check');
    }
    return `${this.container}/${name}`;
  }

  async get(reference: string): Promise<Buffer> {
    const [container, name] = this.parts(reference);
    try {
      return await this.service.getContainerClient(container).getBlockBlobClient(name).downloadToBuffer();
    } catch (error) {
      if (error instanceof RestError && error.statusCode === 404) {
        throw new PermanentError(`claim check ${reference} does not exist`, { code: 'CLAIM_CHECK_MISSING', system: 'storage' });
      }
      throw storageError(error, 'read claim check');
    }
  }

  /** Deletes a claim check once its reader is done with it; one that is gone already is fine. */
  async delete(reference: string): Promise<void> {
    const [container, name] = this.parts(reference);
    try {
      await this.service.getContainerClient(container).getBlockBlobClient(name).deleteIfExists();
    } catch (error) {
      throw storageError(error, 'delete claim check');
    }
  }

  /** Deletes the claim checks written before `cutoff` (left behind by a crash between writing and reading); returns how many. */
  async deleteOlderThan(cutoff: Date): Promise<number> {
    await this.ensure();
    const container = this.service.getContainerClient(this.container);
    let deleted = 0;
    try {
      for await (const blob of container.listBlobsFlat()) {
        const written = blob.properties.createdOn ?? blob.properties.lastModified;
        if (written < cutoff) {
          await container.getBlockBlobClient(blob.name).deleteIfExists();
          deleted++;
        }
      }
    } catch (error) {
      throw storageError(error, 'clean up claim checks');
    }
    return deleted;
  }

  private parts(reference: string): [string, string] {
    const [container, name] = reference.split('/');
    if (container !== this.container || !name || !/^[0-9a-f-]{36}$/.test(name)) {
      throw new PermanentError(`claim check reference ${JSON.stringify(reference)} is not one of ours`, { code: 'BAD_CLAIM_CHECK', system: 'storage' });
    }
    return [container, name];
  }
}
