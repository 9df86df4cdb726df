/** history-purge: finished orchestration history and claim-check blobs older than the retention are deleted every day, without anyone asking. */
import { ClaimCheckStore } from '../../../connectors/storage';
import { purgeOldHistory } from '../../../functions/maintenance/history-purge';
import { readAppSettings } from '../../../functions/app-settings';
import { FakeInstanceClient } from '../operations/fake-instance-client';
import { azuriteConnectionString, uniqueName } from '../../support/storage';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe('history-purge', () => {
  it('keeps 30 days unless HISTORY_RETENTION_DAYS says otherwise', () => {
    expect(readAppSettings({ AzureWebJobsStorage: 'UseDevelopmentStorage=true' }).HISTORY_RETENTION_DAYS).toBe(30);
    expect(readAppSettings({ AzureWebJobsStorage: 'UseDevelopmentStorage=true', HISTORY_RETENTION_DAYS: '7' }).HISTORY_RETENTION_DAYS).toBe(7);
    expect(() => readAppSettings({ HISTORY_RETENTION_DAYS: '0' })).toThrow(/HISTORY_RETENTION_DAYS/);
  });

  it('purges the history of Completed, Failed and Terminated instances created before the retention window, and old claim checks', async () => {
    const client = new FakeInstanceClient();
    const cutoffs: Date[] = [];
    const result = await purgeOldHistory({ client, claimChecks: { deleteOlderThan: async (before) => { cutoffs.push(before); return 2; } }, retentionDays: 30 }, quiet, new Date('2026-03-31T03:15:00Z'));
    expect(result).toEqual({ before: '2026-03-01T03:15:00.000Z', instancesDeleted: 3, claimChecksDeleted: 2 });
    expect(client.calls).toEqual(['purgeBy 2026-03-01T03:15:00.000Z Completed,Failed,Terminated']);
    expect(cutoffs.map((d) => d.toISOString())).toEqual(['2026-03-01T03:15:00.000Z']);
  });

  it('deletes claim-check blobs last written before the cutoff and keeps newer ones', async () => {
    const store = new ClaimCheckStore(azuriteConnectionString(), uniqueName('claims').toLowerCase().replace(/[^a-z0-9-]/g, '').slice(0, 60));
    const reference = await store.put('{"a":1}');
    expect(await store.deleteOlderThan(new Date(Date.now() - 60_000))).toBe(0);
    expect((await store.get(reference)).toString()).toBe('{"a":1}');
    expect(await store.deleteOlderThan(new Date(Date.now() + 60_000))).toBe(1);
    await expect(store.get(reference)).rejects.toMatchObject({ code: 'CLAIM_CHECK_MISSING' });
  });
});
