/**
 * whenIdle() on the real clock: the short backoff of a failed activity's retry is work still in progress (an order
 * whose M3 call hit a connection reset is created a few seconds later, and a test that looked at "idle" must see
 * it), while a long timer or an awaited event leaves the engine idle.
 */
import * as df from 'durable-functions';
import type { OrchestrationContext } from 'durable-functions';
import { startHarness, type Harness } from './engine-harness';

let failuresLeft = 0;

df.app.activity('flakyOnce', {
  handler: async () => {
    if (failuresLeft > 0) {
      failuresLeft--;
      throw new Error('connection failed (read ECONNRESET)');
    }
    return 'created';
  },
});
df.app.orchestration('retriesAfterBackoff', function* (context: OrchestrationContext) {
  const result: string = yield context.df.callActivityWithRetry('flakyOnce', new df.RetryOptions(200, 3));
  return result;
});
df.app.orchestration('sleepsAnHour', function* (context: OrchestrationContext) {
  yield context.df.createTimer(new Date(context.df.currentUtcDateTime.getTime() + 3600_000));
  return 'woke';
});

describe('whenIdle on the real clock', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.engine.stop();
  });

  it('waits for the retry of a failed activity: the orchestration has completed when the engine is idle', async () => {
    failuresLeft = 1;
    const id = await h.client.startNew('retriesAfterBackoff', { instanceId: 'retry-1' });
    await h.engine.whenIdle();
    expect(await h.client.getStatus(id)).toMatchObject({ runtimeStatus: 'Completed', output: 'created' });
  });

  it('does not wait for a long timer: the engine is idle while the orchestration sleeps', async () => {
    const id = await h.client.startNew('sleepsAnHour', { instanceId: 'sleeper-1' });
    await h.engine.whenIdle();
    expect(await h.client.getStatus(id)).toMatchObject({ runtimeStatus: 'Running' });
  });
});
