/** Inventory e2e helpers: a mappings directory with an inventory section, and typed reads of the simulators' state. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LocalDurableEngine } from '../../local/host/durable';
import { REPO_ROOT, type Sandbox } from '../../local/sandbox/sandbox';
import { flushInstanceId } from '../../functions/inventory-sync/names';
import { getJson } from './sandbox-support';

/** The shipped mappings plus an inventory section (the shipped file syncs no marketplace's stock). */
export function mappingsWithInventory(inventory: Record<string, unknown>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'm3sync-inventory-mappings-'));
  const shipped = JSON.parse(readFileSync(path.join(REPO_ROOT, 'mappings', 'default.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(path.join(dir, 'default.json'), JSON.stringify({ ...shipped, inventory }, null, 2));
  return dir;
}

export interface SimFeed {
  feedId: string;
  feedType: string;
  processingStatus: string;
  messages: Array<{ messageId: number; sku: string; operationType: string; patches?: Array<{ op: string; path: string; value: Array<{ fulfillment_channel_code: string; quantity: number }> }> }>;
}

export interface SimListing {
  sku: string;
  quantity: number | null;
  productType: string;
  attributes: Record<string, unknown>;
}

export async function listingsFeeds(amazonUrl: string): Promise<SimFeed[]> {
  return (await getJson<SimFeed[]>(`${amazonUrl}/_sim/feeds`)).filter((f) => f.feedType === 'JSON_LISTINGS_FEED');
}

export async function listingsBySku(amazonUrl: string): Promise<Map<string, SimListing>> {
  return new Map((await getJson<SimListing[]>(`${amazonUrl}/_sim/listings`)).map((l) => [l.sku, l]));
}

/**
 * Waits until the app is idle and the seller's flush instances have ended: the host's whenIdle does not wait for a
 * durable timer (the flush polls getFeed on timers), so the instance status is checked as well.
 */
export async function whenInventoryFlushed(sandbox: Sandbox, sellerId: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await sandbox.host.whenIdle({ timeoutMs: Math.max(1000, deadline - Date.now()) });
    const running: string[] = [];
    for (const region of ['NA', 'EU', 'FE']) {
      const instance = await (sandbox.host.durable as LocalDurableEngine | undefined)?.store.getInstance(flushInstanceId(sellerId, region));
      if (instance && ['Pending', 'Running', 'ContinuedAsNew'].includes(String(instance.runtimeStatus))) running.push(region);
    }
    if (running.length === 0) return;
    if (Date.now() > deadline) throw new Error(`inventory flush of ${sellerId} (${running.join(', ')}) still running after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
