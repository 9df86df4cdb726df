/** The prices benchmark run tiny: its keys, one message per SKU carrying quantity and price, the 60 % moves parked. */
import { runPricesBench } from '../../bench/prices-build';

describe('prices benchmark', () => {
  it('reports feeds, messages, prices sent, parked, build CPU and peak RSS', async () => {
    const result = await runPricesBench({ skus: 2000 });
    expect(result).toEqual({ scenario: 'prices', skus: 2000, feeds: 1, messages: 2000, pricesSent: 1998, parked: 2, buildCpuSeconds: expect.any(Number), peakRssMb: expect.any(Number) });
  });
});
