/**
 * `price-sweep`: M3 publishes no price BOD, so the prices are polled. Reads each mapped marketplace's M3 price source,
 * buffers the changed prices that pass the guardrails, parks the rest, and wakes the inventory flush of each
 * seller × region with work (prices and quantities share its feeds and its feed budget).
 */
import { app, type InvocationContext, type Timer } from '@azure/functions';
import * as df from 'durable-functions';
import { dependencies } from '../runtime/dependencies';
import { logEvent } from '../runtime/structured-log';
import { inventoryPorts } from '../inventory-sync/inventory-ports';
import { startOrSignalFlush } from '../inventory-sync/start-flush';
import { PRICE_FLOW, PRICE_SWEEP_TIMER } from './names';
import { priceRefreshPorts } from './price-ports';
import { refreshPrices } from './refresh-prices';

export async function sweepPrices(_timer: Timer, context: InvocationContext): Promise<void> {
  const deps = dependencies();
  await deps.switches.refresh();
  if (deps.switches.isPaused(PRICE_FLOW)) {
    logEvent(context, 'info', 'prices.sweep-skipped', { flow: PRICE_FLOW, reason: 'paused' });
    return;
  }
  const ports = inventoryPorts(deps);
  const result = await refreshPrices(priceRefreshPorts(deps));
  const client = df.getClient(context);
  for (const { sellerId, region } of result.regions) await startOrSignalFlush(client, sellerId, region, ports.timeScale);
  await deps.counters.increment(PRICE_FLOW, 'swept');
  logEvent(context, 'info', 'prices.swept', { flow: PRICE_FLOW, read: result.read, buffered: result.buffered, parked: result.parked, regions: result.regions.length });
}

app.timer(PRICE_SWEEP_TIMER, {
  // Hourly at :05: prices change less often than stock, and each sweep lists whole price lists.
  schedule: '0 5 * * * *',
  extraInputs: [df.input.durableClient()],
  handler: sweepPrices,
});
