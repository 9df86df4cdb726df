/** The order-burst benchmark run tiny: every documented key, every order created once (its speed is not asserted). */
import { runOrderBurstBench } from '../../bench/order-burst';
import { sourceAppFiles } from '../../local/sandbox/sandbox';
import { azuriteConnectionString } from '../support/storage';

describe('order-burst benchmark', () => {
  it('reports the documented keys and creates each announced order exactly once', async () => {
    const result = await runOrderBurstBench({ orders: 3, timeScale: 50, appFiles: sourceAppFiles(), connectionString: azuriteConnectionString(), timeoutSeconds: 90 });
    expect(Object.keys(result)).toEqual(['scenario', 'orders', 'created', 'duplicates', 'lost', 'drainSeconds', 'floorSeconds', 'ratio', 'getOrderFloorSeconds', 'ordersPerSecond', 'throttledAfterWarmup', 'amazonCallsPerOrder', 'm3RoundTripsPerOrder', 'storageOpsPerOrder', 'cpuSeconds', 'peakRssMb']);
    expect(result).toMatchObject({ scenario: 'order-burst', orders: 3, created: 3, duplicates: 0, lost: 0, floorSeconds: 0 });
    expect(result.amazonCallsPerOrder).toBeGreaterThan(0);
    process.stdout.write(`order-burst (tiny run): ${JSON.stringify(result)}\n`);
  }, 120_000);
});
