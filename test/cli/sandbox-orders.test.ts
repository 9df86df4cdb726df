/** `m3sync sandbox orders`: feeds the running sandbox's SP-API simulator (found through SPAPI_SIM_PORT) with new orders. */
import { z } from 'zod';
import { startAmazonSimulator, type AmazonSimulator } from '../../local/sim/amazon/amazon-simulator';
import { runCliInProcess } from '../support/run-cli';

describe('m3sync sandbox orders', () => {
  let sim: AmazonSimulator;
  beforeAll(async () => { sim = await startAmazonSimulator(); });
  afterAll(async () => { await sim.close(); });

  it('creates --count orders in the marketplace asked for (id or code) and lists their ids', async () => {
    const run = await runCliInProcess(['sandbox', 'orders', '--count', '3', '--marketplace', 'DE', '--json'], { SPAPI_SIM_PORT: String(sim.port) });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const { orderIds } = z.object({ orderIds: z.array(z.string()) }).parse(JSON.parse(run.stdout));
    expect(orderIds).toHaveLength(3);
    for (const id of orderIds) {
      const order = z.object({ salesChannel: z.object({ marketplaceId: z.string() }) }).passthrough().parse(sim.state.orders[id]);
      expect(order.salesChannel.marketplaceId).toBe('A1PA6795UKMFR9');
    }
  });

  it('defaults to the seller\'s first marketplace and says what it created', async () => {
    const run = await runCliInProcess(['sandbox', 'orders', '--count', '1'], { SPAPI_SIM_PORT: String(sim.port) });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/1 order\(s\) created/);
  });

  it('refuses a bad count, an unknown marketplace and an unreachable simulator with one error line (exit 2)', async () => {
    const count = await runCliInProcess(['sandbox', 'orders', '--count', 'many'], { SPAPI_SIM_PORT: String(sim.port) });
    expect(count).toMatchObject({ code: 2, stderr: 'error: --count must be a whole number from 1 to 1000\n' });
    const market = await runCliInProcess(['sandbox', 'orders', '--count', '1', '--marketplace', 'XX'], { SPAPI_SIM_PORT: String(sim.port) });
    expect(market.code).toBe(2);
    expect(market.stderr).toMatch(/^error: the SP-API simulator refused the request \(400\): marketplaceId/);
    const down = await runCliInProcess(['sandbox', 'orders', '--count', '1'], { SPAPI_SIM_PORT: '1' });
    expect(down.code).toBe(2);
    expect(down.stderr).toMatch(/not reachable/);
  });
});
