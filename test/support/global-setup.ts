/** One in-memory Azurite for the whole test run; its connection string reaches every worker through the environment. */
import { startAzurite } from '../../local/azurite/azurite-process';

export default async function globalSetup(): Promise<void> {
  const azurite = await startAzurite();
  process.env.AzureWebJobsStorage = azurite.connectionString;
  process.env.M3SYNC_TEST_AZURITE_PID = String(azurite.pid);
  (globalThis as { __AZURITE__?: { stop(): Promise<void> } }).__AZURITE__ = azurite;
}
