/** The intake benchmark run tiny: every documented key, nothing lost (its speed is not asserted). */
import { runIntakeBench } from '../../bench/intake';
import { sourceAppFiles } from '../../local/sandbox/sandbox';
import { azuriteConnectionString } from '../support/storage';

describe('intake benchmark', () => {
  it('reports the documented keys and loses no accepted notification', async () => {
    const result = await runIntakeBench({ requests: 5, concurrency: 2, appFiles: sourceAppFiles(), connectionString: azuriteConnectionString() });
    expect(result).toEqual({ scenario: 'intake', requests: 5, requestsPerSecond: expect.any(Number), p50Ms: expect.any(Number), p99Ms: expect.any(Number), lost: 0 });
    expect(result.p99Ms).toBeGreaterThanOrEqual(result.p50Ms);
  }, 120_000);
});
