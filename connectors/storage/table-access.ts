/** Opens Azure Table Storage tables (Azurite locally), creating each once, and maps storage failures to our error classes. */
import { RestError, TableClient, TableServiceClient } from '@azure/data-tables';
import type { TokenCredential } from '@azure/core-auth';
import { AuthError, TransientError } from '../../core/errors';

export interface TableAccess {
  table(name: string): Promise<TableClient>;
}

/** Table keys may not contain / \ # ? or control characters (Azure Table service data model); encode them away. */
export function tableKey(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** A connection string (Azurite, keys), or an account reached with a token credential (managed identity in Azure). */
export type StorageAccount = string | { accountName: string; credential: TokenCredential };

export function createTableAccess(account: StorageAccount, prefix = ''): TableAccess {
  const connectionString = typeof account === 'string' ? account : '';
  const allowInsecureConnection = /DefaultEndpointsProtocol=http;|UseDevelopmentStorage=true|http:\/\/127\.0\.0\.1/.test(connectionString);
  const open = (name: string): TableClient => typeof account === 'string'
    ? TableClient.fromConnectionString(account, name, { allowInsecureConnection })
    : new TableClient(`https://${account.accountName}.table.core.windows.net`, name, account.credential);
  const ready = new Map<string, Promise<TableClient>>();
  return {
    table(name: string): Promise<TableClient> {
      const full = `${prefix}${name}`;
      let client = ready.get(full);
      if (!client) {
        client = (async () => {
          const table = open(full);
          try {
            await table.createTable();
          } catch (error) {
            if (!(error instanceof RestError && error.statusCode === 409)) {
              ready.delete(full);
              throw storageError(error, `create table ${full}`);
            }
          }
          return table;
        })();
        ready.set(full, client);
      }
      return client;
    },
  };
}

export function isStatus(error: unknown, status: number): boolean {
  return error instanceof RestError && error.statusCode === status;
}

/** Storage is infrastructure: anything but an auth refusal is worth retrying. */
export function storageError(error: unknown, what: string): Error {
  const status = error instanceof RestError ? error.statusCode : undefined;
  if (status === 401 || status === 403) return new AuthError(`storage refused ${what} (${status})`, { code: 'STORAGE_AUTH', system: 'storage', cause: error });
  return new TransientError(`storage failed to ${what}${status ? ` (${status})` : ''}`, { code: 'STORAGE_UNAVAILABLE', system: 'storage', details: { status }, cause: error });
}

export { TableServiceClient };
