import path from 'node:path';
import { startLocalHost, memorySink, type LocalHost } from '../../../local/host';
import { azuriteConnectionString, uniqueName } from '../../support/storage';

const FIXTURE = path.resolve(__dirname, '../../fixtures/apps/durable-chain-app.js');

describe('durable functions in the local host', () => {
  let host: LocalHost;

  beforeAll(async () => {
    host = await startLocalHost({ appFiles: [FIXTURE], port: 0, connectionString: azuriteConnectionString(), taskHub: uniqueName('hub'), sink: memorySink() });
  });
  afterAll(async () => { await host?.stop(); });

  it('starts an orchestration through df.getClient from an HTTP function, and it completes', async () => {
    const started = await fetch(`${host.url}/api/chains/order-1`, { method: 'POST' });
    expect(started.status).toBe(202);
    const payload = (await started.json()) as { id: string; statusQueryGetUri: string };
    expect(payload.id).toBe('order-1');
    await host.whenIdle({ timeoutMs: 30_000 });
    const status = await (await fetch(`${host.url}/api/chains/order-1`)).json();
    expect(status).toEqual({ runtimeStatus: 'Completed', output: { total: 115, steps: 5 } });
  });

  it('serves the check-status URI the client returned on the host itself', async () => {
    const started = (await (await fetch(`${host.url}/api/chains/order-2`, { method: 'POST' })).json()) as { statusQueryGetUri: string };
    await host.whenIdle({ timeoutMs: 30_000 });
    expect(new URL(started.statusQueryGetUri).origin).toBe(host.url);
    const status = (await (await fetch(started.statusQueryGetUri)).json()) as { runtimeStatus: string };
    expect(status.runtimeStatus).toBe('Completed');
    // As in Azure, the link carries the durabletask_extension system key; the API refuses a request without a key.
    expect(new URL(started.statusQueryGetUri).searchParams.get('code')).toBe(host.keys.durableKey);
  });

  it('answers the durable HTTP API on the app port only with the system key or the master key', async () => {
    await fetch(`${host.url}/api/chains/order-3`, { method: 'POST' });
    await host.whenIdle({ timeoutMs: 30_000 });
    const instance = `${host.url}/runtime/webhooks/durabletask/instances/order-3`;
    expect((await fetch(instance)).status).toBe(401);
    expect((await fetch(`${instance}?code=wrong`)).status).toBe(401);
    expect((await fetch(instance, { headers: { 'x-functions-key': host.keys.functionKey } })).status).toBe(401);
    expect((await fetch(instance, { headers: { 'x-functions-key': host.keys.masterKey } })).status).toBe(200);
    expect((await fetch(`${instance}?code=${encodeURIComponent(host.keys.durableKey)}`)).status).toBe(200);
  });
});
