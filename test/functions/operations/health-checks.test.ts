import { runHealthChecks } from '../../../functions/operations/health-checks';

describe('health checks', () => {
  it('is ok when every check answers, with a latency per check', async () => {
    let t = 0;
    const report = await runHealthChecks([
      { name: 'storage', run: async () => { t += 5; } },
      { name: 'amazon', run: async () => { t += 7; return '2 seller region(s)'; } },
    ], { now: () => t });
    expect(report.status).toBe('ok');
    expect(report.checks.map((c) => [c.name, c.status, c.detail])).toEqual([['storage', 'ok', ''], ['amazon', 'ok', '2 seller region(s)']]);
    expect(report.checks.every((c) => c.latencyMs >= 0)).toBe(true);
  });

  it('fails a check that does not answer within its timeout, and aborts it', async () => {
    let aborted = false;
    const report = await runHealthChecks([
      { name: 'm3', run: (signal) => new Promise((resolve) => { signal.addEventListener('abort', () => { aborted = true; resolve(); }); }) },
      { name: 'storage', run: async () => undefined },
    ], { timeoutMs: 10 });
    expect(report.status).toBe('degraded');
    expect(report.checks[0]).toMatchObject({ name: 'm3', status: 'failed', detail: 'no answer within 10 ms' });
    expect(report.checks[1]?.status).toBe('ok');
    expect(aborted).toBe(true);
  });

  it('never echoes a secret from an error message', async () => {
    const report = await runHealthChecks([{ name: 'amazon', run: async () => { throw new Error('token call failed: client_secret=abc123&refresh_token=Atzr|xyz Bearer eyJhbGciOi.x.y'); } }]);
    expect(report.checks[0]!.detail).not.toMatch(/abc123|Atzr\|xyz|eyJhbGciOi/);
    expect(report.checks[0]!.status).toBe('failed');
  });
});
