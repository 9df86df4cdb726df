/** Test access to the shared Azurite: its connection string and a unique prefix per test file, so files never share tables or queues. */
import { randomBytes } from 'node:crypto';

export function azuriteConnectionString(): string {
  const value = process.env.AzureWebJobsStorage;
  if (!value) throw new Error('AzureWebJobsStorage is not set: tests run under jest globalSetup, which starts Azurite');
  return value;
}

/** Letters only, since table names must start with a letter and be alphanumeric. */
export function uniqueName(prefix: string): string {
  return `${prefix}${randomBytes(4).toString('hex').replace(/[0-9]/g, (d) => 'abcdefghij'[Number(d)])}`;
}
