/**
 * `m3-balance-sweep` (docs/contracts.md, Sandbox control timer name): the authority for Amazon quantities. Reads every mapped warehouse,
 * buffers the SKUs whose available-to-sell changed, and starts the flush of each seller × region that has work.
 */
import { app, type InvocationContext, type Timer } from '@azure/functions';
import * as df from 'durable-functions';
import { dependencies } from '../runtime/dependencies';
import { logEvent } from '../runtime/structured-log';
import { inventoryPorts } from './inventory-ports';
import { BALANCE_SWEEP_TIMER, INVENTORY_FLOW } from './names';
import { refreshInventory } from './refresh-inventory';
import { startOrSignalFlush } from './start-flush';

export async function sweepBalances(_timer: Timer, context: InvocationContext): Promise<void> {
  const deps = dependencies();
  await deps.switches.refresh();
  if (deps.switches.isPaused(INVENTORY_FLOW)) {
    logEvent(context, 'info', 'inventory.sweep-skipped', { flow: INVENTORY_FLOW, reason: 'paused' });
    return;
  }
  const ports = inventoryPorts(deps);
  const result = await refreshInventory({ kind: 'sweep' }, ports.refresh);
  const client = df.getClient(context);
  for (const { sellerId, region } of result.regions) await startOrSignalFlush(client, sellerId, region, ports.timeScale);
  await deps.counters.increment(INVENTORY_FLOW, 'swept');
  logEvent(context, 'info', 'inventory.swept', { flow: INVENTORY_FLOW, channels: result.channels, computed: result.computed, buffered: result.buffered, regions: result.regions.length });
}

app.timer(BALANCE_SWEEP_TIMER, {
  // Every 15 minutes: Amazon lets a region take 5 listings feeds per 5 minutes, and a sweep yields at most one per group.
  schedule: '0 */15 * * * *',
  extraInputs: [df.input.durableClient()],
  handler: sweepBalances,
});
