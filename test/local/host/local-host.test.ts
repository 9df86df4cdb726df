import path from 'node:path';
import { startLocalHost, memorySink, type LocalHost } from '../../../local/host';
import { azuriteConnectionString, uniqueName } from '../../support/storage';

const FIXTURE = path.resolve(__dirname, '../../fixtures/apps/http-timer-queue-app.js');

interface FixtureState {
  timerRuns: Array<{ isPastDue: boolean; hasStatus: boolean; functionName: string }>;
  received: Array<{ message: unknown; messageId: string; deliveryCount: number; applicationProperties: Record<string, unknown> }>;
  attempts: Record<string, number>;
}

describe('the local Functions host', () => {
  const sink = memorySink();
  const queue = uniqueName('fixture');
  let host: LocalHost;
  let state: FixtureState;

  beforeAll(async () => {
    host = await startLocalHost({
      appFiles: [FIXTURE],
      port: 0,
      connectionString: azuriteConnectionString(),
      keys: { functionKey: 'fn-key-123', masterKey: 'master-key-456' },
      opsKeys: ['ops-789'],
      maxDeliveryCount: 3,
      env: { FIXTURE_QUEUE: queue },
      sink,
    });
    state = (require(FIXTURE) as { state: FixtureState }).state;
  });
  afterAll(async () => { await host?.stop(); });

  describe('HTTP triggers', () => {
    it('routes /api/<route> with route parameters, an omitted optional parameter, query and headers', async () => {
      const response = await fetch(`${host.url}/api/items/42?q=find`, { headers: { 'x-test': 'yes' } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/application\/json/);
      expect(await response.json()).toEqual({ id: '42', part: null, method: 'GET', q: 'find', header: 'yes', body: null, functionName: 'echo-item' });
    });

    it('fills the optional parameter and passes the request body', async () => {
      const response = await fetch(`${host.url}/api/ITEMS/7/Lines`, { method: 'PUT', body: 'hello body' });
      expect(await response.json()).toMatchObject({ id: '7', part: 'Lines', method: 'PUT', body: 'hello body' });
    });

    it('answers 404 for a method the function does not accept, as the Functions host does', async () => {
      expect((await fetch(`${host.url}/api/items/42`, { method: 'DELETE' })).status).toBe(404);
      expect((await fetch(`${host.url}/api/no-such-route`)).status).toBe(404);
    });

    it('prefers the route whose constraint matches, then falls back to the general one', async () => {
      expect(await (await fetch(`${host.url}/api/orders/12`)).text()).toBe('order 12');
      expect(await (await fetch(`${host.url}/api/orders/abc`)).text()).toBe('named abc');
    });

    it('uses the function name as the default route with GET and POST', async () => {
      expect(await (await fetch(`${host.url}/api/defaultroute`)).text()).toBe('default route');
      expect((await fetch(`${host.url}/api/defaultroute`, { method: 'POST' })).status).toBe(200);
    });

    it('refuses a function-level route without a key, or with a wrong one, with 401', async () => {
      expect((await fetch(`${host.url}/api/secret`)).status).toBe(401);
      expect((await fetch(`${host.url}/api/secret?code=fn-key-12`)).status).toBe(401);
      expect((await fetch(`${host.url}/api/secret`, { headers: { 'x-api-key': 'ops-789' } })).status).toBe(401);
    });

    it('accepts the function key in `code` or `x-functions-key`, and the master key too', async () => {
      expect((await fetch(`${host.url}/api/secret?code=fn-key-123`)).status).toBe(200);
      expect((await fetch(`${host.url}/api/secret`, { headers: { 'x-functions-key': 'fn-key-123' } })).status).toBe(200);
      expect((await fetch(`${host.url}/api/secret`, { headers: { 'x-functions-key': 'master-key-456' } })).status).toBe(200);
    });

    it('accepts only the master key on an admin-level route', async () => {
      expect((await fetch(`${host.url}/api/admin-only?code=fn-key-123`)).status).toBe(401);
      expect((await fetch(`${host.url}/api/admin-only?code=master-key-456`)).status).toBe(200);
    });

    it('translates an HttpResponse with status, headers and a binary body', async () => {
      const response = await fetch(`${host.url}/api/created`, { method: 'POST', body: Buffer.alloc(1000, 7) });
      expect(response.status).toBe(201);
      expect(response.headers.get('x-length')).toBe('1000');
      expect([...new Uint8Array(await response.arrayBuffer())]).toEqual([1, 2, 3]);
    });

    it('hands a 20 MB body to the handler untouched (the app applies its own limits)', async () => {
      const response = await fetch(`${host.url}/api/created`, { method: 'POST', body: Buffer.alloc(20 * 1024 * 1024, 1) });
      expect(response.headers.get('x-length')).toBe(String(20 * 1024 * 1024));
    });

    it('answers 204 when the handler returns nothing, and 500 when it throws', async () => {
      expect((await fetch(`${host.url}/api/nothing`, { method: 'POST' })).status).toBe(204);
      expect((await fetch(`${host.url}/api/throws`)).status).toBe(500);
      expect(sink.entries.some((e) => e.level === 'error' && e.function === 'throws' && e.message.includes('handler exploded'))).toBe(true);
    });

    it('writes context.log/warn/error as one entry each with the function and invocation id', async () => {
      const invocationId = await (await fetch(`${host.url}/api/logs`)).text();
      const mine = sink.entries.filter((e) => e.invocationId === invocationId);
      expect(mine.map((e) => [e.level, e.message, e.function])).toEqual([
        ['information', 'plain 42', 'logs'], ['warning', 'careful', 'logs'], ['error', 'bad thing', 'logs'],
      ]);
    });
  });

  describe('timer triggers', () => {
    it('runs a timer on demand through POST /admin/functions/<name> with the master key and answers 202', async () => {
      const before = state.timerRuns.length;
      const response = await fetch(`${host.url}/admin/functions/fixture-sweep`, {
        method: 'POST', headers: { 'x-functions-key': 'master-key-456', 'content-type': 'application/json' }, body: JSON.stringify({ input: '' }),
      });
      expect(response.status).toBe(202);
      await host.whenIdle();
      expect(state.timerRuns.slice(before)).toEqual([{ isPastDue: false, hasStatus: true, functionName: 'fixture-sweep' }]);
    });

    it('accepts the operations key in x-api-key and an empty {} body', async () => {
      const before = state.timerRuns.length;
      const response = await fetch(`${host.url}/admin/functions/fixture-sweep`, { method: 'POST', headers: { 'x-api-key': 'ops-789' }, body: '{}' });
      expect(response.status).toBe(202);
      await host.whenIdle();
      expect(state.timerRuns.length).toBe(before + 1);
    });

    it('refuses the admin run without a valid key (401) and names an unknown function (404)', async () => {
      expect((await fetch(`${host.url}/admin/functions/fixture-sweep`, { method: 'POST', body: '{}' })).status).toBe(401);
      expect((await fetch(`${host.url}/admin/functions/fixture-sweep`, { method: 'POST', headers: { 'x-functions-key': 'fn-key-123' }, body: '{}' })).status).toBe(401);
      expect((await fetch(`${host.url}/admin/functions/nope`, { method: 'POST', headers: { 'x-api-key': 'ops-789' }, body: '{}' })).status).toBe(404);
    });

    it('runs a timer in-process with invokeTimer', async () => {
      const before = state.timerRuns.length;
      await host.invokeTimer('fixture-sweep');
      expect(state.timerRuns.length).toBe(before + 1);
    });
  });

  describe('Service Bus queue triggers on Azurite', () => {
    it('delivers a message with its Service Bus trigger metadata', async () => {
      await host.queueSender.send(queue, [{ messageId: 'ok-1', body: { kind: 'ORDER_CHANGE', orderId: '113-1' }, applicationProperties: { source: 'test' } }]);
      await host.whenIdle();
      expect(state.received.find((r) => r.messageId === 'ok-1')).toEqual({
        message: { kind: 'ORDER_CHANGE', orderId: '113-1' }, messageId: 'ok-1', deliveryCount: 1, applicationProperties: { source: 'test' },
      });
    });

    it('redelivers a message whose handler throws, dead-letters it after the max delivery count, and keeps it inspectable', async () => {
      await host.queueSender.send(queue, [{ messageId: 'poison-1', body: { kind: 'BOD', fail: true } }]);
      await host.whenIdle();
      expect(state.attempts['poison-1']).toBe(3);
      const letters = await host.deadLetters.list(queue);
      expect(letters.find((l) => l.messageId === 'poison-1')).toMatchObject({
        body: { kind: 'BOD', fail: true }, deliveryCount: 3, deadLetterReason: 'MaxDeliveryCountExceeded', deadLetterErrorDescription: 'Error: cannot process BOD',
      });
      const failures = sink.entries.filter((e) => e.function === 'fixture-consumer' && e.level === 'error');
      expect(failures.length).toBeGreaterThanOrEqual(3);
    });

    it('processes a resubmitted dead letter again', async () => {
      await host.queueSender.send(queue, [{ messageId: 'poison-2', body: { kind: 'SHIPMENT', fail: true } }]);
      await host.whenIdle();
      expect(await host.deadLetters.resubmit(queue, 'poison-2')).toBe(true);
      await host.whenIdle();
      expect(state.attempts['poison-2']).toBe(6);
    });
  });
});
